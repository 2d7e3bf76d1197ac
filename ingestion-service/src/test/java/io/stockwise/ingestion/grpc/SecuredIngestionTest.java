package io.stockwise.ingestion.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.stockwise.embedded.StockwiseInfraTestResource;
import io.stockwise.proto.v1.GetIngestionStatsRequest;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import jakarta.inject.Inject;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service as a platform team runs it in production: TLS on its port (gRPC included), JWT
 * bearer tokens verified against the issuer's key, and roles per rpc.
 */
@QuarkusTest
@TestProfile(SecuredIngestionTest.Secured.class)
@WithTestResource(StockwiseInfraTestResource.class)
class SecuredIngestionTest {
    static final String ISSUER = "https://stockwise.test";
    /** Key material for this JVM, as files: the profile and the test may see different class loaders. */
    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "stockwise-secured-test-" + ProcessHandle.current().pid());

    /** Turns on TLS (a keytool self-signed certificate), JWT verification and roles. */
    public static class Secured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            createKeyMaterial();
            return Map.of(
                    "stockwise.security.enabled", "true",
                    "stockwise.security.jwt.public-key-file", DIR.resolve("jwt-public.pem").toString(),
                    "stockwise.security.jwt.issuer", ISSUER,
                    "quarkus.http.ssl.certificate.key-store-file", DIR.resolve("server.p12").toString(),
                    "quarkus.http.ssl.certificate.key-store-password", "changeit",
                    "quarkus.http.insecure-requests", "disabled",
                    "quarkus.http.test-ssl-port", "0");
        }
    }

    static synchronized void createKeyMaterial() {
        try {
            if (Files.exists(DIR.resolve("server.p12"))) {
                return;
            }
            Files.createDirectories(DIR);
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            Files.writeString(DIR.resolve("jwt-public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            Files.write(DIR.resolve("jwt-private.der"), pair.getPrivate().getEncoded());
            var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            var p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", DIR.resolve("server.p12").toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL url;

    ManagedChannel tls;

    @BeforeEach
    void open() throws Exception {
        var keyStore = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(DIR.resolve("server.p12").toFile())) {
            keyStore.load(in, "changeit".toCharArray());
        }
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        tls = NettyChannelBuilder.forAddress("127.0.0.1", url.getPort())
                .sslContext(GrpcSslContexts.forClient().trustManager(tmf).build()).build();
    }

    @AfterEach
    void close() throws InterruptedException {
        tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    static String token(Set<String> roles) throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(DIR.resolve("jwt-private.der"))));
        return Jwt.issuer(ISSUER).subject("test-client").groups(roles).expiresIn(300).sign(key);
    }

    IngestionServiceGrpc.IngestionServiceBlockingStub stub(String bearer) {
        var stub = IngestionServiceGrpc.newBlockingStub(tls).withDeadlineAfter(20, TimeUnit.SECONDS);
        if (bearer == null) {
            return stub;
        }
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + bearer);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static void assertCode(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }

    @Inject
    DataSource dataSource;

    @Test
    void aViewerReadsStatsOverTls() throws Exception {
        long stored;
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM sale")) {
            rs.next();
            stored = rs.getLong(1);
        }
        // Nothing ingests in this class: the viewer sees exactly the rows the database holds.
        assertThat(stub(token(Set.of("viewer"))).getIngestionStats(GetIngestionStatsRequest.getDefaultInstance()).getSaleCount())
                .isEqualTo(stored);
    }

    @Test
    void callsWithoutATokenAreUnauthenticated() {
        assertCode(() -> stub(null).getIngestionStats(GetIngestionStatsRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aCallerWithoutTheRoleIsDenied() throws Exception {
        var stranger = stub(token(Set.of("planner-in-training")));
        assertCode(() -> stranger.getIngestionStats(GetIngestionStatsRequest.getDefaultInstance()), Status.Code.PERMISSION_DENIED);
    }

    @Test
    void plaintextIsRefused() throws InterruptedException {
        var plain = NettyChannelBuilder.forAddress("127.0.0.1", url.getPort()).usePlaintext().build();
        try {
            assertCode(() -> IngestionServiceGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getIngestionStats(GetIngestionStatsRequest.getDefaultInstance()), Status.Code.UNAVAILABLE);
        } finally {
            plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
