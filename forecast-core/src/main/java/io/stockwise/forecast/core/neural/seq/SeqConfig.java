package io.stockwise.forecast.core.neural.seq;

/**
 * Hyper-parameters of a sequence model.
 *
 * @param kind {@link Kind#LSTM} (encoder-decoder) or {@link Kind#TRANSFORMER} (attention over patches)
 * @param horizon days forecast at once
 * @param context days of history the sequence part reads (a multiple of 7)
 * @param hidden LSTM state size, or the transformer's embedding size (a multiple of {@code heads})
 * @param layers stacked LSTM layers, or transformer encoder layers
 * @param heads attention heads (transformer only)
 * @param epochs passes over the training windows
 * @param batchSize windows per optimiser step
 * @param learningRate Adam's peak learning rate (warm-up, then cosine decay to 1/20 of it)
 * @param maxSamples most training windows drawn (uniformly, seeded) from all series and origins
 * @param meanWeight weight of the mean's squared error next to the pinball loss
 * @param seed the seed of initialisation, window sampling and batch order
 * @param device {@code auto} (GPU when present), {@code cpu} or {@code gpu} (falls back to CPU with a warning when absent)
 */
public record SeqConfig(Kind kind, int horizon, int context, int hidden, int layers, int heads, int epochs,
        int batchSize, float learningRate, int maxSamples, float meanWeight, long seed, String device) {

    /** The two architectures. */
    public enum Kind {
        /** LSTM encoder over the context, LSTM decoder over the horizon's known covariates (MQ-RNN style). */
        LSTM("seq_lstm"),
        /** Transformer encoder over weekly patches of the context and one token per horizon day (PatchTST/TFT style). */
        TRANSFORMER("seq_transformer");

        private final String modelName;

        Kind(String modelName) {
            this.modelName = modelName;
        }

        /** The model's name in backtests and the registry. */
        public String modelName() {
            return modelName;
        }

        /** The kind whose {@link #modelName()} is {@code name}. */
        public static Kind ofModelName(String name) {
            for (var k : values()) {
                if (k.modelName.equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no sequence model named " + name);
        }

        /** Whether {@code name} is a sequence model's name. */
        public static boolean isModelName(String name) {
            for (var k : values()) {
                if (k.modelName.equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    public SeqConfig {
        if (kind == null) {
            throw new IllegalArgumentException("kind must be set");
        }
        if (horizon < 1 || hidden < 1 || layers < 1 || heads < 1 || epochs < 1 || batchSize < 1 || maxSamples < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (context < 7 || context % 7 != 0) {
            throw new IllegalArgumentException("context must be a positive multiple of 7 days, was " + context);
        }
        if (kind == Kind.TRANSFORMER && hidden % heads != 0) {
            throw new IllegalArgumentException("hidden " + hidden + " must be a multiple of heads " + heads);
        }
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, was " + device);
        }
    }

    /**
     * Defaults for daily retail data on a 2-core CPU: about two minutes of training on Online
     * Retail's 3,700 series.
     */
    public static SeqConfig defaults(Kind kind, int horizon) {
        return switch (kind) {
            case LSTM -> new SeqConfig(kind, horizon, 56, 48, 1, 1, 4, 256, 2e-3f, 40_000, 0.1f, 42L, "auto");
            case TRANSFORMER -> new SeqConfig(kind, horizon, 56, 32, 2, 4, 4, 256, 1e-3f, 40_000, 0.1f, 42L, "auto");
        };
    }

    /**
     * {@link #defaults} with a third of the training: 20,000 windows and 3 epochs (about 40-65 s
     * per training on Online Retail here), for budgets that train at many origins; it scored
     * within seed noise of the defaults, or better, in {@code benchmarks/results/forecast-seq.md}.
     */
    public static SeqConfig fast(Kind kind, int horizon) {
        return defaults(kind, horizon).withMaxSamples(20_000).withEpochs(3);
    }

    public SeqConfig withHorizon(int h) {
        return new SeqConfig(kind, h, context, hidden, layers, heads, epochs, batchSize, learningRate, maxSamples,
                meanWeight, seed, device);
    }

    public SeqConfig withEpochs(int e) {
        return new SeqConfig(kind, horizon, context, hidden, layers, heads, e, batchSize, learningRate, maxSamples,
                meanWeight, seed, device);
    }

    public SeqConfig withMaxSamples(int n) {
        return new SeqConfig(kind, horizon, context, hidden, layers, heads, epochs, batchSize, learningRate, n,
                meanWeight, seed, device);
    }

    public SeqConfig withSeed(long s) {
        return new SeqConfig(kind, horizon, context, hidden, layers, heads, epochs, batchSize, learningRate, maxSamples,
                meanWeight, s, device);
    }

    public SeqConfig withHidden(int h) {
        return new SeqConfig(kind, horizon, context, h, layers, heads, epochs, batchSize, learningRate, maxSamples,
                meanWeight, seed, device);
    }

    public SeqConfig withLearningRate(float lr) {
        return new SeqConfig(kind, horizon, context, hidden, layers, heads, epochs, batchSize, lr, maxSamples,
                meanWeight, seed, device);
    }

    public SeqConfig withDevice(String d) {
        return new SeqConfig(kind, horizon, context, hidden, layers, heads, epochs, batchSize, learningRate, maxSamples,
                meanWeight, seed, d);
    }
}
