package io.stockwise.commons.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies signed JWTs (RS256 or ES256) with smallrye-jwt: signature against the configured public
 * key, expiry, issuer and, when configured, audience; then the token's lifetime: it must not be
 * issued in the future ({@code iat} later than now plus the clock skew) nor live longer than the
 * maximum ({@code exp - iat}, or {@code exp - now} without {@code iat}). Roles come from the MicroProfile JWT
 * {@code groups} claim; the caller's name from {@code upn}, {@code preferred_username} or
 * {@code sub}, one of which a token must carry.
 */
public final class JwtTokenVerifier implements TokenVerifier {
    /** The defaults of {@code stockwise.security.jwt.max-lifetime} and {@code clock-skew}. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    private final DefaultJWTParser parser;
    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final Clock clock;

    /**
     * @param publicKeyPem the issuer's public key, PEM (or a JWK set) content
     * @param issuer the expected {@code iss}
     * @param audience the expected {@code aud}, if any
     */
    public JwtTokenVerifier(String publicKeyPem, String issuer, Optional<String> audience) {
        this(publicKeyPem, issuer, audience, DEFAULT_MAX_LIFETIME, DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    /**
     * @param maxLifetime the longest {@code exp - iat} accepted
     * @param clockSkew how far the issuer's clock may be ahead of or behind this one
     */
    public JwtTokenVerifier(String publicKeyPem, String issuer, Optional<String> audience, Duration maxLifetime,
            Duration clockSkew, Clock clock) {
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
        this.clock = clock;
        var info = new JWTAuthContextInfo();
        info.setClockSkew((int) clockSkew.toSeconds());
        var pem = publicKeyPem.strip();
        if (pem.startsWith("-----BEGIN PUBLIC KEY-----")) {
            // A PEM key is RSA (RS256) or EC (ES256): verify with exactly the algorithm of its type.
            var key = parsePem(pem);
            info.setPublicVerificationKey(key);
            info.setSignatureAlgorithm(Set.of(key.getAlgorithm().equals("EC") ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256));
        } else {
            info.setPublicKeyContent(pem); // a JWK or JWK set: each key names its own algorithm
        }
        info.setIssuedBy(issuer);
        audience.ifPresent(a -> info.setExpectedAudience(Set.of(a)));
        this.parser = new DefaultJWTParser(info);
    }

    private static java.security.PublicKey parsePem(String pem) {
        var base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        var spec = new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(base64));
        for (var type : new String[] {"RSA", "EC"}) {
            try {
                return java.security.KeyFactory.getInstance(type).generatePublic(spec);
            } catch (java.security.GeneralSecurityException notThisType) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("the JWT public key is neither an RSA nor an EC key");
    }

    @Override
    public Caller verify(String token) throws InvalidToken {
        try {
            var jwt = parser.parse(token);
            var now = clock.instant();
            long issuedAt = jwt.getIssuedAtTime();
            if (issuedAt > 0 && Instant.ofEpochSecond(issuedAt).isAfter(now.plus(clockSkew))) {
                throw new InvalidToken("invalid bearer token: issued in the future (iat " + Instant.ofEpochSecond(issuedAt) + ")", null);
            }
            var from = issuedAt > 0 ? Instant.ofEpochSecond(issuedAt) : now;
            var lifetime = Duration.between(from, Instant.ofEpochSecond(jwt.getExpirationTime()));
            if (lifetime.compareTo(maxLifetime.plus(clockSkew)) > 0) {
                throw new InvalidToken("invalid bearer token: lives " + lifetime + ", longer than the maximum " + maxLifetime, null);
            }
            var groups = jwt.getGroups() == null ? Set.<String>of() : Set.copyOf(jwt.getGroups());
            return new Caller(jwt.getName() == null ? jwt.getSubject() : jwt.getName(), groups);
        } catch (ParseException e) {
            throw new InvalidToken("invalid bearer token: " + e.getMessage(), e);
        }
    }
}
