package io.stockwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./stockwise} launcher copied into a scratch repository whose {@code mvnw}
 * and {@code java} are stand-ins that record what they were asked.
 */
class LauncherScriptTest {
    private static final List<String> SERVICES =
            List.of("ingestion-service", "feature-service", "forecast-service", "optimizer-service");

    @TempDir
    Path temp;

    Path repo;
    Path jdk;
    Path elsewhere;

    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "bash is needed");
        Path script = Path.of(System.getProperty("basedir", ".")).resolve("../stockwise").normalize();
        assertThat(script).exists();
        assertThat(Files.isExecutable(script)).as("./stockwise is executable").isTrue();

        temp = temp.toRealPath();
        repo = Files.createDirectories(temp.resolve("repo"));
        Files.copy(script, repo.resolve("stockwise"), StandardCopyOption.COPY_ATTRIBUTES);
        executable(repo.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "mvnw $*" >> build.log
                echo "maven says hello"
                [ -f fail-build ] && exit 3
                mkdir -p cli/target && touch cli/target/stockwise-cli.jar
                for s in %s; do mkdir -p $s/target/quarkus-app && touch $s/target/quarkus-app/quarkus-run.jar; done
                """.formatted(String.join(" ", SERVICES)));
        jdk = Files.createDirectories(temp.resolve("jdk/bin")).getParent();
        executable(jdk.resolve("bin/java"), """
                #!/usr/bin/env bash
                for a in "$@"; do echo "arg:$a"; done
                """);
        elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    }

    @Test
    void buildsWhenJarsAreMissingThenExecsJavaWithTheArguments() throws Exception {
        Run run = run(repo.resolve("stockwise").toString(), "call", "a b", "--x");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("stockwise: building the project first").contains("maven says hello");
        assertThat(buildLog()).containsExactly("mvnw -q -B install -DskipTests");
        assertThat(run.out().lines().toList()).containsExactly(
                "arg:-Xmx64m",
                "arg:-Dfoo=bar",
                "arg:-Dstockwise.home=" + repo,
                "arg:-jar",
                "arg:" + repo.resolve("cli/target/stockwise-cli.jar"),
                "arg:call",
                "arg:a b",
                "arg:--x");
    }

    @Test
    void doesNotBuildWhenEverythingIsBuilt() throws Exception {
        run(repo.resolve("stockwise").toString(), "--version");
        Run second = run(repo.resolve("stockwise").toString(), "--version");

        assertThat(second.exitCode()).isZero();
        assertThat(second.err()).isEmpty();
        assertThat(buildLog()).hasSize(1);
    }

    @Test
    void rebuildsWhenAServiceIsMissing() throws Exception {
        run(repo.resolve("stockwise").toString(), "--version");
        Files.delete(repo.resolve("forecast-service/target/quarkus-app/quarkus-run.jar"));

        Run run = run(repo.resolve("stockwise").toString(), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("forecast-service/target/quarkus-app/quarkus-run.jar");
        assertThat(buildLog()).hasSize(2);
    }

    @Test
    void stopsWhenTheBuildFails() throws Exception {
        Files.createFile(repo.resolve("fail-build"));

        Run run = run(repo.resolve("stockwise").toString(), "--version");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("stockwise: the build failed");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void worksThroughASymlinkFromAnotherDirectory() throws Exception {
        Path link = Files.createSymbolicLink(elsewhere.resolve("sw"), repo.resolve("stockwise"));

        Run run = run(link.toString(), "call");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("arg:-Dstockwise.home=" + repo + "\n");
    }

    private Run run(String command, String... args) throws IOException, InterruptedException {
        var commandLine = new java.util.ArrayList<String>();
        commandLine.add(command);
        commandLine.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(elsewhere.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", jdk.toString());
        env.put("STOCKWISE_JAVA_OPTS", " -Xmx64m   -Dfoo=bar ");
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<String> buildLog() throws IOException {
        Path log = repo.resolve("build.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static void executable(Path path, String text) throws IOException {
        Files.writeString(path, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
