package io.stockwise.forecast.core.ensemble;

import io.stockwise.forecast.core.Backtest;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.ForecastEvaluation;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.TotalAggregator;
import io.stockwise.forecast.core.data.OnlineRetail;
import io.stockwise.forecast.core.metrics.Score;
import io.stockwise.forecast.core.neural.MqConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rolling-origin evaluation behind {@code ./stockwise forecast-eval --origins N --step-days K}:
 * {@code N} origins {@code K} days apart, the last on the cutoff, each scored on the
 * {@code horizon} days after it. At every origin each base model is fitted on the data up to it,
 * and the champion is chosen exactly as {@link MultiOriginChampion} would at that origin: on
 * validation origins whose scored days all end on or before it (choices and weights for origin
 * {@code k} use only what was known at {@code k}). Each origin's models are fitted once and
 * shared between the origins that score them and those that choose on them.
 */
public final class MultiOriginEvaluation {
    /**
     * What to run.
     *
     * @param out where to write the champion's forecast CSV at the last origin, or {@code null}
     */
    public record Options(Path transactions, LocalDate cutoff, int horizon, int origins, int stepDays,
            int validationOrigins, MqConfig network, Path out) {}

    /** One model's score at one origin. */
    public record Row(LocalDate origin, String model, Score score) {}

    /** Every row, and the champion's choice per origin. */
    public record Result(List<Row> rows, Map<LocalDate, String> choices) {
        /** Per model the scores averaged over the origins, in first-seen order. */
        public Map<String, Score> averages() {
            var per = new LinkedHashMap<String, List<Score>>();
            rows.forEach(r -> per.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r.score()));
            var out = new LinkedHashMap<String, Score>();
            per.forEach((m, s) -> out.put(m, Scores.mean(s)));
            return out;
        }
    }

    private MultiOriginEvaluation() {}

    /** The base models: the baselines, {@value ClassicalSbc#NAME}, then the network. */
    public static List<ForecastModel> models(MqConfig network) {
        var base = ForecastEvaluation.models(network);
        var out = new ArrayList<ForecastModel>(base.subList(0, base.size() - 1));
        out.add(new ClassicalSbc());
        out.add(base.get(base.size() - 1));
        return out;
    }

    /** The evaluation origins, ascending, the last on {@code cutoff}. */
    public static List<LocalDate> origins(LocalDate cutoff, int count, int stepDays) {
        var out = new ArrayList<LocalDate>();
        for (int i = count - 1; i >= 0; i--) {
            out.add(cutoff.minusDays((long) stepDays * i));
        }
        return out;
    }

    /** Reads the file and runs the evaluation, printing to {@code log}. */
    public static Result run(Options o, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        var scoreEnd = o.cutoff().plusDays(o.horizon());
        var data = OnlineRetail.read(o.transactions(), scoreEnd);
        var fileEnd = data.stream().map(DemandSeries::lastDate).max(LocalDate::compareTo).orElse(o.cutoff());
        if (fileEnd.isBefore(scoreEnd)) {
            throw new IllegalArgumentException("the file ends on " + fileEnd + ", before the last scored day " + scoreEnd
                    + ": choose an earlier --cutoff (every origin is scored on the " + o.horizon() + " days after it)");
        }
        log.printf(Locale.ROOT, "read %d series up to %s (%.1f s)%n", data.size(), scoreEnd, (System.nanoTime() - t0) / 1e9);
        var result = evaluate(data, o, models(o.network()), new TotalAggregator(), log);
        log.printf(Locale.ROOT, "%nmulti-origin run: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return result;
    }

    /**
     * Runs the evaluation on {@code data} (which must cover the horizon after the cutoff) with
     * {@code models}; writes the champion's forecasts at the last origin when {@code o.out()} is set.
     */
    public static Result evaluate(List<DemandSeries> data, Options o, List<ForecastModel> models, TotalAggregator aggregator,
            PrintStream log) throws IOException {
        var evalOrigins = origins(o.cutoff(), o.origins(), o.stepDays());
        var names = models.stream().map(ForecastModel::name).toList();
        var cache = new TreeMap<LocalDate, OriginRun>();
        var rows = new ArrayList<Row>();
        var choices = new LinkedHashMap<LocalDate, String>();
        for (var origin : evalOrigins) {
            var validation = new ArrayList<OriginRun>();
            for (var v : MultiOriginChampion.validationOrigins(origin, o.horizon(), o.validationOrigins(), o.stepDays())) {
                var run = run(cache, data, v, o.horizon(), models, log);
                if (!run.histories().isEmpty() && !run.forecasts().isEmpty()) {
                    validation.add(run);
                }
            }
            var run = run(cache, data, origin, o.horizon(), models, log);
            // Runs before the next origin's first validation origin are no longer needed.
            cache.headMap(origin.plusDays(o.stepDays()).minusDays(o.horizon() + (long) o.stepDays() * (o.validationOrigins() - 1)))
                    .clear();
            if (run.histories().isEmpty()) {
                continue;
            }
            long tSelect = System.nanoTime();
            Selection selection;
            String recon = "";
            if (validation.isEmpty()) {
                selection = Selection.single(names.contains("weekday_ma") ? "weekday_ma" : names.get(0));
            } else {
                var chosen = ChampionSelector.select(validation, names, MultiOriginChampion.selectionAggregator());
                selection = chosen.selection();
                var sb = new StringBuilder();
                chosen.reconciliationScores().forEach((m, v) -> sb.append(String.format(Locale.ROOT, " %s %.4f/%.4f", m, v[0], v[1])));
                recon = sb.toString();
            }
            var applied = MultiOriginChampion.apply(selection, run);
            long tScore = System.nanoTime();
            var originRows = new ArrayList<Row>();
            run.forecasts().forEach((name, f) -> originRows.add(new Row(origin, name,
                    Backtest.score(name, run.histories(), run.actuals(), f, aggregator, 0).score())));
            originRows.add(new Row(origin, MultiOriginChampion.NAME,
                    Backtest.score(MultiOriginChampion.NAME, run.histories(), run.actuals(), applied.forecasts(), aggregator, 0).score()));
            rows.addAll(originRows);
            var choice = selection.choice() + " reconciliation " + selection.reconciliation() + ", mean " + selection.meanRule()
                    + String.format(Locale.ROOT, " (factors per week %s)", weekly(applied.factors()));
            choices.put(origin, choice);
            log.println();
            log.printf("origin %s (%d series, scored %s..%s; chosen on %s)%n", origin, run.histories().size(),
                    origin.plusDays(1), origin.plusDays(o.horizon()),
                    validation.stream().map(r -> r.origin().toString()).toList());
            log.println("  champion: " + choice);
            log.printf(Locale.ROOT, "  (selection and scoring %.1f s)%n", (System.nanoTime() - tSelect) / 1e9);
            if (!recon.isEmpty()) {
                log.println("  assemblies on the validation origins (WRMSSE/WSPL):" + recon);
            }
            log.print(table(originRows));
            if (origin.equals(evalOrigins.get(evalOrigins.size() - 1)) && o.out() != null) {
                var total = aggregator.aggregate(run.histories(), applied.forecasts());
                ForecastEvaluation.write(o.out(), applied.forecasts(), total);
                log.println("wrote the champion's forecasts at " + origin + " to " + o.out());
            }
        }
        var result = new Result(rows, choices);
        log.println();
        log.printf("average over %d origins (%s..%s, every %d days, horizon %d):%n", choices.size(), evalOrigins.get(0),
                evalOrigins.get(evalOrigins.size() - 1), o.stepDays(), o.horizon());
        var avg = result.averages();
        var avgRows = new ArrayList<Row>();
        avg.forEach((m, s) -> avgRows.add(new Row(null, m, s)));
        log.print(table(avgRows));
        var ref = avg.get(ClassicalSbc.NAME);
        var champ = avg.get(MultiOriginChampion.NAME);
        if (ref != null && champ != null) {
            log.printf(Locale.ROOT, "champion vs %s on average: WRMSSE %+.1f%%, WSPL %+.1f%%%n", ClassicalSbc.NAME,
                    100 * (champ.wrmsse() / ref.wrmsse() - 1), 100 * (champ.wspl() / ref.wspl() - 1));
        }
        return result;
    }

    private static OriginRun run(TreeMap<LocalDate, OriginRun> cache, List<DemandSeries> data, LocalDate origin, int horizon,
            List<ForecastModel> models, PrintStream log) {
        var run = cache.get(origin);
        if (run == null) {
            long t = System.nanoTime();
            run = OriginRun.compute(data, origin, horizon, models, true);
            log.printf(Locale.ROOT, "fitted %d models at %s on %d series (%.1f s)%n", run.forecasts().size(), origin,
                    run.histories().size(), (System.nanoTime() - t) / 1e9);
            cache.put(origin, run);
        }
        return run;
    }

    private static String weekly(double[] factors) {
        var sb = new StringBuilder("[");
        for (int h = 0; h < factors.length; h += 7) {
            sb.append(h == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", factors[h]));
        }
        return sb.append(']').toString();
    }

    /** A formatted table of rows. */
    public static String table(List<Row> rows) {
        var sb = new StringBuilder();
        sb.append(String.format("  %-16s %8s %8s %8s %8s %8s %8s %6s %6s %6s %6s%n", "model", "WRMSSE", "total", "sku",
                "WSPL", "total", "sku", "c50", "c67", "c95", "c99"));
        for (var r : rows) {
            var s = r.score();
            var c = s.coverage();
            sb.append(String.format(Locale.ROOT, "  %-16s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %6.3f %6.3f %6.3f %6.3f%n",
                    r.model(), s.wrmsse(), s.wrmsseTotal(), s.wrmsseSku(), s.wspl(), s.wsplTotal(), s.wsplSku(),
                    c[0], c[1], c[2], c[3]));
        }
        return sb.toString();
    }

    /** {@code transactions cutoff horizon origins step validation [samples epochs]}: for running without the CLI. */
    public static void main(String[] args) throws IOException {
        int horizon = Integer.parseInt(args[2]);
        var cfg = MqConfig.rolling(horizon);
        if (args.length > 6) {
            cfg = cfg.withMaxSamples(Integer.parseInt(args[6])).withEpochs(Integer.parseInt(args[7]));
        }
        run(new Options(Path.of(args[0]), LocalDate.parse(args[1]), horizon, Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]), cfg, null), System.out);
    }
}
