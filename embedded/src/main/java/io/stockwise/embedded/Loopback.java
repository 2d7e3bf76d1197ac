package io.stockwise.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** Loopback address and TCP port helpers shared by the embedded servers. */
final class Loopback {

    /** The host every embedded server binds to and every URL names. */
    static final String HOST = "127.0.0.1";

    private static final InetAddress ADDRESS;

    static {
        try {
            ADDRESS = InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Loopback() {
    }

    /**
     * Asks the kernel for a currently unused port on {@value #HOST}. The port is released again
     * before returning, so another process may take it in between; callers retry on bind failures.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(ADDRESS, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + HOST, e);
        }
    }

    /** Whether a server socket could be bound to {@code port} on {@value #HOST} right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(ADDRESS, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Rejects ports outside {@code 0..65535}; 0 means "pick a free port". */
    static int checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Port must be between 0 and 65535, was " + port);
        }
        return port;
    }

    /** Whether {@code failure} or one of its causes says that a listening socket could not be bound. */
    static boolean isBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("Address already in use") || message.contains("failed to bind"))) {
                return true;
            }
        }
        return false;
    }
}
