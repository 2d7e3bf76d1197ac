package io.stockwise.commons.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.smallrye.jwt.build.Jwt;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.ListSeriesRequest;
import io.stockwise.proto.v1.ListSeriesResponse;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real gRPC server over real TLS, with the authorization interceptor in front of a service. */
class SecuredGrpcServerTest {
    static final String ISSUER = "https://stockwise.test";
    static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    static PrivateKey signingKey;
    static PrivateKey strangerKey;
    static Server server;
    static ManagedChannel tls;
    static KeyStore keyStore;

    @BeforeAll
    static void start() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        signingKey = pair.getPrivate();
        strangerKey = generator.generateKeyPair().getPrivate();
        var pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        // A self-signed server certificate for 127.0.0.1, made by the JDK's keytool.
        var p12 = dir.resolve("server.p12");
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var proc = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(new String(proc.getInputStream().readAllBytes())).isZero();
        keyStore = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(p12.toFile())) {
            keyStore.load(in, PASSWORD);
        }
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);

        var authorizer = new CallAuthorizer(new RolePolicy(Map.of()), new JwtTokenVerifier(pem, ISSUER, Optional.empty()));
        server = NettyServerBuilder.forPort(0)
                .sslContext(GrpcSslContexts.configure(io.netty.handler.ssl.SslContextBuilder.forServer(kmf)).build())
                .addService(new FeatureServiceGrpc.FeatureServiceImplBase() {
                    @Override
                    public void listSeries(ListSeriesRequest request, StreamObserver<ListSeriesResponse> response) {
                        response.onNext(ListSeriesResponse.newBuilder().setNextPageToken("ok").build());
                        response.onCompleted();
                    }
                })
                .intercept(new AuthServerInterceptor(authorizer))
                .build()
                .start();

        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        tls = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .sslContext(GrpcSslContexts.forClient().trustManager(tmf).build())
                .build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    static String token(PrivateKey key, String issuer, Set<String> groups, long expiresInSeconds) {
        return Jwt.issuer(issuer).subject("caller").groups(groups).expiresIn(expiresInSeconds).sign(key);
    }

    static ListSeriesResponse listSeries(ManagedChannel channel, String bearer) {
        var stub = FeatureServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        if (bearer != null) {
            var headers = new Metadata();
            headers.put(AuthServerInterceptor.AUTHORIZATION, "Bearer " + bearer);
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return stub.listSeries(ListSeriesRequest.getDefaultInstance());
    }

    static void assertRefused(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            try {
                var info = StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class);
                assertThat(info.getReason()).isEqualTo(reason);
                assertThat(info.getDomain()).isEqualTo("security.stockwise");
            } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                throw new AssertionError(ex);
            }
        });
    }

    @Test
    void aViewerTokenOverTlsIsServed() {
        assertThat(listSeries(tls, token(signingKey, ISSUER, Set.of("viewer"), 300)).getNextPageToken()).isEqualTo("ok");
    }

    @Test
    void es256TokensAreAcceptedToo() throws Exception {
        var ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var pair = ec.generateKeyPair();
        var pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        var verifier = new JwtTokenVerifier(pem, ISSUER, Optional.empty());
        var token = Jwt.issuer(ISSUER).subject("caller").groups(Set.of("planner")).expiresIn(300).jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.ES256).sign(pair.getPrivate());
        assertThat(verifier.verify(token).roles()).containsExactly("planner");
    }

    @Test
    void noTokenIsUnauthenticated() {
        assertRefused(() -> listSeries(tls, null), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
    }

    @Test
    void forgedExpiredOrForeignTokensAreUnauthenticated() {
        assertRefused(() -> listSeries(tls, "not-a-jwt"), Status.Code.UNAUTHENTICATED, "TOKEN_INVALID");
        assertRefused(() -> listSeries(tls, token(strangerKey, ISSUER, Set.of("admin"), 300)), Status.Code.UNAUTHENTICATED, "TOKEN_INVALID");
        assertRefused(() -> listSeries(tls, token(signingKey, "https://elsewhere", Set.of("admin"), 300)),
                Status.Code.UNAUTHENTICATED, "TOKEN_INVALID");
        assertRefused(() -> listSeries(tls, token(signingKey, ISSUER, Set.of("admin"), -120)), Status.Code.UNAUTHENTICATED, "TOKEN_INVALID");
    }

    @Test
    void tokensIssuedInTheFutureOrLivingTooLongAreUnauthenticated() {
        var now = java.time.Instant.now();
        // iat an hour ahead (beyond the 60 s clock skew), exp 100 years away (beyond the 24 h maximum).
        var future = Jwt.issuer(ISSUER).subject("caller").groups(Set.of("viewer")).issuedAt(now.plusSeconds(3600))
                .expiresAt(now.plusSeconds(7200)).sign(signingKey);
        var forever = Jwt.issuer(ISSUER).subject("caller").groups(Set.of("viewer")).issuedAt(now)
                .expiresAt(now.plus(java.time.Duration.ofDays(36_500))).sign(signingKey);
        assertRefused(() -> listSeries(tls, future), Status.Code.UNAUTHENTICATED, "TOKEN_INVALID");
        assertRefused(() -> listSeries(tls, forever), Status.Code.UNAUTHENTICATED, "TOKEN_INVALID");
        // Within the bounds: 30 s ahead of this clock, living 23 hours.
        var fine = Jwt.issuer(ISSUER).subject("caller").groups(Set.of("viewer")).issuedAt(now.plusSeconds(30))
                .expiresAt(now.plus(java.time.Duration.ofHours(23))).sign(signingKey);
        assertThat(listSeries(tls, fine).getNextPageToken()).isEqualTo("ok");
    }

    @Test
    void theWrongRoleIsPermissionDenied() {
        assertRefused(() -> listSeries(tls, token(signingKey, ISSUER, Set.of("ingest"), 300)), Status.Code.PERMISSION_DENIED, "ROLE_REQUIRED");
    }

    @Test
    void plaintextCannotTalkToTheTlsServer() throws InterruptedException {
        var plain = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        try {
            assertThatThrownBy(() -> listSeries(plain, token(signingKey, ISSUER, Set.of("viewer"), 300)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
