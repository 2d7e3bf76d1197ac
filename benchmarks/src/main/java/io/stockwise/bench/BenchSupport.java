package io.stockwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every benchmark prints about the machine it ran on. */
public final class BenchSupport {
    private BenchSupport() {}

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
