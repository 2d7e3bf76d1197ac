package io.stockwise.optimizer.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.kafka.ConsumerLoop;
import io.stockwise.commons.kafka.DeadLetters;
import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.optimizer.config.OptimizerConfig;
import io.stockwise.optimizer.domain.DemandForecast;
import io.stockwise.optimizer.domain.InvalidPlanRequest;
import io.stockwise.optimizer.domain.ItemOptions;
import io.stockwise.optimizer.domain.Plan;
import io.stockwise.optimizer.domain.PlanRequest;
import io.stockwise.optimizer.domain.PlanRequestValidator;
import io.stockwise.optimizer.domain.ReplenishmentItem;
import io.stockwise.optimizer.domain.ReplenishmentPlanner;
import io.stockwise.optimizer.domain.SeriesId;
import io.stockwise.optimizer.domain.StockPosition;
import io.stockwise.optimizer.grpc.PlanMetrics;
import io.stockwise.optimizer.grpc.ProtoMapping;
import io.stockwise.optimizer.persistence.JdbcPlanStore;
import io.stockwise.optimizer.persistence.PositionStore;
import io.stockwise.optimizer.persistence.SupplyTermsStore;
import io.stockwise.proto.v1.ForecastPublishedEvent;
import io.stockwise.proto.v1.InventoryPositionEvent;
import io.stockwise.proto.v1.SupplyTermsEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the latest stock position of every series from {@code stockwise.inventory.v1} and the supply
 * terms of every SKU, supplier and location from {@code stockwise.supply.v1} and, when a forecast
 * arrives on {@code stockwise.forecasts.v1} for a series with a known position, plans it with its
 * stored supply terms (else the configured default terms) and stores and publishes the plan (to {@code stockwise.plans.v1}
 * through the outbox). A batch's positions, plan and the marks of the forecasts it re-planned are
 * written in one transaction; a forecast already marked (same series and create time) is not planned
 * again, so redeliveries change nothing. Records that cannot be parsed or planned are logged and
 * skipped, never retried forever.
 */
@ApplicationScoped
public class ReplanConsumer {
    private static final Logger LOG = Logger.getLogger(ReplanConsumer.class);

    private final OptimizerConfig.Replan config;
    private final DataSource dataSource;
    private final ReplenishmentPlanner planner;
    private final JdbcPlanStore store;
    private final PlanMetrics planMetrics;
    private final String bootstrapServers;
    private final Map<String, Counter> outcomes = new LinkedHashMap<>();
    private final Counter supplyTermsStored;
    private volatile ConsumerLoop loop;
    private volatile DeadLetters deadLetters;

    public ReplanConsumer(OptimizerConfig config, DataSource dataSource, ReplenishmentPlanner planner, JdbcPlanStore store,
            PlanMetrics planMetrics, MeterRegistry registry, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config.replan();
        this.dataSource = dataSource;
        this.planner = planner;
        this.store = store;
        this.planMetrics = planMetrics;
        this.bootstrapServers = bootstrapServers;
        supplyTermsStored = Counter.builder("stockwise.replan.supply.terms")
                .description("Supply-terms events consumed and stored").register(registry);
        for (var outcome : List.of("planned", "no_position", "unusable", "duplicate", "unreadable")) {
            outcomes.put(outcome, Counter.builder("stockwise.replan.forecasts")
                    .description("Forecast events consumed for re-planning, by outcome").tag("outcome", outcome)
                    .register(registry));
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Re-planning consumer disabled (stockwise.optimizer.replan.enabled=false)");
            return;
        }
        var properties = KafkaSettings.consumer(bootstrapServers, config.groupId(), "optimizer-replan",
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.maxPollRecords())));
        deadLetters = DeadLetters.create(bootstrapServers, "optimizer-replan", Duration.ofSeconds(30));
        loop = new ConsumerLoop("optimizer-replan", () -> new KafkaConsumer<String, byte[]>(properties),
                List.of(config.inventoryTopic(), config.supplyTopic(), config.forecastsTopic()), this::handle,
                deadLetters, config.pollTimeout(), config.retryBackoff());
        loop.start();
        LOG.infof("Consuming %s, %s and %s as group %s", config.inventoryTopic(), config.supplyTopic(),
                config.forecastsTopic(), config.groupId());
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

    /** Whether the loop runs (or is off by configuration). */
    public boolean isHealthy() {
        var l = loop;
        return !config.enabled() || (l != null && l.isRunning());
    }

    private record Arrived(DemandForecast forecast, Instant createTime, Optional<LocalDate> planDate,
            ConsumerRecord<String, byte[]> record) {}

    /** Sends a record that can never be used to its dead-letter topic and counts it. */
    private void reject(ConsumerRecord<String, byte[]> r, String outcome, String reason, String description) {
        deadLetters.send(r, reason, description);
        outcomes.get(outcome).increment();
    }

    void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        var positions = new ArrayList<InventoryPositionEvent>();
        var supplyTerms = new ArrayList<SupplyTermsEvent>();
        var forecasts = new LinkedHashMap<SeriesId, Arrived>();
        for (var r : records) {
            try {
                if (r.topic().equals(config.inventoryTopic())) {
                    var e = InventoryPositionEvent.parseFrom(r.value());
                    if (e.hasSeries()) {
                        positions.add(e);
                    }
                } else if (r.topic().equals(config.supplyTopic())) {
                    var e = SupplyTermsEvent.parseFrom(r.value());
                    if (e.hasTerms() && !e.getTerms().getSkuId().isEmpty()) {
                        supplyTerms.add(e);
                    } else {
                        reject(r, "unreadable", "INVALID_EVENT", "a supply-terms event without terms or sku_id");
                    }
                } else {
                    var f = ForecastPublishedEvent.parseFrom(r.value()).getForecast();
                    var series = f.hasSeries() ? ProtoMapping.series(f.getSeries()) : null;
                    if (series == null) {
                        reject(r, "unreadable", "INVALID_EVENT", "a forecast without its series");
                        continue;
                    }
                    var created = Instant.ofEpochSecond(f.getCreateTime().getSeconds(), f.getCreateTime().getNanos());
                    var planDate = f.hasAsOfDate() ? Optional.of(ProtoDates.toLocalDate(f.getAsOfDate(), "as_of_date")
                            .plusDays(1)) : Optional.<LocalDate>empty();
                    forecasts.put(series, new Arrived(ProtoMapping.forecast(f), created, planDate, r));
                }
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                reject(r, "unreadable", "UNREADABLE", String.valueOf(e.getMessage()));
            }
        }
        try (var c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (var e : positions) {
                    double listed = 0;
                    var quantities = new double[e.getOnOrderLinesCount()];
                    var arrivals = new LocalDate[e.getOnOrderLinesCount()];
                    for (int i = 0; i < quantities.length; i++) {
                        var line = e.getOnOrderLines(i);
                        quantities[i] = line.getQuantity();
                        arrivals[i] = ProtoDates.toLocalDate(line.getExpectedArrivalDate(), "on_order_lines");
                        listed += quantities[i];
                    }
                    var observed = Instant.ofEpochSecond(e.getObserveTime().getSeconds(), e.getObserveTime().getNanos());
                    PositionStore.upsert(c, ProtoMapping.series(e.getSeries()), e.getOnHand(),
                            Math.max(0, e.getOnOrder() - listed), quantities, arrivals, observed, e.getEventId());
                }
                for (var e : supplyTerms) {
                    SupplyTermsStore.upsert(c, e.getTerms(),
                            Instant.ofEpochSecond(e.getIngestTime().getSeconds(), e.getIngestTime().getNanos()));
                }
                var fresh = new LinkedHashMap<SeriesId, Arrived>();
                for (var entry : forecasts.entrySet()) {
                    if (PositionStore.replanned(c, entry.getKey(), entry.getValue().createTime())) {
                        outcomes.get("duplicate").increment();
                    } else {
                        fresh.put(entry.getKey(), entry.getValue());
                    }
                }
                var known = PositionStore.positions(c, fresh.keySet());
                var storedTerms = SupplyTermsStore.find(c, fresh.keySet());
                var items = new ArrayList<ReplenishmentItem>();
                var terms = config.terms();
                for (var entry : fresh.entrySet()) {
                    var position = known.get(entry.getKey());
                    if (position == null) {
                        outcomes.get("no_position").increment();
                        continue;
                    }
                    var options = new ItemOptions(position.openOrders(), 0, Optional.empty(), 0, 0, 0, 0, 0, 0, List.of());
                    var item = new ReplenishmentItem(entry.getKey(), new StockPosition(position.onHand(), position.onOrder(), 0),
                            terms.leadTimeDays(), terms.reviewPeriodDays(), terms.cycleServiceLevel(), terms.casePack(),
                            terms.minOrderQuantity(), terms.unitCost(), Optional.of(entry.getValue().forecast()), options);
                    var stored = storedTerms.get(entry.getKey());
                    if (stored != null) {
                        item = stored.applyTo(item, Set.of());
                    }
                    try {
                        PlanRequestValidator.validate(PlanRequest.of(List.of(item)));
                        items.add(item);
                    } catch (InvalidPlanRequest e) {
                        reject(entry.getValue().record(), "unusable", "UNUSABLE_FORECAST", e.getMessage());
                        PositionStore.markReplanned(c, entry.getKey(), entry.getValue().createTime(), Optional.empty());
                    }
                }
                UUID planId = null;
                Plan plan = null;
                if (!items.isEmpty()) {
                    var planDate = fresh.get(items.get(0).series()).planDate();
                    plan = planner.make(new PlanRequest(items, List.of(), false, planDate));
                    store.saveIn(c, plan);
                    planId = plan.id();
                    for (var item : items) {
                        PositionStore.markReplanned(c, item.series(), fresh.get(item.series()).createTime(), Optional.of(planId));
                    }
                }
                c.commit();
                supplyTermsStored.increment(supplyTerms.size());
                if (planId != null) {
                    planMetrics.latest(plan, List.of());
                    outcomes.get("planned").increment(items.size());
                    store.wake();
                }
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }
}
