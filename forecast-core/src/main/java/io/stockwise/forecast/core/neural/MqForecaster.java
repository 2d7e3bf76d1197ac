package io.stockwise.forecast.core.neural;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.QuantileForecast;
import java.util.List;

/**
 * The global quantile network as a {@link ForecastModel}: trains an {@link MqNetwork} on the
 * histories (horizon from the call), forecasts them, and keeps the last trained network's bytes
 * for the registry.
 */
public final class MqForecaster implements ForecastModel {
    public static final String NAME = "mq_mlp";
    private final MqConfig config;
    private final TrainingMonitor monitor;
    private volatile byte[] lastArtifact;

    public MqForecaster(MqConfig config, TrainingMonitor monitor) {
        this.config = config;
        this.monitor = monitor;
    }

    public MqForecaster(MqConfig config) {
        this(config, TrainingMonitor.NONE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<QuantileForecast> fitAndForecast(List<DemandSeries> histories, int horizon) {
        var cfg = new MqConfig(horizon, config.hidden(), config.layers(), config.epochs(), config.batchSize(),
                config.learningRate(), config.maxSamples(), config.meanWeight(), config.seed(), config.device());
        try (var net = MqNetwork.train(histories, cfg, monitor)) {
            lastArtifact = net.toBytes();
            return net.forecast(histories);
        }
    }

    /** The bytes of the network trained by the last call, or {@code null}. */
    public byte[] lastArtifact() {
        return lastArtifact;
    }
}
