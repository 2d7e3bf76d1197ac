package io.stockwise.commons.grpc;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Runs the body of a gRPC method and answers with its result or its mapped failure. */
public final class GrpcCalls {
    private GrpcCalls() {}

    /**
     * Answers a unary call: {@code onNext} + {@code onCompleted} with the body's result, or
     * {@code onError} with the status {@link GrpcErrors} maps its failure to.
     */
    public static <T> void unary(StreamObserver<T> response, String domain, Supplier<T> body) {
        T result;
        try {
            result = body.get();
        } catch (RuntimeException | Error e) {
            response.onError(GrpcErrors.toStatus(e, domain));
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }
}
