package io.stockwise.ingestion.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.embedded.StockwiseInfra;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Security switched on without a usable JWT public key stops the packaged service at start, with
 * the setting named in its log (before, it started, reported ready and answered every call with
 * UNKNOWN).
 */
class MisconfigurationIT {
    private final StockwiseInfra infra = StockwiseInfra.shared();

    @ParameterizedTest
    @CsvSource({
        "no-key,,stockwise.security.jwt.public-key-file",
        "unreadable-key,/nonexistent/jwt-public.pem,cannot read the JWT public key /nonexistent/jwt-public.pem"})
    void securityWithoutAPublicKeyRefusesToStart(String name, String keyFile, String message) throws Exception {
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var pb = PackagedService.builder(infra, "ingestion_misconf", port, "misconfiguration-" + name);
        pb.environment().put("STOCKWISE_SECURITY_ENABLED", "true");
        if (keyFile != null) {
            pb.environment().put("STOCKWISE_SECURITY_JWT_PUBLIC_KEY_FILE", keyFile);
        }
        var process = pb.start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the service stops by itself").isTrue();
            assertThat(process.exitValue()).isNotZero();
            assertThat(Files.readString(PackagedService.log("misconfiguration-" + name))).contains(message);
        } finally {
            process.destroyForcibly();
        }
    }
}
