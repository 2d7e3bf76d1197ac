package io.stockwise.cli.demo;

import io.stockwise.embedded.StockwiseInfra;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

/**
 * One Stockwise service as a child JVM (its packaged {@code quarkus-run.jar}) wired to the embedded
 * infrastructure by environment variables: what the demo, the end-to-end test and the benchmarks
 * all start services with.
 */
public final class ServiceProcess {
    private ServiceProcess() {}

    /** The address local services listen on: {@code STOCKWISE_DEMO_HOST}, by default 127.0.0.1 (loopback only). */
    public static String bindHost() {
        var host = System.getenv("STOCKWISE_DEMO_HOST");
        return host == null || host.isBlank() ? "127.0.0.1" : host.strip();
    }

    /** The service's runnable jar under the repository root {@code home}. */
    public static Path jar(Path home, String service) {
        return home.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Starts {@code service} on {@code port} against {@code infra}, its output in {@code logFile}.
     *
     * @param extraEnv further environment, e.g. where its gRPC clients find the other services
     * @param maxHeap the JVM's {@code -Xmx} value, e.g. {@code 512m}
     */
    public static Process start(Path home, String service, StockwiseInfra infra, int port, Map<String, String> extraEnv,
            String maxHeap, Path logFile) throws IOException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-jar", jar(home, service).toString());
        var env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // The local stack runs with security off: it listens on loopback only unless told otherwise.
        env.put("QUARKUS_HTTP_HOST", bindHost());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", infra.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infra.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
        env.putAll(extraEnv);
        Files.createDirectories(logFile.getParent());
        pb.redirectErrorStream(true);
        pb.redirectOutput(logFile.toFile());
        return pb.start();
    }

    /** Waits until the service answers {@code /q/health/ready} with 200; fails fast if it exits. */
    public static void awaitReady(String service, int port, Process process, Path logFile, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var uri = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with code " + process.exitValue() + "; see " + logFile);
            }
            try {
                var c = (HttpURLConnection) uri.toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service + " not ready after " + timeout + "; see " + logFile);
    }

    /** A loopback port free right now. */
    public static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Deletes a directory and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (var p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
