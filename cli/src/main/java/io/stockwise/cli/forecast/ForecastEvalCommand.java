package io.stockwise.cli.forecast;

import io.stockwise.cli.UsageException;
import io.stockwise.forecast.core.ForecastEvaluation;
import io.stockwise.forecast.core.ensemble.MultiOriginEvaluation;
import io.stockwise.forecast.core.neural.MqConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stockwise forecast-eval}: trains the forecast models on an Online Retail file up to a
 * cutoff, writes the forecast CSV and prints the backtest (the same model code as the service).
 */
@Command(
        name = "forecast-eval",
        mixinStandardHelpOptions = true,
        versionProvider = io.stockwise.cli.StockwiseCommand.VersionProvider.class,
        description = {
            "Trains every forecast model on an Online Retail file using only data up to and including the cutoff,",
            "backtests them on the horizon before the cutoff, picks the champion per segment (fast, intermittent, new),",
            "and writes its forecasts: one row per SKU per day after the cutoff plus the _TOTAL rows.",
            "With --origins N: a rolling-origin evaluation instead, N origins --step-days apart ending on the cutoff,",
            "each scored on the horizon after it (the file must hold those days); at every origin the champion is",
            "chosen on --validation-origins earlier origins whose scored days end by it; prints every model's",
            "WRMSSE, WSPL and coverage per origin and on average (--out, if given, gets the last origin's forecasts)."
        })
public final class ForecastEvalCommand implements Callable<Integer> {
    @Option(names = "--transactions", required = true, paramLabel = "FILE",
            description = "Online Retail CSV (optionally .gz): InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country")
    Path transactions;

    @Option(names = "--cutoff", required = true, paramLabel = "DATE", description = "last day of history used (YYYY-MM-DD)")
    String cutoff;

    @Option(names = "--horizon", defaultValue = "28", paramLabel = "DAYS", description = "days forecast after the cutoff (default ${DEFAULT-VALUE})")
    int horizon;

    @Option(names = "--out", paramLabel = "FILE", description = "the forecast CSV to write (required without --origins)")
    Path out;

    @Option(names = "--origins", paramLabel = "N",
            description = "rolling-origin evaluation over N origins ending on the cutoff (at least 1)")
    Integer origins;

    @Option(names = "--step-days", defaultValue = "7", paramLabel = "K",
            description = "days between origins, and between the champion's validation origins (default ${DEFAULT-VALUE})")
    int stepDays;

    @Option(names = "--validation-origins", defaultValue = "3", paramLabel = "V",
            description = "origins the champion is chosen on at each origin (default ${DEFAULT-VALUE})")
    int validationOrigins;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the network's training (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--epochs", description = "training epochs of the network (default 4, as forecast-service trains it)")
    Integer epochs;

    @Option(names = "--max-samples", paramLabel = "N", description = "most training windows of the network (default 40000)")
    Integer maxSamples;

    @Option(names = "--score-after",
            description = "also score every model on the horizon after the cutoff, when the file holds those days")
    boolean scoreAfter;

    @Override
    public Integer call() throws Exception {
        LocalDate day;
        try {
            day = LocalDate.parse(cutoff);
        } catch (DateTimeParseException e) {
            throw new UsageException("--cutoff must be a date YYYY-MM-DD, was '" + cutoff + "'");
        }
        if (horizon < 1 || horizon > 366) {
            throw new UsageException("--horizon must be between 1 and 366, was " + horizon);
        }
        if (!Files.isReadable(transactions)) {
            throw new UsageException("cannot read --transactions " + transactions);
        }
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new UsageException("--device must be auto, cpu or gpu, was '" + device + "'");
        }
        if (origins != null && origins < 1) {
            throw new UsageException("--origins must be at least 1, was " + origins);
        }
        if (stepDays < 1 || stepDays > 366) {
            throw new UsageException("--step-days must be between 1 and 366, was " + stepDays);
        }
        if (validationOrigins < 1 || validationOrigins > 52) {
            throw new UsageException("--validation-origins must be between 1 and 52, was " + validationOrigins);
        }
        if (origins == null && out == null) {
            throw new UsageException("--out is required (the forecast CSV to write) unless --origins is given");
        }
        var config = MqConfig.rolling(horizon).withSeed(seed).withDevice(device);
        if (epochs != null) {
            config = config.withEpochs(epochs);
        }
        if (maxSamples != null) {
            config = config.withMaxSamples(maxSamples);
        }
        if (origins != null) {
            try {
                MultiOriginEvaluation.run(new MultiOriginEvaluation.Options(transactions, day, horizon, origins, stepDays,
                        validationOrigins, config, out), System.out);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return 0;
        }
        ForecastEvaluation.run(new ForecastEvaluation.Options(transactions, day, horizon, out, config, true, scoreAfter),
                System.out);
        return 0;
    }
}
