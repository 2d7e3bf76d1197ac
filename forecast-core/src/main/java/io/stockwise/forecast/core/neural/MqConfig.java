package io.stockwise.forecast.core.neural;

/**
 * Hyper-parameters of the global multi-horizon quantile network.
 *
 * @param horizon days forecast at once
 * @param hidden units per hidden layer
 * @param layers hidden layers (ReLU)
 * @param epochs passes over the training windows
 * @param batchSize windows per optimiser step
 * @param learningRate Adam's initial learning rate (halved for the last third of the epochs)
 * @param maxSamples most training windows drawn (uniformly, seeded) from all series and origins
 * @param meanWeight weight of the mean's squared error next to the pinball loss
 * @param seed the seed of initialisation, window sampling and batch order
 * @param device {@code auto} (GPU when present), {@code cpu} or {@code gpu} (falls back to CPU with a warning when absent)
 */
public record MqConfig(int horizon, int hidden, int layers, int epochs, int batchSize, float learningRate,
        int maxSamples, float meanWeight, long seed, String device) {
    public MqConfig {
        if (horizon < 1 || hidden < 1 || layers < 1 || epochs < 1 || batchSize < 1 || maxSamples < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, was " + device);
        }
    }

    /** Defaults tuned for daily retail data on a 2-core CPU. */
    public static MqConfig defaults(int horizon) {
        return new MqConfig(horizon, 128, 2, 6, 256, 1e-3f, 100_000, 0.1f, 42L, "auto");
    }

    /**
     * The defaults with 40,000 windows and 4 epochs: the configuration the champion trains with
     * when it fits the network once per rolling origin (about a third of {@link #defaults}' cost
     * per training; used by {@code forecast-eval} and forecast-service).
     */
    public static MqConfig rolling(int horizon) {
        return defaults(horizon).withMaxSamples(40_000).withEpochs(4);
    }

    public MqConfig withEpochs(int e) {
        return new MqConfig(horizon, hidden, layers, e, batchSize, learningRate, maxSamples, meanWeight, seed, device);
    }

    public MqConfig withMaxSamples(int n) {
        return new MqConfig(horizon, hidden, layers, epochs, batchSize, learningRate, n, meanWeight, seed, device);
    }

    public MqConfig withSeed(long s) {
        return new MqConfig(horizon, hidden, layers, epochs, batchSize, learningRate, maxSamples, meanWeight, s, device);
    }

    public MqConfig withHidden(int h) {
        return new MqConfig(horizon, h, layers, epochs, batchSize, learningRate, maxSamples, meanWeight, seed, device);
    }

    public MqConfig withDevice(String d) {
        return new MqConfig(horizon, hidden, layers, epochs, batchSize, learningRate, maxSamples, meanWeight, seed, d);
    }
}
