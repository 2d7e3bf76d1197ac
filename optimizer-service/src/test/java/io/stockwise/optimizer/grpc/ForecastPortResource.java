package io.stockwise.optimizer.grpc;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Points the {@code forecast} gRPC client at a free loopback port, where the test starts its
 * {@link FakeForecastService}; the test owns the server so it can inspect and stop it.
 */
public class ForecastPortResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var port = Integer.toString(socket.getLocalPort());
            // In test mode Quarkus points gRPC clients at test-port (by default the app's own port).
            return Map.of("quarkus.grpc.clients.forecast.host", "127.0.0.1",
                    "quarkus.grpc.clients.forecast.port", port,
                    "quarkus.grpc.clients.forecast.test-port", port,
                    "stockwise.optimizer.forecast.deadline", "PT5S");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {}
}
