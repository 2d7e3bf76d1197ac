package io.stockwise.cli.ingest;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.stockwise.proto.v1.IngestSalesRequest;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import io.stockwise.proto.v1.SaleRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams sales records to {@code IngestionService/IngestSales} in batches, respecting gRPC flow
 * control (it waits while the transport is not ready instead of buffering the whole file), and
 * returns the server's summary. One uploader is one stream; not thread-safe.
 */
public final class SalesUploader implements AutoCloseable {
    /** Records per message: the server takes at most 10,000 and 4 MiB. */
    public static final int DEFAULT_BATCH = 2_000;

    private final CompletableFuture<IngestSalesResponse> done = new CompletableFuture<>();
    private final ClientCallStreamObserver<IngestSalesRequest> requests;
    private final int batchSize;
    private final List<SaleRecord> pending;
    private long sent;

    public SalesUploader(Channel channel, int batchSize, long deadlineSeconds) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be 1 to 10,000, was " + batchSize);
        }
        this.batchSize = batchSize;
        this.pending = new ArrayList<>(batchSize);
        var observer = new ClientResponseObserver<IngestSalesRequest, IngestSalesResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<IngestSalesRequest> stream) {}

            @Override
            public void onNext(IngestSalesResponse value) {
                done.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(IngestSalesResponse.getDefaultInstance());
            }
        };
        this.requests = (ClientCallStreamObserver<IngestSalesRequest>) IngestionServiceGrpc.newStub(channel)
                .withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS).ingestSales(observer);
    }

    /** Queues one record; sends a message when a batch is full. */
    public void add(SaleRecord record) {
        pending.add(record);
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    /** Records handed to the transport so far. */
    public long sent() {
        return sent;
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        while (!requests.isReady() && !done.isDone()) {
            LockSupport.parkNanos(200_000);
        }
        if (done.isDone()) {
            // The server answered early: an error; finish() reports it.
            pending.clear();
            return;
        }
        requests.onNext(IngestSalesRequest.newBuilder().addAllRecords(pending).build());
        sent += pending.size();
        pending.clear();
    }

    /** Sends what is left, half-closes and waits for the summary. */
    public IngestSalesResponse finish() throws InterruptedException {
        flush();
        if (!done.isDone()) {
            requests.onCompleted();
        }
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (!done.isDone()) {
            requests.cancel("upload abandoned", null);
        }
    }
}
