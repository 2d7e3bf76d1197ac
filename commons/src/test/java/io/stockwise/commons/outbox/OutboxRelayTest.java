package io.stockwise.commons.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockwise.commons.kafka.KafkaSettings;
import io.stockwise.embedded.StockwiseInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The relay against the real embedded PostgreSQL and Kafka: a row Kafka refuses for good is parked, nothing stalls. */
class OutboxRelayTest {
    private final StockwiseInfra infra = StockwiseInfra.shared();

    @Test
    void parksARowKafkaRefusesForGoodAndPublishesEverythingAroundIt() throws Exception {
        var schema = "relay_" + UUID.randomUUID().toString().substring(0, 8);
        var topic = "stockwise.relaytest." + schema + ".v1";
        infra.kafka().createTopics(Map.of(topic, 1));
        var ds = new PGSimpleDataSource();
        ds.setUrl(infra.jdbcUrl() + (infra.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema);
        ds.setUser(infra.username());
        ds.setPassword(infra.password());
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET search_path TO " + schema);
            st.execute("""
                    CREATE TABLE outbox (id BIGSERIAL PRIMARY KEY, topic TEXT NOT NULL, record_key TEXT NOT NULL,
                        payload BYTEA NOT NULL, header_keys TEXT[], header_values TEXT[],
                        created_at TIMESTAMPTZ NOT NULL DEFAULT now())""");
            // The same DDL the services' migrations create.
            st.execute(Files.readString(Path.of("../ingestion-service/src/main/resources/db/migration/V4__outbox_parked.sql")));
        }
        // A good row, a 2 MB row (over the producer's 1 MB max.request.size), a good row.
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            new OutboxWriter("outbox").append(c, List.of(
                    new OutboxRecord(topic, "a", "first".getBytes(StandardCharsets.UTF_8)),
                    new OutboxRecord(topic, "b", new byte[2 * 1024 * 1024], Map.of("stockwise.reason", "TOO_LONG")),
                    new OutboxRecord(topic, "a", "third".getBytes(StandardCharsets.UTF_8))));
            c.commit();
        }
        var relay = new OutboxRelay(ds, "outbox", 100, Duration.ofSeconds(30));
        try (var producer = new KafkaProducer<String, byte[]>(
                KafkaSettings.producer(infra.bootstrapServers(), "relay-test", Duration.ofSeconds(30)))) {
            assertThat(relay.publishBatch(producer)).isEqualTo(3);
        }
        var backlog = relay.backlog();
        assertThat(backlog.rows()).isZero();
        assertThat(backlog.parked()).isEqualTo(1);
        try (var c = ds.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT record_key, length(payload), reason, header_values FROM outbox_parked")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("b");
            assertThat(rs.getInt(2)).isEqualTo(2 * 1024 * 1024);
            assertThat(rs.getString(3)).startsWith("RecordTooLargeException");
            assertThat((String[]) rs.getArray(4).getArray()).containsExactly("TOO_LONG");
            assertThat(rs.next()).isFalse();
        }
        var values = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<String, byte[]>(KafkaSettings.consumer(infra.bootstrapServers(),
                "relay-test-" + schema, "relay-test", Map.of()))) {
            consumer.subscribe(List.of(topic));
            await("the two good rows").atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
                return values.size() >= 2;
            });
        }
        assertThat(values).containsExactly("first", "third");
    }
}
