package io.stockwise.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(20);

    private static EmbeddedKafkaBroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.start(null, 0);
    }

    @AfterAll
    static void closeBroker() {
        Path logDirectory = kafka.logDirectory();
        kafka.close();
        assertThat(kafka.isRunning()).isFalse();
        assertThat(logDirectory).doesNotExist();
    }

    @Test
    void recordsMakeARoundTrip() throws Exception {
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());

        KafkaClients.produce(kafka.bootstrapServers(), "sales", "SKU-1", "3 units");

        List<ConsumerRecord<String, String>> records =
                KafkaClients.consume(kafka.bootstrapServers(), "sales", 1, CONSUME_TIMEOUT);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("SKU-1");
            assertThat(record.value()).isEqualTo("3 units");
        });
    }

    @Test
    void createTopicsIsIdempotent() throws Exception {
        kafka.createTopics(Map.of("stock-levels", 4));
        kafka.createTopics(Map.of("stock-levels", 4, "forecasts", 2));
        kafka.createTopics(Map.of("stock-levels", 1));

        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        Admin admin = Admin.create(config);
        try {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(List.of("stock-levels", "forecasts")).allTopicNames().get();
            assertThat(topics.get("stock-levels").partitions()).hasSize(4);
            assertThat(topics.get("forecasts").partitions()).hasSize(2);
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void restartKeepsThePortAndTheRecordsWritten() throws Exception {
        String bootstrapServers = kafka.bootstrapServers();
        kafka.createTopics(Map.of("imports", 1));
        KafkaClients.produce(bootstrapServers, "imports", "batch-1", "before the outage");

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        assertThat(Loopback.isFree(kafka.port())).as("port released while stopped").isTrue();
        kafka.stop(); // Stopping twice is harmless.

        kafka.restart();
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);

        KafkaClients.produce(bootstrapServers, "imports", "batch-2", "after the outage");
        List<ConsumerRecord<String, String>> records =
                KafkaClients.consume(bootstrapServers, "imports", 2, CONSUME_TIMEOUT);
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactly("before the outage", "after the outage");
    }
}
