package io.stockwise.forecast.core.neural;

/** A {@link PredictorPool} of {@link MqPredictor}s over one loaded {@link MqNetwork}. */
public final class MqPredictorPool extends PredictorPool<MqPredictor> {
    private final MqNetwork network;

    /**
     * @param network the loaded network; the pool owns it from now on and closes it
     * @param size predictors, at least 1
     * @param shop the shop inputs of served forecasts; {@code null} means the network's own
     *     {@link MqNetwork#context()} (required then)
     */
    public MqPredictorPool(MqNetwork network, int size, ShopContext shop) {
        super(network, network::newPredictor, size, shopOf(network, shop));
        this.network = network;
    }

    private static ShopContext shopOf(MqNetwork network, ShopContext shop) {
        var s = shop != null ? shop : network.context();
        if (s == null) {
            throw new IllegalArgumentException("the network carries no shop context; pass one");
        }
        return s;
    }

    /** The pooled network's configuration. */
    public MqConfig config() {
        return network.config();
    }

    /** The device the network runs on ({@code cpu()} or {@code gpu(0)}). */
    public String device() {
        return network.device();
    }
}
