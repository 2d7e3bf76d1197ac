package io.stockwise.forecast.core.neural.seq;

import io.stockwise.forecast.core.neural.DjlDefaults;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.neural.GlobalInputs;
import io.stockwise.forecast.core.neural.MqNetwork;
import io.stockwise.forecast.core.neural.PinballLoss;
import io.stockwise.forecast.core.neural.QuantileOutputs;
import io.stockwise.forecast.core.neural.ShopContext;
import io.stockwise.forecast.core.neural.TrainingMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A global sequence model (LSTM encoder-decoder or transformer, {@link SeqConfig.Kind}) trained
 * with DJL on the PyTorch engine across all series at once. Per series and origin it reads the
 * {@link SeqInputs} (the context window day by day, the horizon's known inputs and
 * {@code mq_mlp}'s summary features) and returns, for every horizon day, nine non-crossing,
 * non-negative quantiles and a mean ({@link SeqBlocks}), in units of the series' scale.
 *
 * <p>Training mirrors {@link MqNetwork}: windows are (series, origin) pairs whose horizon lies in
 * the given histories (nothing after the cutoff is used), drawn uniformly up to
 * {@link SeqConfig#maxSamples()} with the seed, weighted by the square root of the series' scale
 * (normalised, capped at 10), with {@link PinballLoss} and Adam under warm-up and cosine decay;
 * initialisation and batch order are seeded, so a run is repeatable. Days the whole shop is
 * closed are forecast as zero. The artifact ({@link #toBytes()}) carries the configuration, the
 * training catalogue's {@link ShopContext} and the parameters; {@link SeqPredictorPool} serves it.
 */
public final class SeqNetwork implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SeqNetwork.class.getName());
    private static final int MAGIC = 0x53455131; // "SEQ1"
    static final int BATCH = 1024;

    static {
        DjlDefaults.apply();
    }

    private final SeqConfig config;
    private final Model model;
    private final Device device;
    private final ShopContext context;
    private SeqPredictor ownPredictor;

    private SeqNetwork(SeqConfig config, Model model, Device device, ShopContext context) {
        this.config = config;
        this.model = model;
        this.device = device;
        this.context = context;
    }

    /** The configuration trained with (its device as loaded). */
    public SeqConfig config() {
        return config;
    }

    /** The model's name: {@code seq_lstm} or {@code seq_transformer}. */
    public String name() {
        return config.kind().modelName();
    }

    /** The device the network runs on. */
    public String device() {
        return device.toString();
    }

    /** The shop context saved with the network: the daily total of the catalogue it was trained on. */
    public ShopContext context() {
        return context;
    }

    /** Trains a network on {@code histories}, which all end on the same day. */
    public static SeqNetwork train(List<DemandSeries> histories, SeqConfig config, TrainingMonitor monitor) {
        if (histories.isEmpty()) {
            throw new IllegalArgumentException("no series");
        }
        var end = histories.get(0).lastDate();
        for (var s : histories) {
            if (!s.lastDate().equals(end)) {
                throw new IllegalArgumentException("series " + s.id() + " ends on " + s.lastDate() + ", not " + end);
            }
        }
        var shop = ShopContext.of(histories);
        var total = GlobalInputs.total(shop);
        int h = config.horizon();
        var firsts = new int[histories.size()];
        long candidates = 0;
        for (int i = 0; i < histories.size(); i++) {
            firsts[i] = histories.get(i).firstSaleIndex();
            candidates += Math.max(0, histories.get(i).length() - h - firsts[i]);
        }
        double keep = Math.min(1.0, (double) config.maxSamples() / Math.max(1, candidates));
        var rnd = new Random(config.seed());
        var windows = new ArrayList<int[]>();
        for (int i = 0; i < histories.size(); i++) {
            int len = histories.get(i).length();
            for (int t = firsts[i]; t < len - h; t++) {
                if (keep >= 1 || rnd.nextDouble() < keep) {
                    windows.add(new int[] {i, t});
                }
            }
        }
        int n = windows.size();
        if (n == 0) {
            throw new IllegalArgumentException("no training window: histories shorter than the horizon " + h);
        }
        var offset = new int[histories.size()];
        for (int i = 0; i < offset.length; i++) {
            offset[i] = GlobalInputs.index(shop, histories.get(i).firstDate());
        }
        var scale = new double[n];
        var weight = new float[n];
        double wMean = 0;
        for (int k = 0; k < n; k++) {
            var s = histories.get(windows.get(k)[0]);
            scale[k] = GlobalInputs.scale(s.demand(), firsts[windows.get(k)[0]], windows.get(k)[1]);
            wMean += Math.sqrt(scale[k]) / n;
        }
        for (int k = 0; k < n; k++) {
            weight[k] = (float) Math.min(10, Math.sqrt(scale[k]) / wMean);
        }

        var dev = MqNetwork.resolveDevice(config.device());
        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
        var model = Model.newInstance(config.kind().modelName(), dev, "PyTorch");
        model.setBlock(SeqBlocks.of(config));
        int bs = config.batchSize();
        int stepsPerEpoch = (n + bs - 1) / bs;
        var tracker = Tracker.warmUp().optWarmUpSteps(Math.min(100, stepsPerEpoch))
                .setMainTracker(Tracker.cosine().setBaseValue(config.learningRate())
                        .optFinalValue(config.learningRate() / 20).setMaxUpdates(stepsPerEpoch * config.epochs()).build())
                .build();
        var trainingConfig = new DefaultTrainingConfig(new PinballLoss(config.meanWeight()))
                .optOptimizer(Optimizer.adam().optLearningRateTracker(tracker).optClipGrad(5f).build())
                .optDevices(new Device[] {dev});
        var batch = new Batch(config, bs);
        var yb = new float[bs * h];
        var wb = new float[bs];
        try (Trainer trainer = model.newTrainer(trainingConfig)) {
            trainer.initialize(SeqBlocks.inputShapes(config, bs));
            var order = new int[n];
            for (int k = 0; k < n; k++) {
                order[k] = k;
            }
            var shuffle = new Random(config.seed() + 1);
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                for (int k = n - 1; k > 0; k--) {
                    int j = shuffle.nextInt(k + 1);
                    int tmp = order[k];
                    order[k] = order[j];
                    order[j] = tmp;
                }
                double lossSum = 0;
                int steps = 0;
                for (int start = 0; start < n; start += bs) {
                    if (monitor.cancelled()) {
                        model.close();
                        throw new TrainingMonitor.TrainingCancelled();
                    }
                    int b = Math.min(bs, n - start);
                    for (int r = 0; r < b; r++) {
                        int k = order[start + r];
                        int i = windows.get(k)[0];
                        int t = windows.get(k)[1];
                        var s = histories.get(i);
                        var y = s.demand();
                        batch.write(s, firsts[i], t, scale[k], total, offset[i] + t, r);
                        for (int d = 0; d < h; d++) {
                            yb[r * h + d] = (float) (y[t + 1 + d] / scale[k]);
                        }
                        wb[r] = weight[k];
                    }
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDList x = batch.toNDList(m, b);
                        NDArray ya = m.create(Arrays.copyOf(yb, b * h), new Shape(b, h));
                        NDArray wa = m.create(Arrays.copyOf(wb, b), new Shape(b));
                        try (var gc = trainer.newGradientCollector()) {
                            NDList pred = trainer.forward(x);
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
        LOG.log(System.Logger.Level.DEBUG, config.kind().modelName() + " trained on " + n + " windows");
        return new SeqNetwork(config, model, dev, shop);
    }

    /** The number of (series, origin) windows {@link #train} samples from (before subsampling). */
    public static long candidates(List<DemandSeries> histories, int horizon) {
        long candidates = 0;
        for (var s : histories) {
            candidates += Math.max(0, s.length() - horizon - s.firstSaleIndex());
        }
        return candidates;
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

    /** A new predictor over this network's parameters; one caller at a time each, so pool them. */
    public SeqPredictor newPredictor() {
        return new SeqPredictor(this, model.newPredictor(new BatchTranslator(), device));
    }

    /** The raw outputs {@code (rows, horizon, 10)} of one forward pass over {@code batch} (for tests). */
    float[] raw(Batch batch, int rows) {
        try (var p = model.newPredictor(new BatchTranslator(), device)) {
            return p.predict(new Rows(batch, rows));
        } catch (TranslateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Input arrays of one forward pass. */
    static final class Batch {
        final SeqConfig config;
        final float[] past;
        final float[] future;
        final float[] summary;

        Batch(SeqConfig config, int rows) {
            this.config = config;
            past = new float[rows * config.context() * SeqInputs.PAST];
            future = new float[rows * config.horizon() * SeqInputs.FUTURE];
            summary = new float[rows * SeqInputs.SUMMARY];
        }

        void write(DemandSeries s, int first, int t, double scale, double[] total, int pt, int r) {
            LocalDate origin = s.firstDate().plusDays(t);
            SeqInputs.write(s.demand(), s.price(), s.promo(), first, t, scale, total, pt, origin, config.context(),
                    config.horizon(), past, future, summary, r);
        }

        NDList toNDList(NDManager m, int rows) {
            int l = config.context();
            int h = config.horizon();
            return new NDList(
                    m.create(Arrays.copyOf(past, rows * l * SeqInputs.PAST), new Shape(rows, l, SeqInputs.PAST)),
                    m.create(Arrays.copyOf(future, rows * h * SeqInputs.FUTURE), new Shape(rows, h, SeqInputs.FUTURE)),
                    m.create(Arrays.copyOf(summary, rows * SeqInputs.SUMMARY), new Shape(rows, SeqInputs.SUMMARY)));
        }
    }

    record Rows(Batch batch, int rows) {}

    /** One call is one batch (no batchifier): the arrays in, the flat {@code (rows, horizon, 10)} output out. */
    private static final class BatchTranslator extends QuantileOutputs.FlatTranslator<Rows> {
        @Override
        public NDList processInput(TranslatorContext ctx, Rows input) {
            return input.batch().toNDList(ctx.getNDManager(), input.rows());
        }
    }

    /**
     * Forecasts {@code histories} (which may end on different days) through {@code predictor} in
     * forward passes of at most {@value #BATCH} series, with the shop inputs from {@code shop}.
     */
    static List<QuantileForecast> forecast(SeqConfig config, Predictor<Rows, float[]> predictor,
            List<DemandSeries> histories, ShopContext shop) {
        int h = config.horizon();
        int n = histories.size();
        var out = new ArrayList<QuantileForecast>(n);
        var total = GlobalInputs.total(shop);
        var batch = new Batch(config, Math.min(BATCH, n));
        for (int start = 0; start < n; start += BATCH) {
            int b = Math.min(BATCH, n - start);
            var scales = new double[b];
            var index = new int[b];
            for (int r = 0; r < b; r++) {
                var s = histories.get(start + r);
                int t = s.length() - 1;
                if (t < 0) {
                    throw new IllegalArgumentException("series " + s.id() + " has no history");
                }
                int first = Math.min(s.firstSaleIndex(), t);
                scales[r] = GlobalInputs.scale(s.demand(), first, t);
                index[r] = GlobalInputs.index(shop, s.lastDate());
                batch.write(s, first, t, scales[r], total, index[r], r);
            }
            float[] raw;
            try {
                raw = predictor.predict(new Rows(batch, b));
            } catch (TranslateException e) {
                throw new IllegalStateException(config.kind().modelName() + " inference failed: " + e.getMessage(), e);
            }
            QuantileOutputs.decode(histories, start, b, h, raw, scales, index, total, out);
        }
        return out;
    }

    /** The network as bytes: configuration, the shop context, then DJL's parameter format. */
    public synchronized byte[] toBytes() {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(config.kind().name());
            out.writeInt(config.horizon());
            out.writeInt(config.context());
            out.writeInt(config.hidden());
            out.writeInt(config.layers());
            out.writeInt(config.heads());
            out.writeInt(config.epochs());
            out.writeInt(config.batchSize());
            out.writeFloat(config.learningRate());
            out.writeInt(config.maxSamples());
            out.writeFloat(config.meanWeight());
            out.writeLong(config.seed());
            out.writeUTF(config.device());
            GlobalInputs.writeContext(context, out);
            model.getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Whether {@code bytes} look like a {@link #toBytes()} artifact (of either kind). */
    public static boolean isArtifact(byte[] bytes) {
        return bytes != null && bytes.length >= 4
                && ((bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | bytes[3] & 0xff) == MAGIC;
    }

    /** Loads a network saved by {@link #toBytes()} onto {@code device} ({@code auto|cpu|gpu}). */
    public static SeqNetwork fromBytes(byte[] bytes, String device) {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a sequence model artifact");
            }
            var config = new SeqConfig(SeqConfig.Kind.valueOf(in.readUTF()), in.readInt(), in.readInt(), in.readInt(),
                    in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readFloat(), in.readInt(), in.readFloat(),
                    in.readLong(), in.readUTF());
            var context = GlobalInputs.readContext(in);
            var dev = MqNetwork.resolveDevice(device);
            var model = Model.newInstance(config.kind().modelName(), dev, "PyTorch");
            var block = SeqBlocks.of(config);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, SeqBlocks.inputShapes(config, 1));
            block.loadParameters(model.getNDManager(), in);
            return new SeqNetwork(config.withDevice(device), model, dev, context);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("cannot load sequence model: " + e.getMessage(), e);
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
