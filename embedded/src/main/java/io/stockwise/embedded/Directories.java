package io.stockwise.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File-system helpers for the servers' data directories. */
final class Directories {

    private static final Logger LOG = LoggerFactory.getLogger(Directories.class);

    private Directories() {
    }

    /** Creates a fresh temporary directory whose name starts with {@code prefix}. */
    static Path createTemp(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory", e);
        }
    }

    /** Creates {@code directory} and its parents if missing and returns its absolute path. */
    static Path ensure(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            return Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create directory " + absolute, e);
        }
    }

    /** Deletes {@code directory} with everything below it; failures are logged, never thrown. */
    static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            tree.sorted(Comparator.reverseOrder()).forEach(Directories::deleteIfExists);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {} completely: {}", directory, e.toString());
        }
    }

    private static void deleteIfExists(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (NoSuchFileException ignored) {
            // Already gone (e.g. a file removed by the server while shutting down).
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
