package io.stockwise.forecast.core.neural.seq;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.neural.TrainingMonitor;
import java.util.List;

/**
 * A sequence model as a {@link ForecastModel} ({@code seq_lstm} or {@code seq_transformer}, by
 * {@link SeqConfig#kind()}): trains a {@link SeqNetwork} on the histories (horizon from the call),
 * forecasts them, and keeps the last trained network's bytes for the registry, like
 * {@code MqForecaster}.
 */
public final class SeqForecaster implements ForecastModel {
    /** The LSTM encoder-decoder's name. */
    public static final String LSTM = SeqConfig.Kind.LSTM.modelName();
    /** The transformer's name. */
    public static final String TRANSFORMER = SeqConfig.Kind.TRANSFORMER.modelName();

    private final SeqConfig config;
    private final TrainingMonitor monitor;
    private volatile byte[] lastArtifact;

    public SeqForecaster(SeqConfig config, TrainingMonitor monitor) {
        this.config = config;
        this.monitor = monitor;
    }

    public SeqForecaster(SeqConfig config) {
        this(config, TrainingMonitor.NONE);
    }

    /** The default configuration of {@code kind}, horizon set by each call. */
    public static SeqForecaster defaults(SeqConfig.Kind kind) {
        return new SeqForecaster(SeqConfig.defaults(kind, 28));
    }

    @Override
    public String name() {
        return config.kind().modelName();
    }

    /** The configuration (its horizon is replaced by each call's). */
    public SeqConfig config() {
        return config;
    }

    @Override
    public List<QuantileForecast> fitAndForecast(List<DemandSeries> histories, int horizon) {
        try (var net = SeqNetwork.train(histories, config.withHorizon(horizon), monitor)) {
            lastArtifact = net.toBytes();
            return net.forecast(histories);
        }
    }

    /** The bytes of the network trained by the last call ({@link SeqNetwork#fromBytes}), or {@code null}. */
    public byte[] lastArtifact() {
        return lastArtifact;
    }
}
