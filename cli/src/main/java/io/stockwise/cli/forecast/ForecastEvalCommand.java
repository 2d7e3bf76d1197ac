package io.stockwise.cli.forecast;

import io.stockwise.cli.UsageException;
import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.BucketEvaluation;
import io.stockwise.forecast.core.ForecastEvaluation;
import io.stockwise.forecast.core.Levels;
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
            "With --format long: reads a long CSV (series_id,period,value; days, ISO weeks or months), backtests the",
            "bucket's models on rolling origins, picks the champion per segment and writes",
            "series_id,period,mean,q<level>,... at the --quantiles asked for.",
            "With --origins N: a rolling-origin evaluation instead, N origins --step-days apart ending on the cutoff,",
            "each scored on the horizon after it (the file must hold those days); at every origin the champion is",
            "chosen on --validation-origins earlier origins whose scored days end by it; prints every model's",
            "WRMSSE, WSPL and coverage per origin and on average (--out, if given, gets the last origin's forecasts)."
        })
public final class ForecastEvalCommand implements Callable<Integer> {
    @Option(names = "--format", defaultValue = "online-retail", paramLabel = "FORMAT",
            description = "online-retail (--transactions) or long (--input) (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--transactions", paramLabel = "FILE",
            description = "Online Retail CSV (optionally .gz): InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country")
    Path transactions;

    @Option(names = "--input", paramLabel = "FILE",
            description = "with --format long: CSV (optionally .gz) with header series_id,period,value")
    Path input;

    @Option(names = "--bucket", paramLabel = "BUCKET",
            description = "with --format long: day, week or month (default: the notation of the file's periods)")
    String bucket;

    @Option(names = "--cutoff", paramLabel = "PERIOD",
            description = "last period of history used: YYYY-MM-DD (required for online-retail), or with --format long"
                    + " a period in the file's notation (YYYY-MM-DD, YYYY-Www, YYYY-MM; default: the file's last)")
    String cutoff;

    @Option(names = "--horizon", paramLabel = "N",
            description = "buckets forecast after the cutoff (default 28 days, 13 weeks or 12 months)")
    Integer horizon;

    @Option(names = "--quantiles", paramLabel = "LEVELS",
            description = "comma-separated levels, each strictly between 0 and 1, at most 99 (default the nine:"
                    + " 0.005,0.025,0.165,0.25,0.5,0.75,0.835,0.975,0.995); with online-retail read off the nine")
    String quantiles;

    @Option(names = "--no-network",
            description = "with --format long: leave the global network (mq_bucket) out of the candidates")
    boolean noNetwork;

    @Option(names = "--out", paramLabel = "FILE", description = "the forecast CSV to write (required without --origins)")
    Path out;

    @Option(names = "--origins", paramLabel = "N",
            description = "online-retail: rolling-origin evaluation over N origins ending on the cutoff (at least 1);"
                    + " with --format long: rolling origins of the champion's backtest (default 3)")
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
        if (format.equals("long")) {
            return callLong();
        }
        if (!format.equals("online-retail")) {
            throw new UsageException("--format must be online-retail or long, was '" + format + "'");
        }
        if (transactions == null) {
            throw new UsageException("--transactions is required with --format online-retail");
        }
        if (cutoff == null) {
            throw new UsageException("--cutoff is required with --format online-retail");
        }
        if (input != null || bucket != null) {
            throw new UsageException("--input and --bucket go with --format long");
        }
        double[] levels = null;
        if (quantiles != null) {
            try {
                levels = Levels.parse(quantiles);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--quantiles: " + e.getMessage());
            }
        }
        int horizon = this.horizon == null ? 28 : this.horizon;
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
        if (levels != null) {
            relevel(out, levels, java.util.Arrays.stream(quantiles.split(",")).map(q -> "q" + q.trim()).toList());
        }
        return 0;
    }

    /**
     * Rewrites a nine-level forecast CSV at other levels, each read off the nine
     * ({@link Levels#interpolate}: linear between them, a normal-shaped tail beyond 0.005 and 0.995).
     */
    static void relevel(Path csv, double[] levels, java.util.List<String> labels) throws java.io.IOException {
        var known = io.stockwise.forecast.core.Quantiles.levels();
        var lines = Files.readAllLines(csv);
        var out = new java.util.ArrayList<String>(lines.size());
        var header = new StringBuilder(lines.get(0).substring(0, lines.get(0).indexOf(",q")));
        labels.forEach(l -> header.append(',').append(l));
        out.add(header.toString());
        var q = new double[known.length];
        for (var line : lines.subList(1, lines.size())) {
            var f = line.split(",");
            var sb = new StringBuilder(f[0]).append(',').append(f[1]).append(',').append(f[2]);
            for (int j = 0; j < known.length; j++) {
                q[j] = Double.parseDouble(f[3 + j]);
            }
            for (double level : levels) {
                sb.append(',').append(String.format(java.util.Locale.ROOT, "%.4f", Levels.interpolate(known, q, level)));
            }
            out.add(sb.toString());
        }
        Files.write(csv, out);
    }

    private Integer callLong() throws Exception {
        if (input == null) {
            throw new UsageException("--input is required with --format long");
        }
        if (transactions != null) {
            throw new UsageException("--transactions goes with --format online-retail; use --input with --format long");
        }
        if (!Files.isReadable(input)) {
            throw new UsageException("cannot read --input " + input);
        }
        Bucket b = null;
        if (bucket != null) {
            try {
                b = Bucket.named(bucket);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--bucket: " + e.getMessage());
            }
        }
        if (horizon != null && (horizon < 1 || horizon > 366)) {
            throw new UsageException("--horizon must be between 1 and 366, was " + horizon);
        }
        int origins = this.origins == null ? 3 : this.origins;
        if (origins < 1 || origins > 24) {
            throw new UsageException("--origins must be between 1 and 24, was " + origins);
        }
        double[] levels;
        java.util.List<String> labels;
        if (quantiles == null) {
            levels = io.stockwise.forecast.core.Quantiles.levels();
            labels = java.util.Arrays.stream(levels).mapToObj(Levels::column).toList();
        } else {
            try {
                levels = Levels.parse(quantiles);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--quantiles: " + e.getMessage());
            }
            labels = java.util.Arrays.stream(quantiles.split(",")).map(q -> "q" + q.trim()).toList();
        }
        try {
            BucketEvaluation.run(new BucketEvaluation.Options(input, b, cutoff, horizon == null ? 0 : horizon, levels,
                    labels, out, scoreAfter, origins,
                    noNetwork ? 0 : io.stockwise.forecast.core.neural.BucketNetwork.MIN_STEPS), System.out);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return 0;
    }
}
