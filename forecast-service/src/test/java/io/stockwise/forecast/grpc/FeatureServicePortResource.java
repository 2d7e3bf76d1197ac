package io.stockwise.forecast.grpc;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Points the {@code feature} gRPC client at a free loopback port where the test starts {@link
 * FakeFeatureService}. The fake is started by the test itself, not here: a test resource lives
 * in the JUnit class loader, and gRPC classes loaded there clash with the application's copies.
 */
public class FeatureServicePortResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port;
        try (var socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the fake feature-service", e);
        }
        return Map.of(
                "quarkus.grpc.clients.feature.host", "127.0.0.1",
                "quarkus.grpc.clients.feature.port", Integer.toString(port),
                // In test mode Quarkus points gRPC clients at test-port, by default the app's own port.
                "quarkus.grpc.clients.feature.test-port", Integer.toString(port),
                "stockwise.forecast.feature.retry-backoff", "PT0.01S",
                // A small network, so a training job in the tests takes seconds.
                "stockwise.forecast.training.hidden", "16",
                "stockwise.forecast.training.layers", "1",
                "stockwise.forecast.training.epochs", "2",
                "stockwise.forecast.training.batch-size", "64",
                "stockwise.forecast.training.max-samples", "2000",
                "stockwise.forecast.training.device", "cpu");
    }

    @Override
    public void stop() {
        // Nothing to release: the test stops the fake.
    }
}
