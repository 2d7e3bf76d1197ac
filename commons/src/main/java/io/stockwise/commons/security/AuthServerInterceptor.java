package io.stockwise.commons.security;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Closes every call the {@link CallAuthorizer} refuses before the service sees it. */
public final class AuthServerInterceptor implements ServerInterceptor {
    /** The {@code authorization} request header carrying {@code Bearer <jwt>}. */
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final CallAuthorizer authorizer;

    public AuthServerInterceptor(CallAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        var refusal = authorizer.check(call.getMethodDescriptor().getFullMethodName(), headers.get(AUTHORIZATION));
        if (refusal.isPresent()) {
            var trailers = refusal.get().getTrailers();
            call.close(refusal.get().getStatus(), trailers == null ? new Metadata() : trailers);
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
