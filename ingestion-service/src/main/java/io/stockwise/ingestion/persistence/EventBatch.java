package io.stockwise.ingestion.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The events of one stored IngestSales message as one value: a version byte, then per event its
 * Kafka key (UTF-8) and value (a serialized {@code SaleEvent}), each as a 4-byte length and the
 * bytes, in stream order. One {@code sale_event_batch} row holds one; the sale-event relay splits
 * it back into Kafka records.
 */
public final class EventBatch {
    private static final byte VERSION = 1;

    private byte[] buf;
    private int len;
    private int count;

    EventBatch(int capacity) {
        buf = new byte[Math.max(16, capacity)];
        buf[len++] = VERSION;
    }

    void add(String key, byte[] value) {
        var k = key.getBytes(StandardCharsets.UTF_8);
        ensure(8 + k.length + value.length);
        putInt(k.length);
        System.arraycopy(k, 0, buf, len, k.length);
        len += k.length;
        putInt(value.length);
        System.arraycopy(value, 0, buf, len, value.length);
        len += value.length;
        count++;
    }

    int count() {
        return count;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** Calls {@code each} with every (key, value) of an encoded batch, in order; returns how many. */
    public static int forEach(byte[] encoded, BiConsumer<String, byte[]> each) {
        var b = ByteBuffer.wrap(encoded);
        if (b.get() != VERSION) {
            throw new IllegalArgumentException("unknown sale event batch version " + encoded[0]);
        }
        int n = 0;
        while (b.hasRemaining()) {
            var k = new byte[b.getInt()];
            b.get(k);
            var v = new byte[b.getInt()];
            b.get(v);
            each.accept(new String(k, StandardCharsets.UTF_8), v);
            n++;
        }
        return n;
    }

    private void putInt(int v) {
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
