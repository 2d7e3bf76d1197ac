package io.stockwise.forecast.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.forecast.config.ForecastConfig;
import io.stockwise.forecast.core.neural.MqNetwork;
import io.stockwise.forecast.persistence.ServingStatusQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Serving state for dashboards and alerts, read from the database every {@link #REFRESH} (and on
 * {@link #refresh()}): {@code stockwise_forecast_age_seconds} (age of the newest stored forecast run, 0 when
 * none), {@code stockwise_model_info{model,version,device}} = 1 for the serving champion (absent when none),
 * and the champion's backtest {@code stockwise_forecast_backtest_wspl} / {@code _wrmsse} (NaN when none).
 * One champion at a time, so the info labels stay bounded.
 */
@ApplicationScoped
public class ServingMetrics {
    private static final Logger LOG = Logger.getLogger(ServingMetrics.class);
    /** How often the gauges re-read the database; the scrape interval is of this order. */
    static final Duration REFRESH = Duration.ofSeconds(15);

    private final DataSource dataSource;
    private final String configuredDevice;
    private final MultiGauge modelInfo;
    private final Clock clock = Clock.systemUTC();
    private volatile ServingStatusQuery.Status status = new ServingStatusQuery.Status(java.util.Optional.empty(),
            java.util.Optional.empty());
    private volatile String device;
    private ScheduledExecutorService executor;

    public ServingMetrics(DataSource dataSource, ForecastConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.configuredDevice = config.serving().device().toLowerCase(Locale.ROOT);
        Gauge.builder("stockwise.forecast.age.seconds", this, ServingMetrics::ageSeconds)
                .description("Age of the newest stored forecast run; 0 when none").baseUnit("seconds")
                .register(registry);
        Gauge.builder("stockwise.forecast.backtest.wspl", this, m -> m.status.champion().map(c -> c.wspl()).orElse(Double.NaN))
                .description("Backtest WSPL of the serving champion (lower is better)").register(registry);
        Gauge.builder("stockwise.forecast.backtest.wrmsse", this,
                m -> m.status.champion().map(c -> c.wrmsse()).orElse(Double.NaN))
                .description("Backtest WRMSSE of the serving champion (lower is better)").register(registry);
        modelInfo = MultiGauge.builder("stockwise.model.info")
                .description("1 for the serving champion model, version and device").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "serving-metrics");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    void refreshQuietly() {
        try {
            refresh();
        } catch (Exception e) {
            LOG.warnf("serving metrics not refreshed: %s", e.toString());
        }
    }

    /** Re-reads the serving state now. */
    public synchronized void refresh() throws java.sql.SQLException {
        ServingStatusQuery.Status s;
        try (var c = dataSource.getConnection()) {
            s = ServingStatusQuery.read(c);
        }
        status = s;
        modelInfo.register(s.champion()
                .map(ch -> List.of(MultiGauge.Row.of(Tags.of("model", ch.model(), "version", ch.version(), "device",
                        device()), 1)))
                .orElse(List.of()), true);
    }

    private double ageSeconds() {
        return status.newestForecast()
                .map(t -> Math.max(0, Duration.between(t, clock.instant()).toMillis() / 1000.0)).orElse(0.0);
    }

    /**
     * cpu or gpu: where the champion is served ({@code stockwise.forecast.serving.device}, resolved as
     * the predictor pool resolves it: {@code auto} and an unavailable {@code gpu} become what DJL finds).
     */
    private String device() {
        if (device == null) {
            if (configuredDevice.equals("cpu")) {
                device = "cpu";
            } else {
                try {
                    device = MqNetwork.resolveDevice(configuredDevice).getDeviceType().toLowerCase(Locale.ROOT);
                } catch (RuntimeException | LinkageError e) {
                    LOG.warnf("cannot resolve the DJL device (%s); reporting cpu", e.toString());
                    device = "cpu";
                }
            }
        }
        return device;
    }
}
