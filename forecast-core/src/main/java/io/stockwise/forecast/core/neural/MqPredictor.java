package io.stockwise.forecast.core.neural;

import ai.djl.inference.Predictor;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import java.util.List;

/**
 * A DJL predictor over a loaded {@link MqNetwork}: not thread-safe, so it serves one caller at a
 * time; create several over one network (they share its parameters) and pool them.
 */
public final class MqPredictor implements PredictorPool.Member {
    private final MqNetwork network;
    private final Predictor<MqNetwork.Rows, float[]> predictor;

    MqPredictor(MqNetwork network, Predictor<MqNetwork.Rows, float[]> predictor) {
        this.network = network;
        this.predictor = predictor;
    }

    /** The network's configuration (its horizon is the number of days every forecast covers). */
    public MqConfig config() {
        return network.config();
    }

    /**
     * Forecasts the {@code horizon} days after each history's last day, in one forward pass per
     * 2,048 series, with the shop inputs from {@code shop}. Histories may end on different days.
     */
    public List<QuantileForecast> forecast(List<DemandSeries> histories, ShopContext shop) {
        return MqNetwork.forecast(network.config(), predictor, histories, shop);
    }

    @Override
    public void close() {
        predictor.close();
    }
}
