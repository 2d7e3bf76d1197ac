package io.stockwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StockwiseCommandTest {
    @Test
    void versionComesFromTheBuild() {
        var result = CliRun.run("--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("stockwise ").doesNotContain("${project.version}").doesNotContain("unknown");
        assertThat(StockwiseCommand.VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsTheSubcommands() {
        var result = CliRun.run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: stockwise").contains("call");
    }

    @Test
    void everySubcommandHasHelpAndVersion() {
        var commandLine = StockwiseCommand.commandLine(System.in);
        assertThat(commandLine.getSubcommands()).isNotEmpty();
        for (String name : commandLine.getSubcommands().keySet()) {
            var help = CliRun.run(name, "--help");
            assertThat(help.exitCode()).as(name + " --help").isZero();
            assertThat(help.out()).contains("Usage: stockwise " + name);
            var version = CliRun.run(name, "--version");
            assertThat(version.exitCode()).as(name + " --version").isZero();
            assertThat(version.out()).startsWith("stockwise ");
        }
    }

    @Test
    void noSubcommandIsAUsageError() {
        var result = CliRun.run();
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(result.err()).contains("Missing subcommand").contains("Usage: stockwise");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        var result = CliRun.run("frobnicate");
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(result.err()).contains("frobnicate");
    }
}
