package io.stockwise.forecast.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import io.stockwise.forecast.domain.ForecastMetrics;
import io.stockwise.forecast.domain.Forecaster;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Exports {@code stockwise_forecast_inference_duration_seconds{model}} and
 * {@code stockwise_forecast_series_forecast_total{model}}. Meters of every known model are
 * registered up front so dashboards see zeros rather than no series before the first request.
 */
@Startup
@ApplicationScoped
public class MicrometerForecastMetrics implements ForecastMetrics {
    private final MeterRegistry registry;
    private final Map<String, Meters> byModel = new ConcurrentHashMap<>();

    public MicrometerForecastMetrics(MeterRegistry registry, @All List<Forecaster> forecasters) {
        this.registry = registry;
        for (var f : forecasters) {
            meters(f.model());
        }
    }

    @Override
    public void inference(String model, int series, long nanos) {
        var m = meters(model);
        m.inference.record(nanos, TimeUnit.NANOSECONDS);
        m.series.increment(series);
    }

    private Meters meters(String model) {
        return byModel.computeIfAbsent(model, name -> new Meters(
                Timer.builder("stockwise.forecast.inference.duration.seconds")
                        .description("Time a model takes to forecast the series of one request")
                        .tag("model", name)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(100_000))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry),
                Counter.builder("stockwise.forecast.series.forecast")
                        .description("Series forecast")
                        .tag("model", name)
                        .register(registry)));
    }

    private record Meters(Timer inference, Counter series) {}
}
