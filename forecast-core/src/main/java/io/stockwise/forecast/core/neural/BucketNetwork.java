package io.stockwise.forecast.core.neural;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LevelForecast;
import io.stockwise.forecast.core.LevelForecaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A global quantile network for weekly and monthly series ({@code mq_bucket}): one MLP trained with
 * DJL on the PyTorch engine across every series of the catalogue, at the levels asked for, the
 * same construction as {@link MqNetwork} (base plus {@code softplus} increments, so quantiles never
 * cross; pinball loss plus 0.1 × the mean's squared error; windows weighted by {@code sqrt(scale)})
 * with inputs that follow the bucket instead of the day:
 *
 * <ul>
 *   <li>the last {@value #LAGS} buckets, and for each horizon step the value one season ({@code m}
 *       = 52 weeks, 12 months) before it when the history reaches back that far (else the scale);
 *   <li>exponentially smoothed rates (α 0.1 and 0.3), the TSB-style occurrence probability, the
 *       share of non-zero buckets over the last {@code m} and {@code 2m}, the buckets since the last
 *       sale, the age since the first sale, the log scale, and the position in the season of the
 *       first horizon bucket ({@code sin}, {@code cos}).
 * </ul>
 * Values are divided by the series' scale (the mean of its last-season and all-history averages
 * from the first sale, at least 0.05) and {@code log1p}-ed. Training windows are every (series,
 * origin) with at least one target bucket in its history (the loss averages over the target
 * buckets observed, so the latest origins, whose windows run past the cutoff, teach the
 * network too), at most {@value #MAX_WINDOWS}
 * sampled with the seed, in batches of 256 for the given epochs but at least {@code minSteps}
 * ({@value #MIN_STEPS} by default) optimiser steps (short catalogues have few windows); initialisation, sampling and batch order
 * are seeded. MqNetwork itself
 * stays daily: its inputs (28 days, weekday profiles, the shop's closed days) are built for days.
 */
public final class BucketNetwork implements LevelForecaster {
    static {
        DjlDefaults.apply();
    }

    static final int LAGS = 24;
    static final int MAX_WINDOWS = 100_000;
    /** The least optimiser steps of {@link #defaults}. */
    public static final int MIN_STEPS = 2_000;
    private static final float MEAN_WEIGHT = 0.1f;
    private static final float MEAN_TARGET_CAP = 200f;
    private final Bucket bucket;
    private final int hidden;
    private final int epochs;
    private final int minSteps;
    private final long seed;

    /**
     * @param bucket the bucket of the series (its season sets the seasonal inputs)
     * @param hidden units of each of the two hidden layers
     * @param epochs passes over the training windows
     * @param minSteps least optimiser steps (more epochs, at most 200, when the windows are few)
     */
    public BucketNetwork(Bucket bucket, int hidden, int epochs, int minSteps, long seed) {
        this.bucket = bucket;
        this.hidden = hidden;
        this.epochs = epochs;
        this.minSteps = minSteps;
        this.seed = seed;
    }

    /** The defaults: 64 units, 12 epochs, at least {@value #MIN_STEPS} steps, seed 42. */
    public static BucketNetwork defaults(Bucket bucket) {
        return new BucketNetwork(bucket, 64, 12, MIN_STEPS, 42);
    }

    @Override
    public String name() {
        return "mq_bucket";
    }

    static int dim(int horizon) {
        return LAGS + horizon + 10;
    }

    static double scale(double[] y, int first, int t, int m) {
        double season = mean(y, Math.max(first, t - m + 1), t + 1);
        double all = mean(y, first, t + 1);
        return Math.max(0.05, (season + all) / 2);
    }

    private static double mean(double[] y, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double s = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            s += y[i];
        }
        return s / (to - Math.max(0, from));
    }

    /** Writes the inputs of series {@code y} (first sale {@code first}) at origin {@code t}; {@code phase} is the first horizon bucket's index. */
    static void features(double[] y, int first, int t, double scale, int m, int horizon, long phase, float[] out, int pos) {
        int p = pos;
        for (int k = LAGS - 1; k >= 0; k--) {
            int i = t - k;
            out[p++] = (float) (i >= first ? Math.log1p(y[i] / scale) : 0);
        }
        for (int d = 0; d < horizon; d++) {
            int i = t + 1 + d - m;
            while (i > t) {
                i -= m;
            }
            out[p++] = (float) (i >= first ? Math.log1p(y[i] / scale) : Math.log1p(1));
        }
        double e1 = y[first];
        double e3 = y[first];
        double pi = 1.0 / Math.max(1, Math.min(first + 1.0, 12));
        for (int i = first + 1; i <= t; i++) {
            e1 += 0.1 * (y[i] - e1);
            e3 += 0.3 * (y[i] - e3);
            pi += 0.1 * ((y[i] > 0 ? 1 : 0) - pi);
        }
        out[p++] = (float) Math.log1p(e1 / scale);
        out[p++] = (float) Math.log1p(e3 / scale);
        out[p++] = (float) pi;
        out[p++] = (float) nonZero(y, Math.max(first, t - m + 1), t + 1);
        out[p++] = (float) nonZero(y, Math.max(first, t - 2 * m + 1), t + 1);
        int since = 0;
        while (t - since >= first && y[t - since] <= 0) {
            since++;
        }
        out[p++] = (float) (Math.log1p(since) / 4);
        out[p++] = (float) (Math.log1p(t - first) / 4);
        out[p++] = (float) (Math.log1p(scale) / 3);
        double angle = 2 * Math.PI * Math.floorMod(phase, m) / m;
        out[p++] = (float) Math.sin(angle);
        out[p++] = (float) Math.cos(angle);
    }

    private static double nonZero(double[] y, int from, int to) {
        if (to <= from) {
            return 0;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            if (y[i] > 0) {
                n++;
            }
        }
        return (double) n / (to - from);
    }

    static Block block(int hidden, int horizon, int levels) {
        var block = new SequentialBlock();
        for (int i = 0; i < 2; i++) {
            block.add(Linear.builder().setUnits(hidden).build());
            block.add(Activation.reluBlock());
        }
        int channels = levels + 2;
        block.add(Linear.builder().setUnits((long) horizon * channels).build());
        block.add(new LambdaBlock(list -> {
            NDArray raw = list.singletonOrThrow().reshape(-1, horizon, channels);
            NDArray base = raw.get(":, :, 0:1");
            NDArray inc = Activation.softPlus(raw.get(":, :, 1:" + (levels + 1))).cumSum(2);
            NDArray q = Activation.relu(base.add(inc));
            NDArray mean = Activation.softPlus(raw.get(":, :, " + (levels + 1) + ":" + (levels + 2)));
            return new NDList(q.concat(mean, 2));
        }, "quantiles"));
        return block;
    }

    /**
     * Pinball loss over the given levels plus the mean's weighted squared error, averaged over the
     * steps a window observed (labels: targets, window weights, a 0/1 mask of observed steps).
     */
    static final class LevelLoss extends Loss {
        private final float[] levels;

        LevelLoss(double[] levels) {
            super("pinball");
            this.levels = new float[levels.length];
            for (int j = 0; j < levels.length; j++) {
                this.levels[j] = (float) levels[j];
            }
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray y = labels.get(0);
            NDArray pred = predictions.singletonOrThrow();
            int k = levels.length;
            NDArray q = pred.get(":, :, 0:" + k);
            NDArray mean = pred.get(":, :, " + k);
            NDArray tau = pred.getManager().create(levels);
            NDArray e = y.expandDims(2).sub(q);
            NDArray mask = labels.get(2);
            NDArray steps = mask.sum(new int[] {1}).maximum(1f);
            NDArray pinball = e.mul(tau).maximum(e.mul(tau.sub(1f))).mean(new int[] {2}).mul(mask).sum(new int[] {1}).div(steps);
            NDArray sq = mean.sub(y.clip(0f, MEAN_TARGET_CAP)).square().mul(mask).sum(new int[] {1}).div(steps);
            return pinball.add(sq.mul(MEAN_WEIGHT)).mul(labels.get(1)).mean();
        }
    }

    @Override
    public List<LevelForecast> forecastAll(List<DemandSeries> histories, int horizon, double[] levels) {
        int m = bucket.season();
        int dim = dim(horizon);
        var rnd = new Random(seed);
        long candidates = 0;
        for (var s : histories) {
            candidates += Math.max(0, s.length() - 1 - Math.max(s.firstSaleIndex(), 1));
        }
        double keep = Math.min(1.0, (double) MAX_WINDOWS / Math.max(1, candidates));
        var windows = new ArrayList<int[]>();
        for (int i = 0; i < histories.size(); i++) {
            var s = histories.get(i);
            int first = s.firstSaleIndex();
            for (int t = Math.max(first, 1); t < s.length() - 1; t++) {
                if (keep >= 1 || rnd.nextDouble() < keep) {
                    windows.add(new int[] {i, t});
                }
            }
        }
        int n = windows.size();
        if (n < 64) {
            throw new IllegalArgumentException("only " + n + " training windows of " + horizon + " buckets");
        }
        var x = new float[n * dim];
        var target = new float[n * horizon];
        var mask = new float[n * horizon];
        var weight = new float[n];
        double wSum = 0;
        for (int k = 0; k < n; k++) {
            var s = histories.get(windows.get(k)[0]);
            int t = windows.get(k)[1];
            var y = s.demand();
            int first = s.firstSaleIndex();
            double sc = scale(y, first, t, m);
            features(y, first, t, sc, m, horizon, s.firstDate().toEpochDay() + t + 1, x, k * dim);
            for (int d = 0; d < horizon && t + 1 + d < y.length; d++) {
                target[k * horizon + d] = (float) (y[t + 1 + d] / sc);
                mask[k * horizon + d] = 1;
            }
            weight[k] = (float) Math.sqrt(sc);
            wSum += weight[k];
        }
        for (int k = 0; k < n; k++) {
            weight[k] = (float) Math.min(10, weight[k] / (wSum / n));
        }
        var device = MqNetwork.resolveDevice("cpu");
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        try (var model = Model.newInstance("mq-bucket", device, "PyTorch")) {
            model.setBlock(block(hidden, horizon, levels.length));
            int batch = 256;
            int stepsPerEpoch = (n + batch - 1) / batch;
            // Short catalogues give few windows: at least MIN_STEPS optimiser steps (at most 200 epochs).
            int epochs = Math.max(this.epochs, Math.min(200, (minSteps + stepsPerEpoch - 1) / stepsPerEpoch));
            var tracker = Tracker.warmUp().optWarmUpSteps(Math.min(100, stepsPerEpoch))
                    .setMainTracker(Tracker.cosine().setBaseValue(1e-3f).optFinalValue(5e-5f)
                            .setMaxUpdates(stepsPerEpoch * epochs).build()).build();
            var config = new DefaultTrainingConfig(new LevelLoss(levels))
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(tracker).build())
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batch, dim));
                var order = new int[n];
                for (int k = 0; k < n; k++) {
                    order[k] = k;
                }
                var shuffle = new Random(seed + 1);
                var xb = new float[batch * dim];
                var yb = new float[batch * horizon];
                var mb = new float[batch * horizon];
                var wb = new float[batch];
                for (int epoch = 0; epoch < epochs; epoch++) {
                    for (int k = n - 1; k > 0; k--) {
                        int j = shuffle.nextInt(k + 1);
                        int tmp = order[k];
                        order[k] = order[j];
                        order[j] = tmp;
                    }
                    for (int start = 0; start < n; start += batch) {
                        int b = Math.min(batch, n - start);
                        for (int r = 0; r < b; r++) {
                            int k = order[start + r];
                            System.arraycopy(x, k * dim, xb, r * dim, dim);
                            System.arraycopy(target, k * horizon, yb, r * horizon, horizon);
                            System.arraycopy(mask, k * horizon, mb, r * horizon, horizon);
                            wb[r] = weight[k];
                        }
                        try (NDManager nm = trainer.getManager().newSubManager()) {
                            var xa = nm.create(Arrays.copyOf(xb, b * dim), new Shape(b, dim));
                            var ya = nm.create(Arrays.copyOf(yb, b * horizon), new Shape(b, horizon));
                            var wa = nm.create(Arrays.copyOf(wb, b), new Shape(b));
                            var ma = nm.create(Arrays.copyOf(mb, b * horizon), new Shape(b, horizon));
                            try (var gc = trainer.newGradientCollector()) {
                                NDArray loss = trainer.getLoss().evaluate(new NDList(ya, wa, ma), trainer.forward(new NDList(xa)));
                                gc.backward(loss);
                            }
                            trainer.step();
                        }
                    }
                }
                return predict(trainer, histories, horizon, levels, dim, m);
            }
        }
    }

    private List<LevelForecast> predict(Trainer trainer, List<DemandSeries> histories, int horizon, double[] levels,
            int dim, int m) {
        int n = histories.size();
        var out = new ArrayList<LevelForecast>(n);
        int channels = levels.length + 1;
        int chunk = 2048;
        for (int start = 0; start < n; start += chunk) {
            int b = Math.min(chunk, n - start);
            var x = new float[b * dim];
            var scales = new double[b];
            for (int r = 0; r < b; r++) {
                var s = histories.get(start + r);
                var y = s.demand();
                int t = y.length - 1;
                int first = Math.min(s.firstSaleIndex(), Math.max(t, 0));
                if (t < 0 || s.firstSaleIndex() >= y.length) {
                    continue;
                }
                scales[r] = scale(y, first, t, m);
                features(y, first, t, scales[r], m, horizon, s.firstDate().toEpochDay() + t + 1, x, r * dim);
            }
            float[] raw;
            try (NDManager nm = trainer.getManager().newSubManager()) {
                raw = trainer.evaluate(new NDList(nm.create(x, new Shape(b, dim)))).singletonOrThrow().toFloatArray();
            }
            for (int r = 0; r < b; r++) {
                var s = histories.get(start + r);
                var mean = new double[horizon];
                var q = new double[horizon][levels.length];
                if (scales[r] > 0) {
                    for (int d = 0; d < horizon; d++) {
                        int base = (r * horizon + d) * channels;
                        for (int j = 0; j < levels.length; j++) {
                            q[d][j] = raw[base + j] * scales[r];
                        }
                        mean[d] = raw[base + levels.length] * scales[r];
                    }
                }
                out.add(new LevelForecast(s.id(), s.lastDate().plusDays(1), levels, mean, q));
            }
        }
        return out;
    }
}
