package io.stockwise.forecast.core.neural.seq;

import ai.djl.inference.Predictor;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.neural.ShopContext;
import java.util.List;

/**
 * A DJL predictor over a loaded {@link SeqNetwork}: not thread-safe, so it serves one caller at a
 * time; create several over one network (they share its parameters) and pool them
 * ({@link SeqPredictorPool}).
 */
public final class SeqPredictor implements io.stockwise.forecast.core.neural.PredictorPool.Member {
    private final SeqNetwork network;
    private final Predictor<SeqNetwork.Rows, float[]> predictor;

    SeqPredictor(SeqNetwork network, Predictor<SeqNetwork.Rows, float[]> predictor) {
        this.network = network;
        this.predictor = predictor;
    }

    /** The network's configuration (its horizon is the number of days every forecast covers). */
    public SeqConfig config() {
        return network.config();
    }

    /**
     * Forecasts the {@code horizon} days after each history's last day, in forward passes of at
     * most 1,024 series, with the shop inputs from {@code shop}. Histories may end on different days.
     */
    public List<QuantileForecast> forecast(List<DemandSeries> histories, ShopContext shop) {
        return SeqNetwork.forecast(network.config(), predictor, histories, shop);
    }

    @Override
    public void close() {
        predictor.close();
    }
}
