package io.stockwise.cli.demo;

import io.stockwise.cli.StockwiseCommand;
import io.stockwise.cli.UsageException;
import io.stockwise.proto.v1.PlanLine;
import io.stockwise.proto.v1.SaleRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = StockwiseCommand.VersionProvider.class,
        description = {
            "Runs Stockwise end to end on this machine: starts an embedded PostgreSQL and Kafka broker and the four",
            "services, loads a sample catalog (or an Online Retail file), and prints forecasts and a replenishment plan.",
            "Then keeps the stack running and prints each service's address until Ctrl-C, unless --once is given."})
public class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--once", description = "Exit after the run, stopping everything it started.")
    boolean once;

    @Option(names = "--transactions", paramLabel = "FILE",
            description = "Load a file in the UCI Online Retail format (CSV or .csv.gz) instead of the generated catalog.")
    Path transactions;

    @Option(names = "--skus", defaultValue = "200", description = "SKUs in the generated catalog (default: ${DEFAULT-VALUE}).")
    int skus;

    @Option(names = "--locations", defaultValue = "3", description = "Locations per SKU in the generated catalog (default: ${DEFAULT-VALUE}).")
    int locations;

    @Option(names = "--days", defaultValue = "730", description = "Days of history in the generated catalog (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated catalog (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--horizon", defaultValue = "28", description = "Forecast horizon in days (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--lead-time", defaultValue = "7", description = "Supplier lead time in days (default: ${DEFAULT-VALUE}).")
    int leadTime;

    @Option(names = "--review-period", defaultValue = "7", description = "Days between orders (default: ${DEFAULT-VALUE}).")
    int reviewPeriod;

    @Option(names = "--service-level", defaultValue = "0.95", description = "Target cycle service level (default: ${DEFAULT-VALUE}).")
    double serviceLevel;

    @Option(names = "--train", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Train the champion model (backtest of every model, the DJL network included) before forecasting (default: ${DEFAULT-VALUE}); --no-train forecasts with the seasonal-naive baseline.")
    boolean train;

    @Option(names = "--plan-eval", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --transactions, replay the plan's policy over the last 28 days of the file (plan-eval at one"
                    + " origin after two calibration origins, fast champion) and print the realised service level beside the"
                    + " target (default: ${DEFAULT-VALUE}).")
    boolean planEval;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where data and logs go (default: <repo>/.stockwise/demo).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var home = Path.of(System.getProperty("stockwise.home", ".")).toAbsolutePath().normalize();
        var dir = workDir != null ? workDir : home.resolve(".stockwise/demo");
        if (horizon < 1 || horizon > 366) {
            throw new UsageException("--horizon must be between 1 and 366");
        }
        List<SaleRecord> records;
        if (transactions != null) {
            if (!Files.isRegularFile(transactions)) {
                throw new UsageException("--transactions: no such file: " + transactions);
            }
            var read = OnlineRetailReader.read(transactions);
            records = read.records();
            out.printf("Read %,d lines of %s: %,d sales records (%,d non-product and %,d zero-quantity lines skipped)%n",
                    read.lines(), transactions, records.size(), read.nonProduct(), read.zeroQuantity());
        } else {
            var catalog = SampleCatalog.generate(new SampleCatalog.Options(skus, locations, days, LocalDate.now().minusDays(1), seed));
            records = SampleCatalog.records(catalog);
            out.printf("Generated a catalog of %,d series (%d SKUs x %d locations) over %d days: %,d sales lines%n",
                    catalog.size(), skus, locations, days, records.size());
        }
        // A fresh database per run: the demo's numbers are exactly this run's.
        ServiceProcess.deleteTree(dir.resolve("data"));
        var stack = LocalStack.start(home, dir, out, Duration.ofMinutes(3));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "stockwise-demo-stop"));
        try (var flow = new DemoFlow(stack, out)) {
            // An Online Retail file is planned as of its last day, so series that stopped selling are seen as such.
            java.util.Optional<LocalDate> asOf = transactions == null ? java.util.Optional.empty()
                    : records.stream().map(r -> LocalDate.of(r.getBusinessDate().getYear(), r.getBusinessDate().getMonth(),
                            r.getBusinessDate().getDay())).max(LocalDate::compareTo);
            var result = flow.run(records, horizon, new DemoFlow.Terms(leadTime, reviewPeriod, serviceLevel, 10), train, asOf);
            printPlan(out, result.plan());
        }
        if (transactions != null && planEval) {
            printPlanBacktest(out);
        }
        if (once) {
            return 0;
        }
        out.println();
        out.println("The stack is running. Call it with ./stockwise call ADDRESS SERVICE/METHOD JSON:");
        for (var svc : LocalStack.SERVICES) {
            out.printf("  %-18s 127.0.0.1:%d   (gRPC + http://127.0.0.1:%d/q/health, /q/metrics)%n", svc, stack.port(svc), stack.port(svc));
        }
        out.printf("  %-18s %s%n  %-18s %s%n", "PostgreSQL", stack.infra().jdbcUrl(), "Kafka", stack.infra().bootstrapServers());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    /** The plan's policy replayed over the file's last origin: realised service beside the target. */
    private void printPlanBacktest(java.io.PrintWriter out) throws java.io.IOException {
        var terms = new io.stockwise.cli.plan.PlanBacktest.Terms(leadTime, reviewPeriod, Math.max(28, leadTime + reviewPeriod),
                false);
        var options = new io.stockwise.cli.plan.PlanEvaluation.Options(List.of(serviceLevel), 1, 2, 14, terms, false, 2000,
                io.stockwise.forecast.core.neural.MqConfig.defaults(terms.windowDays()));
        out.println();
        out.println("Plan backtest (./stockwise plan-eval): the policy replayed over the last " + terms.windowDays()
                + " days of the file...");
        out.flush();
        var data = io.stockwise.forecast.core.data.OnlineRetail.read(transactions);
        var r = io.stockwise.cli.plan.PlanEvaluation.run(data, options, new java.io.PrintStream(
                java.io.OutputStream.nullOutputStream()));
        var product = r.tallies().get(serviceLevel).get(io.stockwise.cli.plan.PlanEvaluation.Policy.PRODUCT).get(0).all();
        var raw = r.tallies().get(serviceLevel).get(io.stockwise.cli.plan.PlanEvaluation.Policy.PRODUCT_RAW).get(0).all();
        out.printf(java.util.Locale.ROOT, "  origin %s, %s%n", r.origins().get(0), r.forecaster());
        out.printf(java.util.Locale.ROOT, "  realised cycle service level %.3f against the %.3f target (%.3f before calibration);"
                + " fill rate %.3f; %,d cycles%n", product.cycleServiceLevel(), serviceLevel, raw.cycleServiceLevel(),
                product.fillRate(), product.cycles());
        out.flush();
    }

    static void printPlan(java.io.PrintWriter out, List<PlanLine> plan) {
        var top = plan.stream().filter(l -> l.getOrderQuantity() > 0)
                .sorted(Comparator.comparingDouble(PlanLine::getOrderValue).reversed()).limit(15).toList();
        out.println();
        out.printf("%-22s %8s %8s %8s %8s %8s  %s%n", "series", "order", "S", "ROP", "safety", "position", "why");
        for (var l : top) {
            out.printf("%-22s %8.0f %8.1f %8.1f %8.1f %8.1f  %s%n", l.getSeries().getSkuId() + "/" + l.getSeries().getLocationId(),
                    l.getOrderQuantity(), l.getOrderUpToLevel(), l.getReorderPoint(), l.getSafetyStock(), l.getInventoryPosition(),
                    l.getExplanation());
        }
        out.flush();
    }
}
