package io.stockwise.cli.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.stockwise.cli.CliRun;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `call --cacert` against a real TLS server with a self-signed certificate made by keytool. */
class CallTlsTest {
    @TempDir
    static Path dir;

    static Server server;
    static Server mutualServer;
    static Path caPem;
    static Path clientPem;
    static Path clientKeyPem;

    @BeforeAll
    static void start() throws Exception {
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var p12 = dir.resolve("server.p12");
        caPem = dir.resolve("server.pem");
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", p12.toString(), "-storepass", "changeit",
                "-file", caPem.toString());
        var keyStore = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(p12.toFile())) {
            keyStore.load(in, "changeit".toCharArray());
        }
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, "changeit".toCharArray());
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(kmf)).build())
                .addService(new FixtureServer.Features())
                .addService(ProtoReflectionService.newInstance())
                .build()
                .start();

        // A client identity for mutual TLS: certificate (PEM) and PKCS#8 key (PEM).
        var clientP12 = dir.resolve("client.p12");
        clientPem = dir.resolve("client.pem");
        clientKeyPem = dir.resolve("client-key.pem");
        run(keytool, "-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=stockwise-test-client", "-storetype", "PKCS12", "-keystore", clientP12.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "client", "-keystore", clientP12.toString(), "-storepass", "changeit",
                "-file", clientPem.toString());
        var clientStore = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(clientP12.toFile())) {
            clientStore.load(in, "changeit".toCharArray());
        }
        var clientKey = clientStore.getKey("client", "changeit".toCharArray());
        java.nio.file.Files.writeString(clientKeyPem, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(clientKey.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        mutualServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(kmf)
                        .trustManager(clientPem.toFile())
                        .clientAuth(io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth.REQUIRE)).build())
                .addService(new FixtureServer.Features())
                .addService(ProtoReflectionService.newInstance())
                .build()
                .start();
    }

    private static void run(String... command) throws Exception {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        mutualServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void mutualTlsNeedsTheClientCertificate() {
        var address = "127.0.0.1:" + mutualServer.getPort();
        var method = "stockwise.v1.FeatureService/GetDemandHistory";
        var json = "{\"series\": {\"sku_id\": \"FOODS_1_001\", \"location_id\": \"CA_1\"}}";
        var withCert = CliRun.run("call", "--cacert", caPem.toString(), "--cert", clientPem.toString(), "--key",
                clientKeyPem.toString(), address, method, json);
        assertThat(withCert.exitCode()).as(withCert.err()).isZero();
        var without = CliRun.run("call", "--deadline", "5", "--cacert", caPem.toString(), address, method, json);
        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(CliRun.run("call", "--cert", clientPem.toString(), address, method, json).exitCode()).isEqualTo(2);
    }

    @Test
    void callsOverTlsTrustingTheGivenCertificate() {
        var result = CliRun.run("call", "--cacert", caPem.toString(), "127.0.0.1:" + server.getPort(),
                "stockwise.v1.FeatureService/GetDemandHistory", "{\"series\": {\"sku_id\": \"FOODS_1_001\", \"location_id\": \"CA_1\"}}");
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    @Test
    void refusesACertificateItDoesNotTrust() {
        var result = CliRun.run("call", "--deadline", "5", "--no-plaintext", "127.0.0.1:" + server.getPort(),
                "stockwise.v1.FeatureService/GetDemandHistory", "{\"series\": {\"sku_id\": \"FOODS_1_001\", \"location_id\": \"CA_1\"}}");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("ERROR UNAVAILABLE");
    }
}
