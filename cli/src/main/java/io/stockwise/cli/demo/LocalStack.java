package io.stockwise.cli.demo;

import io.stockwise.embedded.StockwiseInfra;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite on one machine: an embedded PostgreSQL and Kafka broker, and the four services
 * as child JVMs (their packaged {@code quarkus-run.jar}) on free loopback ports, wired to each other
 * by environment variables. Closing it stops the services, then the infrastructure.
 */
public final class LocalStack implements AutoCloseable {
    /** The services in start order, with the gRPC clients each needs. */
    public static final List<String> SERVICES = List.of("ingestion-service", "feature-service", "forecast-service", "optimizer-service");

    /** Topics created up front, with their partition counts. */
    public static final Map<String, Integer> TOPICS = Map.ofEntries(
            Map.entry("stockwise.sales.v1", 3), Map.entry("stockwise.sales.dlq.v1", 1),
            Map.entry("stockwise.demand.v1", 3), Map.entry("stockwise.forecasts.v1", 3),
            Map.entry("stockwise.plans.v1", 3), Map.entry("stockwise.inventory.v1", 3),
            Map.entry("stockwise.supply.v1", 3), Map.entry("stockwise.products.v1", 1),
            Map.entry("stockwise.locations.v1", 1), Map.entry("stockwise.calendar.v1", 1),
            Map.entry("stockwise.prices.v1", 3));

    private final StockwiseInfra infra;
    private final Map<String, Integer> ports;
    private final List<Process> processes = new ArrayList<>();
    private final Path logDir;

    private LocalStack(StockwiseInfra infra, Map<String, Integer> ports, Path logDir) {
        this.infra = infra;
        this.ports = ports;
        this.logDir = logDir;
    }

    /**
     * Starts everything and waits until every service reports ready.
     *
     * @param home the repository root (holds each service's {@code target/quarkus-app})
     * @param workDir where data and logs go
     */
    public static LocalStack start(Path home, Path workDir, PrintWriter log, Duration readyTimeout) throws IOException, InterruptedException {
        for (var svc : SERVICES) {
            var jar = ServiceProcess.jar(home, svc);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
            }
        }
        var logDir = Files.createDirectories(workDir.resolve("logs"));
        log.printf("Security is OFF in this local stack (development mode): every gRPC call is allowed, and the services "
                + "listen on %s only (STOCKWISE_DEMO_HOST changes it). In production set STOCKWISE_SECURITY_ENABLED=true "
                + "with a JWT public key (README, Security).%n", ServiceProcess.bindHost());
        long t0 = System.nanoTime();
        var infra = StockwiseInfra.start(workDir.resolve("data"));
        infra.kafka().createTopics(TOPICS);
        log.printf("PostgreSQL on 127.0.0.1:%d and Kafka on %s started in %.1f s%n", infra.postgres().port(),
                infra.bootstrapServers(), (System.nanoTime() - t0) / 1e9);
        var ports = new LinkedHashMap<String, Integer>();
        for (var svc : SERVICES) {
            ports.put(svc, ServiceProcess.freePort());
        }
        var stack = new LocalStack(infra, ports, logDir);
        try {
            long t1 = System.nanoTime();
            for (var svc : SERVICES) {
                stack.launch(home, svc);
            }
            for (var svc : SERVICES) {
                stack.awaitReady(svc, readyTimeout);
            }
            log.printf("4 services ready in %.1f s (logs in %s)%n", (System.nanoTime() - t1) / 1e9, logDir);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void launch(Path home, String svc) throws IOException {
        processes.add(ServiceProcess.start(home, svc, infra, ports.get(svc), Map.of(
                "QUARKUS_GRPC_CLIENTS_FEATURE_HOST", "127.0.0.1",
                "QUARKUS_GRPC_CLIENTS_FEATURE_PORT", Integer.toString(ports.get("feature-service")),
                "QUARKUS_GRPC_CLIENTS_FORECAST_HOST", "127.0.0.1",
                "QUARKUS_GRPC_CLIENTS_FORECAST_PORT", Integer.toString(ports.get("forecast-service"))),
                "512m", logDir.resolve(svc + ".log")));
    }

    private void awaitReady(String svc, Duration timeout) throws InterruptedException {
        ServiceProcess.awaitReady(svc, ports.get(svc), processes.get(SERVICES.indexOf(svc)), logDir.resolve(svc + ".log"), timeout);
    }

    /** The service's HTTP and gRPC port. */
    public int port(String service) {
        return ports.get(service);
    }

    /** {@code 127.0.0.1:<port>} of the service. */
    public String address(String service) {
        return "127.0.0.1:" + port(service);
    }

    public StockwiseInfra infra() {
        return infra;
    }

    @Override
    public void close() {
        for (var p : processes) {
            p.destroy();
        }
        for (var p : processes) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        infra.close();
    }
}
