package io.stockwise.embedded;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pristine, never started PostgreSQL data directory ({@code initdb} output), cached per user
 * and binaries version under {@code java.io.tmpdir}. Temporary servers copy it (a fraction of a
 * second) instead of running {@code initdb} (3–7 s on a small machine) every time.
 *
 * <p>The first temporary server of a machine runs {@code initdb} and saves its fresh directory
 * here through an atomic rename, so concurrent JVMs never see a half-written template. Every
 * failure only means falling back to {@code initdb}. Set the system property
 * {@value #ENABLED_PROPERTY} to {@code false} to always run {@code initdb}.
 */
final class PostgresTemplate {

    /** System property that, when {@code false}, disables the template. */
    static final String ENABLED_PROPERTY = "stockwise.embedded.postgres.template";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresTemplate.class);

    /** Per-instance files that must not be copied between data directories. */
    private static final Set<String> INSTANCE_FILES = Set.of("epg-lock", "postmaster.pid", "postmaster.opts");

    /** Files without which a copy cannot start; checked before every copy. */
    private static final List<String> ESSENTIAL_FILES = List.of("PG_VERSION", "postgresql.conf", "global/pg_control");

    private final Path directory;

    private PostgresTemplate(Path directory) {
        this.directory = directory;
    }

    /** A template kept in {@code directory}. */
    static PostgresTemplate at(Path directory) {
        return new PostgresTemplate(directory.toAbsolutePath());
    }

    /** The template for the PostgreSQL binaries on the class path, or empty if it is disabled or they are unknown. */
    static Optional<PostgresTemplate> forCurrentBinaries() {
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) {
            return Optional.empty();
        }
        return binariesKey().map(key -> new PostgresTemplate(Path.of(System.getProperty("java.io.tmpdir"),
                "stockwise-embedded-" + sanitize(System.getProperty("user.name", "user")), "postgres-template-" + key)));
    }

    /**
     * Fills the empty directory {@code target} with a copy of the template.
     *
     * @return whether it did; if not, {@code target} is empty again and needs {@code initdb}
     */
    boolean copyTo(Path target) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        if (!ESSENTIAL_FILES.stream().allMatch(file -> Files.isRegularFile(directory.resolve(file)))) {
            invalidate();
            return false;
        }
        try {
            copyTree(directory, target);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not copy the PostgreSQL template {}, running initdb instead", directory, e);
            emptyDirectory(target);
            return false;
        }
    }

    /**
     * Saves a data directory that {@code initdb} has just created (and no server has used yet) as
     * the template, unless one exists. Never fails: the template is an optimisation.
     */
    void saveFrom(File freshDataDirectory) {
        if (Files.exists(directory)) {
            return;
        }
        Path staging = directory.resolveSibling(directory.getFileName() + ".staging-" + UUID.randomUUID());
        try {
            createPrivateDirectory(directory.getParent());
            copyTree(freshDataDirectory.toPath(), staging);
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            LOG.debug("Saved the PostgreSQL template {}", directory);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            LOG.debug("Another JVM saved the PostgreSQL template {} first", directory);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not save the PostgreSQL template {}", directory, e);
        } finally {
            Directories.deleteQuietly(staging);
        }
    }

    /** Deletes the template, e.g. after a server could not start from a copy of it. */
    void invalidate() {
        LOG.warn("Discarding the PostgreSQL template {}", directory);
        Directories.deleteQuietly(directory);
    }

    /** The directory holding the template (it may not exist yet). */
    Path directory() {
        return directory;
    }

    @Override
    public String toString() {
        return directory.toString();
    }

    /**
     * Identifies the binaries by the archive zonky extracts them from: normally the name of the
     * jar holding it, which carries its version.
     */
    private static Optional<String> binariesKey() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String osName = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String arch = System.getProperty("os.arch", "");
        String archive = "postgres-" + osName + "-" + ("amd64".equals(arch) ? "x86_64" : arch) + ".txz";
        URL url = EmbeddedPostgres.class.getClassLoader().getResource(archive);
        if (url == null) {
            return Optional.empty();
        }
        String location = url.toString();
        int separator = location.indexOf("!/");
        if (separator > 0) {
            String jar = location.substring(0, separator);
            return Optional.of(sanitize(jar.substring(jar.lastIndexOf('/') + 1).replaceFirst("\\.jar$", "")));
        }
        return Optional.of(Integer.toHexString(location.hashCode()));
    }

    private static String sanitize(String value) {
        return value.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Copies a directory tree, keeping POSIX permissions (PostgreSQL insists on 0700) and skipping instance files. */
    private static void copyTree(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> tree = Files.walk(source)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                if (INSTANCE_FILES.contains(path.getFileName().toString())) {
                    continue;
                }
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                    Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(path));
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UnsupportedOperationException e) {
            throw new IOException("No POSIX file permissions on this file system", e);
        }
    }

    private static void emptyDirectory(Path directory) {
        try (Stream<Path> children = Files.list(directory)) {
            children.forEach(Directories::deleteQuietly);
        } catch (IOException e) {
            LOG.debug("Could not empty {}", directory, e);
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return;
            } catch (FileAlreadyExistsException e) {
                return;
            }
        }
        Files.createDirectories(directory);
    }
}
