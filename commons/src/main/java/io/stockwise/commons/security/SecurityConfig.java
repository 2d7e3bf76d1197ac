package io.stockwise.commons.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stockwise.security.*}: authentication and roles for every gRPC call. TLS (and mTLS) is
 * the HTTP server's ({@code quarkus.http.ssl.*}), since gRPC is served on the HTTP port.
 */
@ConfigMapping(prefix = "stockwise.security")
public interface SecurityConfig {
    /**
     * Whether calls need a signed JWT bearer token. Off is the explicit development mode: every
     * call is allowed and the service says so in its log at startup.
     */
    @WithDefault("false")
    boolean enabled();

    /** How tokens are verified. */
    Jwt jwt();

    /**
     * Role rules overriding the defaults of {@link RolePolicy}: key {@code Service/Method} or
     * {@code Service/*}, value the allowed roles, e.g.
     * {@code stockwise.security.rules."ForecastService/TrainModel"=admin,planner}.
     */
    Map<String, List<String>> rules();

    /**
     * A file holding the bearer token this service sends on its own calls to other services
     * (a mounted Secret; re-read when it changes). Unset: calls carry no token.
     */
    Optional<String> clientTokenFile();

    /** Token verification. */
    interface Jwt {
        /** A file with the issuer's public key (PEM or JWK set). Required when security is enabled. */
        Optional<String> publicKeyFile();

        /** The expected issuer ({@code iss} claim). */
        @WithDefault("https://stockwise.local")
        String issuer();

        /** The expected audience ({@code aud} claim); unset: not checked. */
        Optional<String> audience();

        /** The longest lifetime a token may have ({@code exp - iat}); longer-lived tokens are refused. */
        @WithDefault("PT24H")
        java.time.Duration maxLifetime();

        /** How far the issuer's clock may differ from this one, for {@code exp} and {@code iat}. */
        @WithDefault("PT60S")
        java.time.Duration clockSkew();
    }
}
