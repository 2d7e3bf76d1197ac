package io.stockwise.commons.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies signed JWTs (RS256 or ES256) with smallrye-jwt: signature against the configured public
 * key, expiry, issuer and, when configured, audience. Roles come from the MicroProfile JWT
 * {@code groups} claim.
 */
public final class JwtTokenVerifier implements TokenVerifier {
    private final DefaultJWTParser parser;

    /**
     * @param publicKeyPem the issuer's public key, PEM (or a JWK set) content
     * @param issuer the expected {@code iss}
     * @param audience the expected {@code aud}, if any
     */
    public JwtTokenVerifier(String publicKeyPem, String issuer, Optional<String> audience) {
        var info = new JWTAuthContextInfo();
        info.setPublicKeyContent(publicKeyPem);
        info.setIssuedBy(issuer);
        audience.ifPresent(a -> info.setExpectedAudience(Set.of(a)));
        this.parser = new DefaultJWTParser(info);
    }

    @Override
    public Caller verify(String token) throws InvalidToken {
        try {
            var jwt = parser.parse(token);
            var groups = jwt.getGroups() == null ? Set.<String>of() : Set.copyOf(jwt.getGroups());
            return new Caller(jwt.getName() == null ? jwt.getSubject() : jwt.getName(), groups);
        } catch (ParseException e) {
            throw new InvalidToken("invalid bearer token: " + e.getMessage(), e);
        }
    }
}
