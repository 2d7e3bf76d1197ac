package io.stockwise.forecast.core;

import io.stockwise.forecast.core.data.OnlineRetail;
import io.stockwise.forecast.core.ensemble.ChampionSelector;
import io.stockwise.forecast.core.ensemble.MultiOriginChampion;
import io.stockwise.forecast.core.ensemble.MultiOriginEvaluation;
import io.stockwise.forecast.core.metrics.Segment;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqForecaster;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The offline evaluation behind {@code ./stockwise forecast-eval}: reads demand up to and including
 * the cutoff, runs the champion ({@link MultiOriginChampion}: every model backtested on rolling
 * origins before the cutoff, ensembles per segment and reconciliation chosen there), writes the
 * forecast CSV and prints the backtest. With
 * {@code scoreAfter} it then reads the days after the cutoff and scores every model on them.
 */
public final class ForecastEvaluation {
    /** The CSV header. */
    public static final String HEADER = "series_id,date,mean,q0.005,q0.025,q0.165,q0.25,q0.5,q0.75,q0.835,q0.975,q0.995";

    /** What was run. */
    public record Options(Path transactions, LocalDate cutoff, int horizon, Path out, MqConfig network, boolean pairs,
            boolean scoreAfter, int validationOrigins, int stepDays) {
        /** With the default validation origins and step. */
        public Options(Path transactions, LocalDate cutoff, int horizon, Path out, MqConfig network, boolean pairs,
                boolean scoreAfter) {
            this(transactions, cutoff, horizon, out, network, pairs, scoreAfter,
                    MultiOriginChampion.DEFAULT_VALIDATION_ORIGINS, MultiOriginChampion.DEFAULT_STEP_DAYS);
        }
    }

    private ForecastEvaluation() {}

    /** The models the champion chooses from. */
    public static List<ForecastModel> models(MqConfig network) {
        var models = new ArrayList<ForecastModel>(Baselines.all());
        long[] start = {System.nanoTime()};
        models.add(new MqForecaster(network, new io.stockwise.forecast.core.neural.TrainingMonitor() {
            @Override
            public void progress(double fraction, double loss) {
                System.err.printf(Locale.ROOT, "  mq_mlp training %3.0f%% loss %.4f (%.1f s)%n", 100 * fraction, loss,
                        (System.nanoTime() - start[0]) / 1e9);
                if (fraction >= 1) {
                    start[0] = System.nanoTime();
                }
            }
        }));
        return models;
    }

    /** Runs the evaluation, printing progress and tables to {@code log}. */
    public static void run(Options o, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        var data = OnlineRetail.read(o.transactions(), o.cutoff());
        var histories = Backtest.historiesAt(data, o.cutoff());
        log.printf(Locale.ROOT, "read %d series with sales on or before %s (%.1f s)%n", histories.size(), o.cutoff(),
                (System.nanoTime() - t0) / 1e9);
        if (histories.isEmpty()) {
            throw new IllegalArgumentException("no sales on or before " + o.cutoff() + " in " + o.transactions());
        }
        var aggregator = new TotalAggregator();
        var champion = new MultiOriginChampion(MultiOriginEvaluation.models(o.network()), o.validationOrigins(),
                o.stepDays(), aggregator, o.pairs() ? ChampionSelector.ROUNDS : 1);
        var forecasts = champion.fit(histories, o.horizon(), o.scoreAfter());
        var total = aggregator.aggregate(histories, forecasts);
        var report = champion.lastReport();
        log.println();
        log.println("validation: every model at the origins " + report.origins() + ", each scored on the " + o.horizon()
                + " days after it, averaged (" + MultiOriginChampion.NAME + " is in-sample: chosen on them)");
        var rows = new ArrayList<MultiOriginEvaluation.Row>();
        report.validation().forEach((name, score) -> rows.add(new MultiOriginEvaluation.Row(null, name, score)));
        log.print(MultiOriginEvaluation.table(rows));
        log.println("champion per segment (chosen on these origins): " + report.choice() + ", reconciliation "
                + report.selection().reconciliation() + ", mean " + report.selection().meanRule());
        write(o.out(), forecasts, total);
        log.printf(Locale.ROOT, "wrote %s: %d series x %d days + %s (%.1f s)%n", o.out(), forecasts.size(), o.horizon(),
                TotalAggregator.TOTAL_ID, (System.nanoTime() - t0) / 1e9);

        if (o.scoreAfter()) {
            var all = OnlineRetail.read(o.transactions());
            var fileEnd = all.stream().map(DemandSeries::lastDate).max(LocalDate::compareTo).orElse(o.cutoff());
            var scoreEnd = o.cutoff().plusDays(o.horizon());
            if (fileEnd.isBefore(scoreEnd)) {
                // Days missing from the file are not zero demand: scoring them would reward forecasts of nothing.
                log.println();
                log.println("not scored: the file ends on " + fileEnd + ", before the last forecast day " + scoreEnd
                        + " (--score-after needs every day of the horizon)");
                return;
            }
            var byId = new java.util.HashMap<String, DemandSeries>();
            for (var s : all) {
                byId.put(s.id(), s);
            }
            var actuals = histories.stream().map(h -> byId.containsKey(h.id())
                    ? Backtest.actualsAfter(byId.get(h.id()), o.cutoff(), o.horizon()) : new double[o.horizon()]).toList();
            var results = new ArrayList<Backtest.ModelResult>();
            report.finalForecasts().forEach((name, f) ->
                    results.add(Backtest.score(name, histories, actuals, f, aggregator, 0)));
            results.add(Backtest.score(MultiOriginChampion.NAME, histories, actuals, forecasts, aggregator, 0));
            log.println();
            log.println("scored on the " + o.horizon() + " days after the cutoff (actuals from the same file):");
            log.print(Backtest.table(new Backtest.Split(o.cutoff(), o.horizon(), histories, actuals, results)));
            var counts = new java.util.EnumMap<Segment, Integer>(Segment.class);
            histories.forEach(h -> counts.merge(Segment.of(h), 1, Integer::sum));
            log.println("series per segment at the cutoff: " + counts);
        }
    }

    /** Writes the forecast CSV: every series' days, then the total's. */
    public static void write(Path out, List<QuantileForecast> forecasts, QuantileForecast total) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            var sb = new StringBuilder(256);
            for (var f : forecasts) {
                row(w, sb, f);
            }
            row(w, sb, total);
        }
    }

    private static void row(BufferedWriter w, StringBuilder sb, QuantileForecast f) throws IOException {
        var mean = f.mean();
        for (int h = 0; h < f.horizon(); h++) {
            sb.setLength(0);
            sb.append(f.id()).append(',').append(f.firstDate().plusDays(h)).append(',').append(num(mean[h]));
            for (int j = 0; j < Quantiles.COUNT; j++) {
                sb.append(',').append(num(f.quantile(h, j)));
            }
            sb.append('\n');
            w.write(sb.toString());
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** {@code transactions cutoff horizon out [--score-after]}: for running without the CLI. */
    public static void main(String[] args) throws IOException {
        var cfg = MqConfig.defaults(Integer.parseInt(args[2]));
        if (System.getProperty("mq.epochs") != null) {
            cfg = cfg.withEpochs(Integer.getInteger("mq.epochs"));
        }
        if (System.getProperty("mq.samples") != null) {
            cfg = cfg.withMaxSamples(Integer.getInteger("mq.samples"));
        }
        if (System.getProperty("mq.hidden") != null) {
            cfg = cfg.withHidden(Integer.getInteger("mq.hidden"));
        }
        boolean score = List.of(args).contains("--score-after");
        run(new Options(Path.of(args[0]), LocalDate.parse(args[1]), Integer.parseInt(args[2]), Path.of(args[3]), cfg,
                !Boolean.getBoolean("mq.nopairs"), score), System.out);
    }
}
