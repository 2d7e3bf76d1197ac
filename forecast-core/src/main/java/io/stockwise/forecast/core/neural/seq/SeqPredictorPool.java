package io.stockwise.forecast.core.neural.seq;

import io.stockwise.forecast.core.neural.PredictorPool;
import io.stockwise.forecast.core.neural.ShopContext;

/** A {@link PredictorPool} of {@link SeqPredictor}s over one loaded {@link SeqNetwork}. */
public final class SeqPredictorPool extends PredictorPool<SeqPredictor> {
    private final SeqNetwork network;

    /**
     * @param network the loaded network; the pool owns it from now on and closes it
     * @param size predictors, at least 1
     * @param shop the shop inputs of served forecasts; {@code null} means the network's own
     *     {@link SeqNetwork#context()}
     */
    public SeqPredictorPool(SeqNetwork network, int size, ShopContext shop) {
        super(network, network::newPredictor, size, shop != null ? shop : network.context());
        this.network = network;
    }

    /** The pooled network's configuration. */
    public SeqConfig config() {
        return network.config();
    }

    /** The model's name: {@code seq_lstm} or {@code seq_transformer}. */
    public String name() {
        return network.name();
    }

    /** The device the network runs on ({@code cpu()} or {@code gpu(0)}). */
    public String device() {
        return network.device();
    }
}
