package io.stockwise.ingestion.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.stockwise.embedded.StockwiseInfra;
import io.stockwise.proto.v1.IngestSalesRequest;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import io.stockwise.proto.v1.SaleEvent;
import io.stockwise.proto.v1.SaleRecord;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The second fault test: the packaged service ({@code target/quarkus-app/quarkus-run.jar},
 * so this runs in {@code verify} after {@code package}) is killed with SIGKILL in the middle of a
 * stream, restarted, and the client resends the whole file. End to end, by source id: the
 * database holds exactly one row per record sent (0 lost, 0 stored twice), and every record
 * reached {@code stockwise.sales.v1}; after the consumer-side deduplication by event id that
 * every consumer does, 0 are duplicated. The raw topic may hold a record twice only if the kill
 * hit the relay between Kafka's acknowledgement and the commit of its delete (at-least-once); the
 * test prints that count.
 */
class ServiceKillIT {
    private static final int BATCHES = 40;
    private static final int PER_BATCH = 1_000;
    /** Messages sent, and seen committed, before the kill; a few more are in flight when it lands. */
    private static final int BEFORE_KILL = 15;
    private static final int IN_FLIGHT = 4;

    private final StockwiseInfra infra = StockwiseInfra.shared();
    private final String schema = "ingestion_kill_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private Process service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(15, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void killedMidStreamThenResentLosesAndDuplicatesNothing() throws Exception {
        infra.kafka().createTopics(Map.of("stockwise.sales.v1", 3, "stockwise.sales.dlq.v1", 1));
        var prefix = "KILL" + schema.substring(schema.lastIndexOf('_') + 1).toUpperCase() + "-";
        var file = IngestTestSupport.file(prefix, BATCHES, PER_BATCH);
        int total = BATCHES * PER_BATCH;
        int port = freePort();

        service = start(port, "first");
        var channel = channel(port);
        try {
            var stream = open(channel);
            for (int i = 0; i < BEFORE_KILL; i++) {
                stream.send(file.get(i));
            }
            awaitRows(BEFORE_KILL * PER_BATCH, Duration.ofSeconds(60));
            for (int i = BEFORE_KILL; i < BEFORE_KILL + IN_FLIGHT; i++) {
                stream.send(file.get(i));
            }
            service.destroyForcibly(); // SIGKILL: no shutdown hook, no relay stop, no rollback but PostgreSQL's own
            assertThat(service.waitFor(20, TimeUnit.SECONDS)).as("killed").isTrue();
            assertThat(stream.done.handle((r, t) -> t).get(30, TimeUnit.SECONDS)).as("the stream broke").isNotNull();
        } finally {
            channel.shutdownNow();
        }
        long storedAtKill = count("SELECT count(*) FROM " + schema + ".sale");
        assertThat(storedAtKill).as("killed mid-stream").isBetween((long) BEFORE_KILL * PER_BATCH, (long) total - 1);

        port = freePort();
        service = start(port, "restarted");
        channel = channel(port);
        IngestSalesResponse summary;
        try {
            var stream = open(channel);
            for (var batch : file) {
                stream.send(batch);
            }
            stream.requests.onCompleted();
            summary = stream.done.get(60, TimeUnit.SECONDS);
        } finally {
            channel.shutdownNow();
        }
        assertThat(summary.getReceivedCount()).isEqualTo(total);
        assertThat(summary.getRejectedCount()).isZero();
        assertThat(summary.getDuplicateCount()).as("what survived the kill").isEqualTo(storedAtKill);
        assertThat(summary.getAcceptedCount()).isEqualTo(total - storedAtKill);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("SELECT (SELECT count(*) FROM " + schema + ".outbox) + (SELECT count(*) FROM " + schema + ".sale_event_batch)") > 0) {
            assertThat(System.nanoTime()).as("outbox drained in time").isLessThan(deadline);
            Thread.sleep(100);
        }

        // The database: exactly one row per source id sent.
        var sent = new HashSet<String>();
        file.forEach(b -> b.forEach(r -> sent.add(r.getOrderId())));
        assertThat(count("SELECT count(*) FROM " + schema + ".sale")).as("rows").isEqualTo(total);
        assertThat(count("SELECT count(DISTINCT order_id) FROM " + schema + ".sale")).as("distinct records stored").isEqualTo(total);

        // The topic: every record at least once; duplicates only by redelivery, removed by event id.
        var perEvent = new HashMap<String, Integer>();
        var orders = new HashSet<String>();
        for (var r : IngestTestSupport.readAll(infra.bootstrapServers(), "stockwise.sales.v1", prefix)) {
            var event = SaleEvent.parseFrom(r.value());
            perEvent.merge(event.getEventId(), 1, Integer::sum);
            orders.add(event.getOrderId());
        }
        int published = perEvent.values().stream().mapToInt(Integer::intValue).sum();
        int redelivered = published - perEvent.size();
        System.out.printf("ServiceKillIT: sent %,d, stored at kill %,d, stored %,d, published %,d records (%,d distinct event ids,"
                + " %,d redelivered)%n", total, storedAtKill, total, published, perEvent.size(), redelivered);
        assertThat(orders).as("lost on the topic").isEqualTo(sent);
        assertThat(perEvent).as("distinct events after consumer-side dedupe by event id").hasSize(total);
    }

    /** One client stream that sends a message only when the transport is ready (flow control). */
    private static final class Stream {
        final CompletableFuture<IngestSalesResponse> done = new CompletableFuture<>();
        ClientCallStreamObserver<IngestSalesRequest> requests;

        void send(List<SaleRecord> batch) {
            while (!requests.isReady() && !done.isDone()) {
                LockSupport.parkNanos(1_000_000);
            }
            if (!done.isDone()) {
                requests.onNext(IngestSalesRequest.newBuilder().addAllRecords(batch).build());
            }
        }
    }

    private static Stream open(ManagedChannel channel) {
        var s = new Stream();
        s.requests = (ClientCallStreamObserver<IngestSalesRequest>) IngestionServiceGrpc.newStub(channel)
                .withDeadlineAfter(120, TimeUnit.SECONDS).ingestSales(new StreamObserver<>() {
                    @Override
                    public void onNext(IngestSalesResponse value) {
                        s.done.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        s.done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                });
        return s;
    }

    private Process start(int port, String name) throws IOException, InterruptedException {
        var pb = PackagedService.builder(infra, schema, port, "service-kill-" + name);
        var log = PackagedService.log("service-kill-" + name);
        var process = pb.start();
        var ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready").toURL();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            assertThat(process.isAlive()).as("service running; see " + log).isTrue();
            assertThat(System.nanoTime()).as("service ready in time; see " + log).isLessThan(deadline);
            try {
                var c = (HttpURLConnection) ready.openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
    }

    private static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    private void awaitRows(long rows, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count("SELECT count(*) FROM " + schema + ".sale") < rows) {
            assertThat(System.nanoTime()).as(rows + " rows stored in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private long count(String sql) throws SQLException {
        try (var c = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password());
                var st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
