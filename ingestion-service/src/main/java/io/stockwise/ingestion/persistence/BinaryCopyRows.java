package io.stockwise.ingestion.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY ... FROM STDIN (FORMAT binary)} format, built in one
 * growing byte array: the header, then per row the field count and each field as length + bytes
 * (network byte order), then the trailer. Binary avoids the server parsing numbers, dates and
 * bytea from text.
 */
final class BinaryCopyRows {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01, PostgreSQL's epoch for dates and timestamps. */
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400L;

    private byte[] buf;
    private int len;
    private int rows;

    BinaryCopyRows(int capacity) {
        buf = new byte[Math.max(64, capacity)];
        put(HEADER, 0, HEADER.length);
    }

    BinaryCopyRows row(int fields) {
        rows++;
        return int16(fields);
    }

    BinaryCopyRows text(String s) {
        if (s == null) {
            return nul();
        }
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    BinaryCopyRows bytes(byte[] b) {
        int32(b.length);
        put(b, 0, b.length);
        return this;
    }

    BinaryCopyRows int2(short v) {
        int32(2);
        return int16(v);
    }

    BinaryCopyRows int8(long v) {
        int32(8);
        return int64(v);
    }

    BinaryCopyRows float8(double v) {
        int32(8);
        return int64(Double.doubleToLongBits(v));
    }

    BinaryCopyRows bool(boolean v) {
        int32(1);
        ensure(1);
        buf[len++] = (byte) (v ? 1 : 0);
        return this;
    }

    BinaryCopyRows date(LocalDate d) {
        int32(4);
        return int32((int) (d.toEpochDay() - PG_EPOCH_DAY));
    }

    /** A timestamptz: microseconds since 2000-01-01 UTC; {@code null} is SQL NULL. */
    BinaryCopyRows timestamptz(Instant t) {
        if (t == null) {
            return nul();
        }
        int32(8);
        return int64((t.getEpochSecond() - PG_EPOCH_SECOND) * 1_000_000L + t.getNano() / 1_000);
    }

    BinaryCopyRows nul() {
        return int32(-1);
    }

    int rows() {
        return rows;
    }

    /** The finished stream (trailer appended); the array may be longer than {@link #length()}. */
    byte[] finish() {
        int16(-1);
        return buf;
    }

    int length() {
        return len;
    }

    private BinaryCopyRows int16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    private BinaryCopyRows int32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    private BinaryCopyRows int64(long v) {
        int32((int) (v >>> 32));
        return int32((int) v);
    }

    private void put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
