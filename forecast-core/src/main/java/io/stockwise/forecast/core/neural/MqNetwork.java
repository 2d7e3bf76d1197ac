package io.stockwise.forecast.core.neural;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A global multi-horizon quantile network (an MQ-MLP in the spirit of MQ-CNN, Wen et al. 2017)
 * trained with DJL on the PyTorch engine across all series at once: the {@link Features} of a
 * series at its cutoff go through ReLU layers to, for each of the {@code horizon} days, a base,
 * nine non-negative increments and a mean; quantile {@code k} is
 * {@code max(0, base + Σ_{j≤k} softplus(inc_j))}, so the nine quantiles never cross and are never
 * negative, and the mean is {@code softplus}. Outputs are in units of the series' scale and
 * multiplied back.
 *
 * <p>Training windows are every (series, origin) pair whose {@code horizon} target days lie in
 * the given histories (so nothing after the cutoff is used), weighted by the square root of the
 * series' scale, drawn uniformly up to
 * {@link MqConfig#maxSamples()} with the seed; the batch order is seeded too, so a run is
 * repeatable. {@link #forecast(List)} is synchronised (one caller at a time); for concurrent
 * serving, take several {@link #newPredictor() predictors} over the one loaded network
 * ({@link MqPredictorPool}).
 */
public final class MqNetwork implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MqNetwork.class.getName());
    private static final int MAGIC = 0x4d514e31; // "MQN1": no shop context
    private static final int MAGIC_CONTEXT = 0x4d514e32; // "MQN2": the shop context after the configuration
    static final int CHANNELS = 11;

    static {
        DjlDefaults.apply();
    }

    private final MqConfig config;
    private final Model model;
    private final Device device;
    private final ShopContext context;
    private MqPredictor ownPredictor;

    private MqNetwork(MqConfig config, Model model, Device device, ShopContext context) {
        this.config = config;
        this.model = model;
        this.device = device;
        this.context = context;
    }

    /** The configuration trained with. */
    public MqConfig config() {
        return config;
    }

    /** The device the network runs on. */
    public String device() {
        return device.toString();
    }

    /** Resolves {@code auto|cpu|gpu} to a device; {@code gpu} without one falls back to CPU with a warning. */
    public static Device resolveDevice(String name) {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        return switch (name) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus > 0) {
                    yield Device.gpu();
                }
                LOG.log(System.Logger.Level.WARNING, "device gpu requested but no GPU is visible to PyTorch; using cpu");
                yield Device.cpu();
            }
            default -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
    }

    static Block newBlock(MqConfig config) {
        var block = new SequentialBlock();
        for (int i = 0; i < config.layers(); i++) {
            block.add(Linear.builder().setUnits(config.hidden()).build());
            block.add(Activation.reluBlock());
        }
        block.add(Linear.builder().setUnits((long) config.horizon() * CHANNELS).build());
        int horizon = config.horizon();
        block.add(new LambdaBlock(list -> {
            NDArray raw = list.singletonOrThrow().reshape(-1, horizon, CHANNELS);
            NDArray base = raw.get(":, :, 0:1");
            NDArray inc = Activation.softPlus(raw.get(":, :, 1:10")).cumSum(2);
            NDArray q = Activation.relu(base.add(inc));
            NDArray mean = Activation.softPlus(raw.get(":, :, 10:11"));
            return new NDList(q.concat(mean, 2));
        }, "quantiles"));
        return block;
    }

    /** Trains a network on {@code histories}, which all end on the same day. */
    public static MqNetwork train(List<DemandSeries> histories, MqConfig config, TrainingMonitor monitor) {
        var panel = Panel.of(histories);
        int h = config.horizon();
        // Every (series, origin) whose target window ends by the cutoff.
        long candidates = 0;
        for (int i = 0; i < panel.size(); i++) {
            int len = panel.y(i).length;
            int first = panel.first(i);
            candidates += Math.max(0, len - h - first);
        }
        double keep = Math.min(1.0, (double) config.maxSamples() / Math.max(1, candidates));
        var rnd = new Random(config.seed());
        var series = new ArrayList<int[]>();
        for (int i = 0; i < panel.size(); i++) {
            int len = panel.y(i).length;
            for (int t = panel.first(i); t < len - h; t++) {
                if (keep >= 1 || rnd.nextDouble() < keep) {
                    series.add(new int[] {i, t});
                }
            }
        }
        int n = series.size();
        if (n == 0) {
            throw new IllegalArgumentException("no training window: histories shorter than the horizon " + h);
        }
        var x = new float[n * Features.DIM];
        var yTarget = new float[n * h];
        var weight = new float[n];
        var shop = new java.util.HashMap<Integer, double[]>();
        for (int k = 0; k < n; k++) {
            int i = series.get(k)[0];
            int t = series.get(k)[1];
            var y = panel.y(i);
            int first = panel.first(i);
            double scale = Features.scale(y, first, t);
            int pt = panel.toPanel(i, t);
            var share = shop.computeIfAbsent(pt, p -> Features.shopShare(panel.total(), p));
            Features.write(y, panel.price(i), panel.promo(i), first, t, scale, share,
                    Features.shopTrend(panel.total(), pt), panel.date(i, t + 1), x, k * Features.DIM);
            for (int d = 0; d < h; d++) {
                yTarget[k * h + d] = (float) (y[t + 1 + d] / scale);
            }
            weight[k] = (float) Math.sqrt(scale);
        }

        // Window weights: sqrt of the series scale, normalised to mean 1 and capped at 10, so larger
        // series (which carry the revenue weights of the metrics) count more without drowning the rest.
        double wMean = 0;
        for (float w : weight) {
            wMean += w / n;
        }
        for (int k = 0; k < n; k++) {
            weight[k] = (float) Math.min(10, weight[k] / wMean);
        }
        var device = resolveDevice(config.device());
        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
        var model = Model.newInstance("mq-mlp", device, "PyTorch");
        model.setBlock(newBlock(config));
        int stepsPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
        var tracker = Tracker.warmUp().optWarmUpSteps(Math.min(200, stepsPerEpoch))
                .setMainTracker(Tracker.cosine().setBaseValue(config.learningRate()).optFinalValue(config.learningRate() / 20)
                        .setMaxUpdates(stepsPerEpoch * config.epochs()).build()).build();
        var trainingConfig = new DefaultTrainingConfig(new PinballLoss(config.meanWeight()))
                .optOptimizer(Optimizer.adam().optLearningRateTracker(tracker).build())
                .optDevices(new Device[] {device});
        try (Trainer trainer = model.newTrainer(trainingConfig)) {
            trainer.initialize(new Shape(config.batchSize(), Features.DIM));
            var order = new int[n];
            for (int k = 0; k < n; k++) {
                order[k] = k;
            }
            var shuffle = new Random(config.seed() + 1);
            var xb = new float[config.batchSize() * Features.DIM];
            var yb = new float[config.batchSize() * h];
            var wb = new float[config.batchSize()];
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                for (int k = n - 1; k > 0; k--) {
                    int j = shuffle.nextInt(k + 1);
                    int tmp = order[k];
                    order[k] = order[j];
                    order[j] = tmp;
                }
                double lossSum = 0;
                int steps = 0;
                for (int start = 0; start < n; start += config.batchSize()) {
                    if (monitor.cancelled()) {
                        model.close();
                        throw new TrainingMonitor.TrainingCancelled();
                    }
                    int b = Math.min(config.batchSize(), n - start);
                    for (int r = 0; r < b; r++) {
                        int k = order[start + r];
                        System.arraycopy(x, k * Features.DIM, xb, r * Features.DIM, Features.DIM);
                        System.arraycopy(yTarget, k * h, yb, r * h, h);
                        wb[r] = weight[k];
                    }
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDArray xa = m.create(java.util.Arrays.copyOf(xb, b * Features.DIM), new Shape(b, Features.DIM));
                        NDArray ya = m.create(java.util.Arrays.copyOf(yb, b * h), new Shape(b, h));
                        NDArray wa = m.create(java.util.Arrays.copyOf(wb, b), new Shape(b));
                        try (var gc = trainer.newGradientCollector()) {
                            NDList pred = trainer.forward(new NDList(xa));
                            NDArray loss = trainer.getLoss().evaluate(new NDList(ya, wa), pred);
                            lossSum += loss.getFloat();
                            gc.backward(loss);
                        }
                        trainer.step();
                    }
                    steps++;
                }
                monitor.progress((epoch + 1.0) / config.epochs(), lossSum / steps);
            }
        }
        return new MqNetwork(config, model, device, ShopContext.of(histories));
    }

    /**
     * Forecasts the {@code horizon} days after the common last day of {@code histories}, a whole
     * catalogue: the shop's total is the sum of these histories (as in training).
     */
    public synchronized List<QuantileForecast> forecast(List<DemandSeries> histories) {
        if (histories.isEmpty()) {
            throw new IllegalArgumentException("no series");
        }
        if (ownPredictor == null) {
            ownPredictor = newPredictor();
        }
        return ownPredictor.forecast(histories, ShopContext.of(histories));
    }

    /**
     * The shop context saved with the network: the total of the histories it was trained on (or
     * last forecast as a catalogue); {@code null} for a network loaded from an artifact without one.
     */
    public ShopContext context() {
        return context;
    }

    /**
     * A new predictor over this network's loaded parameters. A predictor serves one caller at a
     * time (DJL predictors are not thread-safe); many predictors share one network, so pool them.
     */
    public MqPredictor newPredictor() {
        return new MqPredictor(this, model.newPredictor(new RowsTranslator(), device));
    }

    /** The input rows of one forward pass. */
    record Rows(float[] x, int rows) {}

    /** Rows of features in, the raw output (quantiles and mean, per horizon day) out; no batchifier: one call is one batch. */
    private static final class RowsTranslator extends QuantileOutputs.FlatTranslator<Rows> {
        @Override
        public NDList processInput(TranslatorContext ctx, Rows input) {
            return new NDList(ctx.getNDManager().create(input.x(), new Shape(input.rows(), Features.DIM)));
        }
    }

    /**
     * Forecasts {@code histories} (which may end on different days) in forward passes of at most
     * 2,048 series through {@code predictor}, with the shop inputs taken from {@code shop}.
     */
    static List<QuantileForecast> forecast(MqConfig config, Predictor<Rows, float[]> predictor,
            List<DemandSeries> histories, ShopContext shop) {
        int h = config.horizon();
        int n = histories.size();
        var out = new ArrayList<QuantileForecast>(n);
        int batch = 2048;
        var total = shop.total();
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            var x = new float[b * Features.DIM];
            var scales = new double[b];
            var index = new int[b];
            for (int r = 0; r < b; r++) {
                var s = histories.get(start + r);
                var y = s.demand();
                int t = y.length - 1;
                if (t < 0) {
                    throw new IllegalArgumentException("series " + s.id() + " has no history");
                }
                int first = Math.min(s.firstSaleIndex(), t);
                scales[r] = Features.scale(y, first, t);
                int pt = shop.index(s.lastDate());
                index[r] = pt;
                Features.write(y, s.price(), s.promo(), first, t, scales[r], Features.shopShare(total, pt),
                        Features.shopTrend(total, pt), s.lastDate().plusDays(1), x, r * Features.DIM);
            }
            float[] raw;
            try {
                raw = predictor.predict(new Rows(x, b));
            } catch (TranslateException e) {
                throw new IllegalStateException("MQ network inference failed: " + e.getMessage(), e);
            }
            QuantileOutputs.decode(histories, start, b, h, raw, scales, index, total, out);
        }
        return out;
    }

    /**
     * Horizon days (by {@code d mod 7}) on which the shop is closed: the total over all series was
     * zero on that weekday in each of the last {@value #CLOSED_WEEKS} weeks (with sales on other
     * days). The network's softplus outputs cannot reach exactly zero, so these days are set to
     * zero explicitly.
     */
    static boolean[] closedDays(double[] total, int t) {
        var closed = new boolean[7];
        double all = 0;
        for (int i = Math.max(0, t - 7 * CLOSED_WEEKS + 1); i <= t; i++) {
            all += total[i];
        }
        if (t + 1 < 7 * CLOSED_WEEKS || all <= 0) {
            return closed;
        }
        for (int k = 0; k < 7; k++) {
            boolean zero = true;
            for (int i = t + 1 + k - 7; i > t - 7 * CLOSED_WEEKS; i -= 7) {
                zero &= total[i] == 0;
            }
            closed[k] = zero;
        }
        return closed;
    }

    static final int CLOSED_WEEKS = 8;

    /** The network as bytes: configuration, then DJL's parameter format. */
    public synchronized byte[] toBytes() {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(context == null ? MAGIC : MAGIC_CONTEXT);
            out.writeInt(config.horizon());
            out.writeInt(config.hidden());
            out.writeInt(config.layers());
            out.writeInt(config.epochs());
            out.writeInt(config.batchSize());
            out.writeFloat(config.learningRate());
            out.writeInt(config.maxSamples());
            out.writeFloat(config.meanWeight());
            out.writeLong(config.seed());
            out.writeUTF(config.device());
            if (context != null) {
                context.write(out);
            }
            model.getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Loads a network saved by {@link #toBytes()} onto {@code device} ({@code auto|cpu|gpu}). */
    public static MqNetwork fromBytes(byte[] bytes, String device) {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_CONTEXT) {
                throw new IllegalArgumentException("not an MQ network artifact");
            }
            var config = new MqConfig(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readFloat(),
                    in.readInt(), in.readFloat(), in.readLong(), in.readUTF());
            var context = magic == MAGIC_CONTEXT ? ShopContext.read(in) : null;
            var dev = resolveDevice(device);
            var model = Model.newInstance("mq-mlp", dev, "PyTorch");
            var block = newBlock(config);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, Features.DIM));
            block.loadParameters(model.getNDManager(), in);
            return new MqNetwork(config.withDevice(device), model, dev, context);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("cannot load MQ network: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (ownPredictor != null) {
            ownPredictor.close();
        }
        model.close();
    }
}
