package io.stockwise.cli.plan;

import io.stockwise.cli.UsageException;
import io.stockwise.forecast.core.data.OnlineRetail;
import io.stockwise.forecast.core.neural.MqConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stockwise plan-eval}: the plan backtest on an Online Retail file (see {@link PlanEvaluation}). */
@Command(
        name = "plan-eval",
        mixinStandardHelpOptions = true,
        versionProvider = io.stockwise.cli.StockwiseCommand.VersionProvider.class,
        description = {
            "Replays replenishment plans over history: at each origin, forecasts from the data up to it and the optimizer's",
            "order-up-to policy, run over the actual demand of the following days (periodic review, orders arriving after",
            "the lead time, backorders or lost sales), beside a normal rule on the last 8 weeks and an empirical quantile of",
            "rolling sums, also at equal stock. Prints realised cycle service level, fill rate, stock, units ordered and",
            "holding cost per target and segment; the product's targets are calibrated on earlier origins only."
        })
public final class PlanEvalCommand implements Callable<Integer> {
    @Option(names = "--transactions", required = true, paramLabel = "FILE", description = "Online Retail CSV (optionally .gz)")
    Path transactions;

    @Option(names = "--origins", defaultValue = "6", description = "origins evaluated (default ${DEFAULT-VALUE})")
    int origins;

    @Option(names = "--calibration-origins", defaultValue = "3",
            description = "earlier origins that only fit the calibration map (default ${DEFAULT-VALUE})")
    int calibrationOrigins;

    @Option(names = "--step-days", defaultValue = "14", description = "days between origins (default ${DEFAULT-VALUE})")
    int stepDays;

    @Option(names = "--lead-time", defaultValue = "7", description = "lead time L in days (default ${DEFAULT-VALUE})")
    int leadTime;

    @Option(names = "--review-period", defaultValue = "7", description = "review period R in days (default ${DEFAULT-VALUE})")
    int reviewPeriod;

    @Option(names = "--window-days", defaultValue = "28",
            description = "days replayed after each origin, at least L + R (default ${DEFAULT-VALUE})")
    int windowDays;

    @Option(names = "--service-level", defaultValue = "0.95", split = ",",
            description = "target cycle service level(s), comma-separated, each in (0, 1) (default ${DEFAULT-VALUE})")
    List<Double> serviceLevels = new ArrayList<>();

    @Option(names = "--lost-sales", description = "unmet demand is lost (default: backordered)")
    boolean lostSales;

    @Option(names = "--full-champion",
            description = "forecast with the full champion (the DJL network retrained at every origin; slow on 2 cores)")
    boolean fullChampion;

    @Option(names = "--samples", defaultValue = "2000", description = "Monte Carlo scenarios per protection interval (default ${DEFAULT-VALUE})")
    int samples;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(transactions)) {
            throw new UsageException("cannot read --transactions " + transactions);
        }
        if (origins < 1 || calibrationOrigins < 0 || stepDays < 1) {
            throw new UsageException("--origins and --step-days must be positive, --calibration-origins at least 0");
        }
        if (leadTime < 0 || reviewPeriod < 1 || windowDays < leadTime + reviewPeriod) {
            throw new UsageException("--lead-time must be >= 0, --review-period >= 1 and --window-days >= L + R, were "
                    + leadTime + ", " + reviewPeriod + ", " + windowDays);
        }
        for (double s : serviceLevels) {
            if (!(s > 0 && s < 1)) {
                throw new UsageException("--service-level must be strictly between 0 and 1, was " + s);
            }
        }
        if (samples < 100) {
            throw new UsageException("--samples must be at least 100, was " + samples);
        }
        var terms = new PlanBacktest.Terms(leadTime, reviewPeriod, windowDays, lostSales);
        var options = new PlanEvaluation.Options(List.copyOf(serviceLevels), origins, calibrationOrigins, stepDays, terms,
                fullChampion, samples, MqConfig.defaults(windowDays));
        var data = OnlineRetail.read(transactions);
        var result = PlanEvaluation.run(data, options, System.err);
        PlanEvaluation.print(result, options, System.out);
        return 0;
    }
}
