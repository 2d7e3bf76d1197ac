package io.stockwise.forecast.core;

import io.stockwise.forecast.core.data.LongFormat;
import io.stockwise.forecast.core.metrics.BucketMetrics;
import io.stockwise.forecast.core.metrics.Segment;
import io.stockwise.forecast.core.model.Baselines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation behind {@code ./stockwise forecast-eval --format long}: a long CSV
 * ({@link LongFormat}) in days, ISO weeks or months, forecast at the levels asked for.
 *
 * <ol>
 *   <li>Reads the rows up to and including the cutoff (later rows are never parsed for their value).
 *       Series that ended before the cutoff's last period are not forecast.
 *   <li>Backtests every local model of the bucket ({@link Baselines#forBucket}), and unless
 *       {@code networkSteps} is 0 the global network ({@link io.stockwise.forecast.core.neural.BucketNetwork},
 *       trained afresh at each origin on the histories before it), on
 *       {@code origins} rolling origins: the windows of {@code horizon} buckets ending at the
 *       cutoff, at the cutoff minus {@code step}, minus {@code 2·step}, … ({@code step = max(1,
 *       horizon / origins)}), each fitted only on the data before it. A model that cannot fit at
 *       some origin (the network without a full training window) is left out of the choice.
 *   <li>Chooses per {@link Segment} (new, intermittent, fast; thresholds of the bucket, see
 *       {@link #segment}) the model with the lowest pinball loss summed over the segment's series,
 *       steps, origins and requested levels (so the per-segment choice minimises the pooled WQL);
 *       the candidates include the quantile average of the network with each local model,
 *       refits it at the cutoff and writes {@code series_id,period,mean,q<level>,…}.
 *   <li>With {@code scoreAfter}, reads the periods after the cutoff and scores every model and the
 *       champion on them (WQL, MASE beside the zero forecast's, coverage; {@link BucketMetrics}).
 * </ol>
 */
public final class BucketEvaluation {
    /** The champion's name in the tables. */
    public static final String CHAMPION = "champion";
    /** The global network's name; {@code mq_bucket+<model>} is its quantile average with a local model. */
    public static final String NETWORK = "mq_bucket";

    /**
     * What to run.
     *
     * @param input the long CSV
     * @param bucket the bucket, or {@code null} to take it from the data
     * @param cutoff the last period of history, in the bucket's notation; {@code null} for the file's last
     * @param horizon buckets forecast; 0 for the bucket's default ({@link #defaultHorizon})
     * @param levels the requested levels, in the order of the output columns
     * @param labels the column labels of the levels (e.g. {@code q0.1}), same order
     * @param out the CSV to write, or {@code null}
     * @param scoreAfter whether to score on the periods after the cutoff
     * @param origins rolling origins of the backtest
     * @param networkSteps least optimiser steps of the global network
     *     ({@link io.stockwise.forecast.core.neural.BucketNetwork}); 0 leaves the network out
     */
    public record Options(Path input, Bucket bucket, String cutoff, int horizon, double[] levels, List<String> labels,
            Path out, boolean scoreAfter, int origins, int networkSteps) {
        public Options {
            Levels.check(levels);
            if (labels.size() != levels.length) {
                throw new IllegalArgumentException("one label per level");
            }
            if (horizon < 0) {
                throw new IllegalArgumentException("horizon must be positive (or 0 for the bucket's default)");
            }
            if (origins < 1) {
                throw new IllegalArgumentException("origins must be positive");
            }
        }

        /** Options with the default column labels and three origins. */
        public static Options of(Path input, Bucket bucket, String cutoff, int horizon, double[] levels, Path out,
                boolean scoreAfter) {
            return new Options(input, bucket, cutoff, horizon, levels,
                    java.util.Arrays.stream(levels).mapToObj(Levels::column).toList(), out, scoreAfter, 3, 0);
        }
    }

    /**
     * What a run produced.
     *
     * @param bucket the bucket used
     * @param cutoff the cutoff in bucket time
     * @param forecasts the champion's forecast of every active series, at the sorted requested levels and 0.5
     * @param choice the model chosen per segment
     * @param backtest each model's pooled backtest score (WQL over the requested levels), champion last
     * @param after each model's score after the cutoff (empty without {@code scoreAfter} or when not scorable)
     */
    public record Result(Bucket bucket, LocalDate cutoff, List<LevelForecast> forecasts, Map<Segment, String> choice,
            Map<String, BucketMetrics.Score> backtest, Map<String, BucketMetrics.Score> after) {}

    private BucketEvaluation() {}

    /** The horizon when none is given: 28 days, 13 weeks, 12 months. */
    public static int defaultHorizon(Bucket bucket) {
        return switch (bucket) {
            case DAY -> 28;
            case WEEK -> 13;
            case MONTH -> 12;
        };
    }

    /** The segment of a history in {@code bucket}: for days exactly {@link Segment#of}. */
    public static Segment segment(DemandSeries s, Bucket bucket) {
        if (bucket == Bucket.DAY) {
            return Segment.of(s);
        }
        var y = s.demand();
        int first = s.firstSaleIndex();
        if (y.length - first < bucket.newBuckets()) {
            return Segment.NEW;
        }
        int from = Math.max(first, y.length - bucket.segmentWindow());
        int nz = 0;
        for (int i = from; i < y.length; i++) {
            if (y[i] > 0) {
                nz++;
            }
        }
        return nz * 1.32 < (y.length - from) ? Segment.INTERMITTENT : Segment.FAST;
    }

    /** Runs the evaluation, printing progress and tables to {@code log}. */
    public static Result run(Options o, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        var data = LongFormat.read(o.input(), o.bucket(), o.cutoff());
        var bucket = data.bucket();
        for (var r : data.rejected().subList(0, Math.min(20, data.rejected().size()))) {
            log.println("rejected " + r);
        }
        if (data.rejected().size() > 20) {
            log.println("... and " + (data.rejected().size() - 20) + " more rejected rows");
        }
        if (data.series().isEmpty()) {
            throw new IllegalArgumentException("no valid rows on or before the cutoff in " + o.input());
        }
        var cutoff = data.lastPeriod();
        if (o.cutoff() != null && cutoff.toEpochDay() < bucket.parse(o.cutoff().trim())) {
            log.println("note: the file's last period is " + bucket.period(cutoff) + ", before the cutoff " + o.cutoff()
                    + "; forecasting from " + bucket.period(cutoff));
        }
        var histories = data.active();
        int horizon = o.horizon() == 0 ? defaultHorizon(bucket) : o.horizon();
        log.printf(Locale.ROOT, "read %,d rows: %d series by %s up to %s, %d ended before it (not forecast), %d rows rejected (%.1f s)%n",
                data.rows(), histories.size(), bucket.label(), bucket.period(cutoff), data.ended().size(),
                data.rejected().size(), (System.nanoTime() - t0) / 1e9);
        var levels = Levels.check(o.levels());
        var computed = Levels.union(levels, 0.5);
        var models = new ArrayList<LevelForecaster>(Baselines.forBucket(bucket));
        if (o.networkSteps() > 0) {
            models.add(new io.stockwise.forecast.core.neural.BucketNetwork(bucket, 64, 12, o.networkSteps(), 42));
        }
        var failed = new java.util.LinkedHashSet<String>();

        // Rolling-origin backtest before the cutoff.
        int step = Math.max(1, horizon / o.origins());
        var loss = new LinkedHashMap<String, EnumMap<Segment, Double>>();
        var btHist = new ArrayList<DemandSeries>();
        var btAct = new ArrayList<double[]>();
        var btSeg = new ArrayList<Segment>();
        var btF = new LinkedHashMap<String, List<LevelForecast>>();
        for (var m : models) {
            btF.put(m.name(), new ArrayList<>());
            loss.put(m.name(), new EnumMap<>(Segment.class));
        }
        for (int k = 0; k < o.origins(); k++) {
            var origin = cutoff.minusDays(horizon + (long) k * step);
            var hist = new ArrayList<DemandSeries>();
            var act = new ArrayList<double[]>();
            for (var s : histories) {
                if (s.firstDate().isAfter(origin)) {
                    continue;
                }
                var h = s.endingOn(origin);
                if (h.firstSaleIndex() >= h.length()) {
                    continue;
                }
                hist.add(h);
                act.add(Backtest.actualsAfter(s, origin, horizon));
            }
            if (hist.isEmpty()) {
                continue;
            }
            var segs = hist.stream().map(h -> segment(h, bucket)).toList();
            btHist.addAll(hist);
            btAct.addAll(act);
            btSeg.addAll(segs);
            for (var m : models) {
                if (failed.contains(m.name())) {
                    continue;
                }
                long t1 = System.nanoTime();
                List<LevelForecast> f;
                try {
                    f = m.forecastAll(hist, horizon, computed);
                } catch (IllegalArgumentException e) {
                    // A model that cannot fit at one origin is no candidate: the choice compares equal sets.
                    log.println("model " + m.name() + " skipped: " + e.getMessage() + " at " + bucket.period(origin));
                    failed.add(m.name());
                    continue;
                }
                if (m instanceof io.stockwise.forecast.core.neural.BucketNetwork) {
                    log.printf(Locale.ROOT, "  %s trained and forecast at %s in %.1f s%n", m.name(), bucket.period(origin),
                            (System.nanoTime() - t1) / 1e9);
                }
                btF.get(m.name()).addAll(f);
                var byModel = loss.get(m.name());
                for (int i = 0; i < hist.size(); i++) {
                    byModel.merge(segs.get(i), BucketMetrics.pinballSum(act.get(i), f.get(i), levels), Double::sum);
                }
            }
        }
        for (var name : failed) {
            loss.remove(name);
            btF.remove(name);
        }
        // Quantile averages of the network with each local model are candidates too (as for days).
        var pairs = new ArrayList<String>();
        if (btF.containsKey(NETWORK)) {
            for (var name : new ArrayList<>(btF.keySet())) {
                if (name.equals(NETWORK)) {
                    continue;
                }
                var pair = NETWORK + "+" + name;
                var avg = average(btF.get(NETWORK), btF.get(name));
                btF.put(pair, avg);
                var byModel = new EnumMap<Segment, Double>(Segment.class);
                for (int i = 0; i < btHist.size(); i++) {
                    byModel.merge(btSeg.get(i), BucketMetrics.pinballSum(btAct.get(i), avg.get(i), levels), Double::sum);
                }
                loss.put(pair, byModel);
                pairs.add(pair);
            }
        }
        var choice = new EnumMap<Segment, String>(Segment.class);
        String overall = null;
        double overallLoss = Double.POSITIVE_INFINITY;
        for (var e : loss.entrySet()) {
            double sum = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            if (sum < overallLoss) {
                overallLoss = sum;
                overall = e.getKey();
            }
        }
        if (overall == null) {
            overall = models.get(0).name();
        }
        for (var seg : Segment.values()) {
            String best = overall;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (var e : loss.entrySet()) {
                var v = e.getValue().get(seg);
                if (v != null && v < bestLoss) {
                    bestLoss = v;
                    best = e.getKey();
                }
            }
            choice.put(seg, best);
        }
        var backtest = new LinkedHashMap<String, BucketMetrics.Score>();
        if (!btHist.isEmpty()) {
            for (var e : btF.entrySet()) {
                backtest.put(e.getKey(), BucketMetrics.score(btHist, e.getValue(), btAct, levels, bucket.season()));
            }
            var champ = new ArrayList<LevelForecast>();
            for (int i = 0; i < btHist.size(); i++) {
                champ.add(btF.get(choice.get(btSeg.get(i))).get(i));
            }
            backtest.put(CHAMPION, BucketMetrics.score(btHist, champ, btAct, levels, bucket.season()));
            log.println();
            log.printf(Locale.ROOT, "backtest: %d origins (%s back to %s), horizon %d %ss, %d series-windows%n", o.origins(),
                    bucket.period(cutoff.minusDays(horizon)),
                    bucket.period(cutoff.minusDays(horizon + (long) (o.origins() - 1) * step)), horizon,
                    bucket.label(), btHist.size());
            log.print(table(backtest));
        } else {
            log.println("too little history before the cutoff to backtest: " + overall + " serves every segment");
        }
        log.println("champion per segment (chosen on this backtest): " + choice);

        // Refit at the cutoff.
        var segsNow = histories.stream().map(h -> segment(h, bucket)).toList();
        var finals = new LinkedHashMap<String, List<LevelForecast>>();
        for (var m : models) {
            boolean chosen = choice.values().stream().anyMatch(c -> List.of(c.split("\\+")).contains(m.name()));
            if (!failed.contains(m.name()) && (o.scoreAfter() || chosen)) {
                finals.put(m.name(), m.forecastAll(histories, horizon, computed));
            }
        }
        for (var pair : pairs) {
            var parts = pair.split("\\+");
            if ((o.scoreAfter() || choice.containsValue(pair)) && finals.containsKey(parts[0]) && finals.containsKey(parts[1])) {
                finals.put(pair, average(finals.get(parts[0]), finals.get(parts[1])));
            }
        }
        var forecasts = new ArrayList<LevelForecast>(histories.size());
        for (int i = 0; i < histories.size(); i++) {
            forecasts.add(finals.get(choice.get(segsNow.get(i))).get(i));
        }
        if (o.out() != null) {
            write(o.out(), bucket, forecasts, o.levels(), o.labels());
            log.printf(Locale.ROOT, "wrote %s: %d series x %d %ss (%.1f s)%n", o.out(), forecasts.size(), horizon,
                    bucket.label(), (System.nanoTime() - t0) / 1e9);
        }

        var after = new LinkedHashMap<String, BucketMetrics.Score>();
        if (o.scoreAfter()) {
            var all = LongFormat.read(o.input(), bucket, null);
            var byId = new HashMap<String, DemandSeries>();
            all.series().forEach(s -> byId.put(s.id(), s));
            var end = cutoff.plusDays(horizon);
            var idx = new ArrayList<Integer>();
            for (int i = 0; i < histories.size(); i++) {
                var s = byId.get(histories.get(i).id());
                if (s != null && !s.lastDate().isBefore(end)) {
                    idx.add(i);
                }
            }
            log.println();
            if (idx.isEmpty()) {
                log.println("not scored: no series has rows through " + bucket.period(end)
                        + " (--score-after needs every period of the horizon)");
            } else {
                var hs = idx.stream().map(histories::get).toList();
                var acts = idx.stream().map(i -> Backtest.actualsAfter(byId.get(histories.get(i).id()), cutoff, horizon)).toList();
                finals.forEach((name, f) -> after.put(name, BucketMetrics.score(hs, idx.stream().map(f::get).toList(), acts,
                        levels, bucket.season())));
                after.put(CHAMPION, BucketMetrics.score(hs, idx.stream().map(forecasts::get).toList(), acts, levels,
                        bucket.season()));
                log.printf(Locale.ROOT, "scored on the %d %ss after the cutoff (%s to %s), %d series (%d ended within it, not scored):%n",
                        horizon, bucket.label(), bucket.period(cutoff.plusDays(1)), bucket.period(end), idx.size(),
                        histories.size() - idx.size());
                log.print(table(after));
                var counts = new EnumMap<Segment, Integer>(Segment.class);
                segsNow.forEach(s -> counts.merge(s, 1, Integer::sum));
                log.println("series per segment at the cutoff: " + counts);
            }
        }
        return new Result(bucket, cutoff, forecasts, choice, backtest, after);
    }

    /** The element-wise average of two models' forecasts of the same series at the same levels (quantile averaging). */
    static List<LevelForecast> average(List<LevelForecast> a, List<LevelForecast> b) {
        var out = new ArrayList<LevelForecast>(a.size());
        for (int i = 0; i < a.size(); i++) {
            var x = a.get(i);
            var y = b.get(i);
            var mean = new double[x.horizon()];
            var q = new double[x.horizon()][x.levels().length];
            for (int h = 0; h < mean.length; h++) {
                mean[h] = (x.mean()[h] + y.mean()[h]) / 2;
                for (int j = 0; j < q[h].length; j++) {
                    q[h][j] = (x.quantile(h, j) + y.quantile(h, j)) / 2;
                }
            }
            out.add(new LevelForecast(x.id(), x.firstDate(), x.levels(), mean, q));
        }
        return out;
    }

    /** A formatted table of scores: WQL, MASE, the zero forecast's MASE, coverage per interval. */
    public static String table(Map<String, BucketMetrics.Score> scores) {
        var sb = new StringBuilder();
        var any = scores.values().iterator().next();
        sb.append(String.format(Locale.ROOT, "%-24s %8s %8s %9s", "model", "WQL", "MASE", "MASE(0)"));
        for (double p : any.intervals()) {
            sb.append(String.format(Locale.ROOT, " %7s", "c" + Math.round(100 * p)));
        }
        sb.append('\n');
        for (var e : scores.entrySet()) {
            var s = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-24s %8.4f %8.4f %9.4f", e.getKey(), s.wql(), s.mase(), s.zeroMase()));
            for (double c : s.coverage()) {
                sb.append(String.format(Locale.ROOT, " %7.3f", c));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes {@code series_id,period,mean,<label>,…}: per series one row per step, the period in
     * the bucket's notation, the quantiles in the order of {@code levels} as given.
     */
    public static void write(Path out, Bucket bucket, List<LevelForecast> forecasts, double[] levels, List<String> labels)
            throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("series_id,period,mean");
            for (var l : labels) {
                w.write(',');
                w.write(l);
            }
            w.write('\n');
            var sb = new StringBuilder(256);
            for (var f : forecasts) {
                var idx = new int[levels.length];
                for (int j = 0; j < levels.length; j++) {
                    idx[j] = Levels.indexOf(f.levels(), levels[j]);
                }
                for (int h = 0; h < f.horizon(); h++) {
                    sb.setLength(0);
                    sb.append(io.stockwise.forecast.core.data.CsvLine.quote(f.id())).append(',').append(bucket.period(f.firstDate().plusDays(h))).append(',')
                            .append(num(f.mean()[h]));
                    for (int j : idx) {
                        sb.append(',').append(num(f.quantile(h, j)));
                    }
                    sb.append('\n');
                    w.write(sb.toString());
                }
            }
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
