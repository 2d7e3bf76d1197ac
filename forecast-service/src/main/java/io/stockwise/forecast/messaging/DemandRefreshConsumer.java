package io.stockwise.forecast.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockwise.forecast.domain.FeatureServiceUnavailable;
import io.stockwise.forecast.domain.ForecastPlanner;
import io.stockwise.forecast.domain.ForecastStoreUnavailable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.commons.kafka.ConsumerLoop;
import io.stockwise.commons.kafka.DeadLetters;
import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.forecast.config.ForecastConfig;
import io.stockwise.forecast.domain.SeriesId;
import io.stockwise.forecast.grpc.ForecastProtos;
import io.stockwise.forecast.persistence.JdbcModelRegistry;
import io.stockwise.proto.v1.DemandUpdatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes {@code stockwise.demand.v1}: when a series' demand changes, the trained champion's
 * stored forecasts of it are marked stale (so they are never served from the store again), then,
 * with {@code refresh.eager}, the distinct series of the poll are re-forecast at once by the
 * champion on their fresh histories, stored and published to {@code stockwise.forecasts.v1} (so the
 * optimizer re-plans). A poll is one debounced batch: many changes of one series in it cost one
 * forecast. Redelivered records only repeat the same work; unreadable records are logged and
 * skipped; when feature-service or the database is unavailable the batch is retried after a
 * back-off; any other failure is logged and counted and the series stay stale (recomputed at
 * their next request), so one bad series never stops the partition.
 */
@ApplicationScoped
public class DemandRefreshConsumer {
    private static final Logger LOG = Logger.getLogger(DemandRefreshConsumer.class);

    private final ForecastConfig.Refresh config;
    private final JdbcModelRegistry registry;
    private final String bootstrapServers;
    private final Counter staled;
    private final Counter unreadable;
    private final Counter refreshed;
    private final Counter refreshFailures;
    private final Timer refreshTime;
    private final ForecastPlanner planner;
    private volatile ConsumerLoop loop;
    private volatile DeadLetters deadLetters;

    public DemandRefreshConsumer(ForecastConfig config, JdbcModelRegistry registry, ForecastPlanner planner,
            MeterRegistry meters, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.planner = planner;
        this.refreshed = Counter.builder("stockwise.forecast.refresh.forecasts")
                .description("Series re-forecast by the champion after demand changes").register(meters);
        this.refreshFailures = Counter.builder("stockwise.forecast.refresh.failures")
                .description("Polls whose changed series could not be re-forecast (left stale)").register(meters);
        this.refreshTime = Timer.builder("stockwise.forecast.refresh.duration.seconds")
                .description("Time to re-forecast, store and publish the changed series of one poll")
                .publishPercentileHistogram().register(meters);
        this.config = config.refresh();
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        this.staled = Counter.builder("stockwise.forecast.refresh.stale.forecasts")
                .description("Champion forecasts marked stale by demand changes").register(meters);
        this.unreadable = Counter.builder("stockwise.forecast.refresh.unreadable.records")
                .description("Demand-change records dead-lettered as unreadable").register(meters);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Demand refresh disabled (stockwise.forecast.refresh.enabled=false)");
            return;
        }
        var properties = KafkaSettings.consumer(bootstrapServers, config.groupId(), "forecast-refresh",
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.maxPollRecords())));
        deadLetters = DeadLetters.create(bootstrapServers, "forecast-refresh", Duration.ofSeconds(30));
        loop = new ConsumerLoop("forecast-refresh", () -> new KafkaConsumer<String, byte[]>(properties),
                List.of(config.topic()), this::handle, deadLetters, config.pollTimeout(), config.retryBackoff());
        loop.start();
        LOG.infof("Consuming %s as group %s", config.topic(), config.groupId());
    }

    void onStop(@Observes ShutdownEvent event) {
        var l = loop;
        if (l != null) {
            l.close();
        }
        var d = deadLetters;
        if (d != null) {
            d.close();
        }
    }

    void handle(List<ConsumerRecord<String, byte[]>> records) {
        var changed = new LinkedHashSet<SeriesId>();
        for (var r : records) {
            try {
                var e = DemandUpdatedEvent.parseFrom(r.value());
                if (e.hasSeries() && !e.getSeries().getSkuId().isBlank()) {
                    changed.add(ForecastProtos.toSeriesId(e.getSeries()));
                } else {
                    unreadable.increment();
                    deadLetters.send(r, "INVALID_EVENT", "a demand update without its series");
                }
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                unreadable.increment();
                deadLetters.send(r, "UNREADABLE", String.valueOf(e.getMessage()));
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        staled.increment(registry.markChampionStale(changed));
        if (config.eager()) {
            long start = System.nanoTime();
            int n;
            try {
                n = planner.refresh(changed);
            } catch (FeatureServiceUnavailable | ForecastStoreUnavailable e) {
                throw e; // transient: the batch is read again after the back-off
            } catch (RuntimeException e) {
                // Never block the partition: the forecasts are marked stale, so each series is
                // recomputed at its next request.
                refreshFailures.increment();
                LOG.errorf(e, "could not re-forecast %d changed series; they are recomputed at their next request",
                        changed.size());
                return;
            }
            if (n > 0) {
                refreshed.increment(n);
                refreshTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                LOG.debugf("re-forecast %d series after demand changes", n);
            }
        }
    }
}
