package io.stockwise.commons.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies signed JWTs (RS256 or ES256) with smallrye-jwt: signature against the configured public
 * key, expiry, issuer and, when configured, audience. Roles come from the MicroProfile JWT
 * {@code groups} claim; the caller's name from {@code upn}, {@code preferred_username} or
 * {@code sub}, one of which a token must carry.
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
            var groups = jwt.getGroups() == null ? Set.<String>of() : Set.copyOf(jwt.getGroups());
            return new Caller(jwt.getName() == null ? jwt.getSubject() : jwt.getName(), groups);
        } catch (ParseException e) {
            throw new InvalidToken("invalid bearer token: " + e.getMessage(), e);
        }
    }
}
