package io.stockwise.cli.grpc;

import io.grpc.Metadata;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Builds gRPC request metadata from {@code key:value} strings, as given to {@code -H}. */
public final class Headers {
    private Headers() {}

    /**
     * Parses each {@code key:value} (space after the colon optional). Keys are lower-cased; a key
     * ending in {@code -bin} takes a base64 value, sent as binary.
     *
     * @throws IllegalArgumentException naming the bad header
     */
    public static Metadata parse(List<String> headers) {
        Metadata metadata = new Metadata();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(
                        "invalid header '" + header + "': expected KEY:VALUE, e.g. authorization:Bearer abc");
            }
            String key = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            try {
                if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    metadata.put(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER), decode(value));
                } else {
                    metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid header '" + header + "': " + e.getMessage(), e);
            }
        }
        return metadata;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(base64);
            } catch (IllegalArgumentException e2) {
                throw new IllegalArgumentException("a -bin header's value must be base64");
            }
        }
    }
}
