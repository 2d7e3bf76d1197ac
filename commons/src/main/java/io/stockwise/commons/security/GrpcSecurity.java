package io.stockwise.commons.security;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Applies {@link SecurityConfig} to every gRPC service of the application. With security off it
 * lets everything through and logs, once at start, that the service runs in development mode.
 * Built at start ({@link Startup}): security on without a readable public key stops the service
 * with the setting named, instead of failing every call later.
 */
@Startup
@ApplicationScoped
@GlobalInterceptor
public class GrpcSecurity implements ServerInterceptor {
    private static final Logger LOG = Logger.getLogger(GrpcSecurity.class);

    private final ServerInterceptor delegate;

    public GrpcSecurity(SecurityConfig config) {
        if (!config.enabled()) {
            LOG.warn("gRPC security is OFF (development mode): every call is allowed. "
                    + "Set stockwise.security.enabled=true with a JWT public key in production.");
            this.delegate = null;
            return;
        }
        var keyFile = config.jwt().publicKeyFile().orElseThrow(() -> new IllegalStateException(
                "stockwise.security.enabled=true needs stockwise.security.jwt.public-key-file"));
        String key;
        try {
            key = Files.readString(Path.of(keyFile));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the JWT public key " + keyFile + ": " + e.getMessage(), e);
        }
        var verifier = new JwtTokenVerifier(key, config.jwt().issuer(), config.jwt().audience(), config.jwt().maxLifetime(),
                config.jwt().clockSkew(), java.time.Clock.systemUTC());
        this.delegate = new AuthServerInterceptor(new CallAuthorizer(new RolePolicy(config.rules()), verifier));
        LOG.infof("gRPC security is on: JWT issuer %s, %d role rule overrides", config.jwt().issuer(), config.rules().size());
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        return delegate == null ? next.startCall(call, headers) : delegate.interceptCall(call, headers, next);
    }
}
