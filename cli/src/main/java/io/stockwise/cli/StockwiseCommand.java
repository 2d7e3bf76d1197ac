package io.stockwise.cli;

import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.stockwise.cli.call.CallCommand;
import io.stockwise.cli.demo.DemoCommand;
import io.stockwise.cli.forecast.ForecastEvalCommand;
import io.stockwise.cli.forecast.ForecastPlotCommand;
import io.stockwise.cli.forecast.LongCsvCommand;
import io.stockwise.cli.ingest.ImportCommand;
import io.stockwise.cli.grpc.GrpcErrorFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stockwise}: the Stockwise command line. */
@Command(
        name = "stockwise",
        mixinStandardHelpOptions = true,
        versionProvider = StockwiseCommand.VersionProvider.class,
        description = "The Stockwise command line.",
        subcommands = {CallCommand.class, DemoCommand.class, ImportCommand.class, ForecastEvalCommand.class, ForecastPlotCommand.class,
            LongCsvCommand.class, io.stockwise.cli.plan.PlanEvalCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the server answered with a gRPC error, or the command failed",
            "2:invalid usage: bad arguments, options or JSON"
        })
public class StockwiseCommand implements Runnable {
    /** Exit code when everything went fine. */
    public static final int EXIT_OK = 0;
    /** Exit code when a gRPC call failed or the command could not complete. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for bad command lines: arguments, options, input JSON. */
    public static final int EXIT_USAGE = 2;

    private final InputStream stdin;

    @Spec
    CommandSpec spec;

    public StockwiseCommand() {
        this(System.in);
    }

    /** @param stdin what subcommands read as standard input (e.g. {@code call ... -}) */
    public StockwiseCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    /** The standard input of this invocation. */
    public InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** The configured command line, reading standard input from {@code stdin}. */
    public static CommandLine commandLine(InputStream stdin) {
        CommandLine commandLine = new CommandLine(new StockwiseCommand(stdin));
        // `call` reads @FILE itself; picocli must not expand it as an argument file.
        commandLine.setExpandAtFiles(false);
        commandLine.setExecutionExceptionHandler((failure, failed, parseResult) -> handle(failure, failed.getErr()));
        return commandLine;
    }

    /**
     * Prints {@code failure} for people and returns the exit code: {@link #EXIT_USAGE} for a
     * {@link UsageException}, {@link #EXIT_FAILURE} otherwise (a gRPC status as {@code ERROR
     * <code>: <description>} with its details).
     */
    static int handle(Exception failure, PrintWriter err) {
        if (failure instanceof UsageException) {
            err.println("error: " + failure.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        if (failure instanceof StatusRuntimeException || failure instanceof StatusException) {
            GrpcErrorFormat.describe(failure).forEach(err::println);
            err.flush();
            return EXIT_FAILURE;
        }
        err.println("error: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
        if (System.getenv("STOCKWISE_DEBUG") != null) {
            failure.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.in).execute(args));
    }

    /** Reads the version the build wrote into {@code version.properties}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "stockwise " + version(),
                "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"
            };
        }

        /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
        public static String version() {
            try (InputStream in = StockwiseCommand.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return "unknown";
                }
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
