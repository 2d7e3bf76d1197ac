package io.stockwise.ingestion.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.GetIngestionStatsRequest;
import io.stockwise.proto.v1.IngestSalesRequest;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import io.stockwise.proto.v1.SaleKind;
import io.stockwise.proto.v1.SaleRecord;
import io.stockwise.proto.v1.SeriesKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Client helpers shared by the @QuarkusTest classes: stream sales, read a topic, wait for the relay. */
final class IngestTestSupport {
    private IngestTestSupport() {}

    /** {@code batches} x {@code perBatch} distinct sales over a few series of SKUs starting with {@code prefix}. */
    static List<List<SaleRecord>> file(String prefix, int batches, int perBatch) {
        var out = new ArrayList<List<SaleRecord>>();
        for (int b = 0; b < batches; b++) {
            var batch = new ArrayList<SaleRecord>();
            for (int i = 0; i < perBatch; i++) {
                int n = b * perBatch + i;
                batch.add(SaleRecord.newBuilder()
                        .setSeries(SeriesKey.newBuilder().setSkuId(prefix + (n % 7)).setLocationId("uk"))
                        .setBusinessDate(Date.newBuilder().setYear(2011).setMonth(1 + n % 12).setDay(1 + n % 28))
                        .setQuantity(1 + n % 13)
                        .setUnitPrice(1.5)
                        .setKind(SaleKind.SALE_KIND_SALE)
                        .setOrderId("INV" + n)
                        .build());
            }
            out.add(batch);
        }
        return out;
    }

    static IngestSalesResponse send(ManagedChannel channel, List<List<SaleRecord>> batches) throws Exception {
        var done = new CompletableFuture<IngestSalesResponse>();
        var requests = IngestionServiceGrpc.newStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .ingestSales(completing(done));
        for (var b : batches) {
            requests.onNext(IngestSalesRequest.newBuilder().addAllRecords(b).build());
        }
        requests.onCompleted();
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /**
     * Sends the first {@code sent} batches, waits until {@code received} holds (the server's proof
     * that it has them), then cuts the stream off as a dying client would.
     */
    static void sendAndCancel(ManagedChannel channel, List<List<SaleRecord>> batches, int sent,
            Callable<Boolean> received) throws Exception {
        var done = new CompletableFuture<IngestSalesResponse>();
        var requests = (ClientCallStreamObserver<IngestSalesRequest>) IngestionServiceGrpc.newStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS).ingestSales(completing(done));
        for (int i = 0; i < sent; i++) {
            requests.onNext(IngestSalesRequest.newBuilder().addAllRecords(batches.get(i)).build());
        }
        await("the server has the batches sent before the cut").atMost(Duration.ofSeconds(60)).until(received);
        requests.cancel("client killed mid-stream", null);
    }

    private static StreamObserver<IngestSalesResponse> completing(CompletableFuture<IngestSalesResponse> done) {
        return new StreamObserver<>() {
            @Override
            public void onNext(IngestSalesResponse value) {
                done.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
        };
    }

    static void awaitOutboxDrained(ManagedChannel channel, Duration timeout) {
        var stub = IngestionServiceGrpc.newBlockingStub(channel);
        await("outbox drained").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> stub
                .withDeadlineAfter(5, TimeUnit.SECONDS).getIngestionStats(GetIngestionStatsRequest.getDefaultInstance())
                .getOutboxBacklog() == 0);
    }

    /** Every record of the topic whose key starts with {@code prefix}, from the beginning to the end. */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic, String prefix) {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (var consumer = new KafkaConsumer<String, byte[]>(p)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            var out = new ArrayList<ConsumerRecord<String, byte[]>>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        out.add(r);
                    }
                }
            }
            return out;
        }
    }
}
