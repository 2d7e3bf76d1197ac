package io.stockwise.commons.security;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Adds this service's own bearer token ({@code stockwise.security.client-token-file}) to its
 * calls to other Stockwise services, re-reading the file when it changes (rotated Secrets).
 */
@ApplicationScoped
@GlobalInterceptor
public class ServiceTokenInterceptor implements ClientInterceptor {
    private final Path tokenFile;
    private volatile FileTime readAt;
    private volatile String token;

    public ServiceTokenInterceptor(SecurityConfig config) {
        this.tokenFile = config.clientTokenFile().map(Path::of).orElse(null);
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next) {
        var call = next.newCall(method, options);
        if (tokenFile == null) {
            return call;
        }
        var bearer = "Bearer " + currentToken();
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<RespT> listener, Metadata headers) {
                headers.put(AuthServerInterceptor.AUTHORIZATION, bearer);
                super.start(listener, headers);
            }
        };
    }

    private String currentToken() {
        try {
            var modified = Files.getLastModifiedTime(tokenFile);
            if (token == null || !modified.equals(readAt)) {
                token = Files.readString(tokenFile).trim();
                readAt = modified;
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service token " + tokenFile, e);
        }
    }
}
