package io.stockwise.cli.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import java.util.concurrent.TimeUnit;

/** Opens client channels to gRPC servers named as {@code HOST:PORT}. */
public final class Channels {
    /** Largest response message accepted: batches of demand histories can exceed gRPC's 4 MiB default. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024 * 1024;

    private Channels() {}

    /** A server address: a host name or IP literal (IPv6 without brackets) and a TCP port. */
    public record HostAndPort(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * Parses {@code HOST:PORT}: {@code localhost:9000}, {@code 10.0.0.5:443}, {@code [::1]:9000}.
     *
     * @throws IllegalArgumentException with a message naming the problem and the expected form
     */
    public static HostAndPort parse(String hostPort) {
        if (hostPort == null || hostPort.isBlank()) {
            throw bad(hostPort, "it is empty");
        }
        String s = hostPort.trim();
        if (s.contains("://")) {
            throw bad(hostPort, "give HOST:PORT without a scheme");
        }
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw bad(hostPort, "the IPv6 address has no closing ']'");
            }
            host = s.substring(1, close);
            if (close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw bad(hostPort, "no port after the IPv6 address");
            }
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                throw bad(hostPort, "no port");
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw bad(hostPort, "write an IPv6 address in brackets, e.g. [::1]:9000");
            }
        }
        if (host.isEmpty()) {
            throw bad(hostPort, "no host");
        }
        if (host.chars().anyMatch(Character::isWhitespace) || host.contains("/")) {
            throw bad(hostPort, "the host '" + host + "' is not a host name or IP address");
        }
        if (port.isEmpty()) {
            throw bad(hostPort, "no port");
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(hostPort, "the port '" + port + "' is not a number");
        }
        if (p < 1 || p > 65535) {
            throw bad(hostPort, "the port " + p + " is not between 1 and 65535");
        }
        return new HostAndPort(host, p);
    }

    /**
     * A plaintext (no TLS) channel to {@code hostPort}. Connects lazily, on the first call; close
     * it with {@link #close(ManagedChannel)}.
     *
     * @throws IllegalArgumentException if {@code hostPort} is not {@code HOST:PORT}
     */
    public static ManagedChannel plaintext(String hostPort) {
        HostAndPort address = parse(hostPort);
        return NettyChannelBuilder.forAddress(address.host(), address.port())
                .usePlaintext()
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .build();
    }

    /**
     * A TLS channel to {@code hostPort} that trusts the certificates in {@code caCertificates} (PEM),
     * or the JVM's default trust store when it is {@code null}.
     *
     * @throws IllegalArgumentException if {@code hostPort} is not {@code HOST:PORT} or the PEM file cannot be used
     */
    public static ManagedChannel tls(String hostPort, Path caCertificates) {
        return tls(hostPort, caCertificates, null, null);
    }

    /**
     * Like {@link #tls(String, Path)}, presenting a client certificate (PEM chain and PKCS#8 PEM key)
     * for mutual TLS when both are given.
     */
    public static ManagedChannel tls(String hostPort, Path caCertificates, Path clientCertificate, Path clientKey) {
        HostAndPort address = parse(hostPort);
        var ssl = GrpcSslContexts.forClient();
        if (caCertificates != null) {
            ssl.trustManager(caCertificates.toFile());
        }
        if (clientCertificate != null && clientKey != null) {
            ssl.keyManager(clientCertificate.toFile(), clientKey.toFile());
        }
        try {
            return NettyChannelBuilder.forAddress(address.host(), address.port())
                    .sslContext(ssl.build())
                    .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the CA certificates " + caCertificates + ": " + e.getMessage(), e);
        }
    }

    /** Shuts {@code channel} down, cancelling calls still running, and waits up to 5 seconds. */
    public static void close(ManagedChannel channel) {
        if (channel == null) {
            return;
        }
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static IllegalArgumentException bad(String hostPort, String why) {
        return new IllegalArgumentException(
                "invalid server address '" + hostPort + "': " + why + " (expected HOST:PORT, e.g. localhost:9000)");
    }
}
