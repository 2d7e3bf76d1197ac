package io.stockwise.commons.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * The migrations of classpath locations as listed in each location's {@value #INDEX_FILE},
 * handed to Flyway instead of letting it scan jars and directories.
 *
 * <p>A native image has no jar or directory to scan (its resources are only reachable by name),
 * so Flyway's own scanner finds nothing there. The index names every migration file, one per
 * line ({@code #} starts a comment). The same index serves the JVM, so tests exercise the path
 * native images take; on the JVM the index is also checked against the location's real content,
 * and a migration missing from the index (or listed but absent) stops the service at startup
 * instead of being silently skipped.
 */
final class IndexedMigrations implements ResourceProvider {
    /** The index file's name inside each migration location. */
    static final String INDEX_FILE = "index.txt";

    private final Map<String, LoadableResource> byPath;

    private IndexedMigrations(Map<String, LoadableResource> byPath) {
        this.byPath = byPath;
    }

    /**
     * Reads the indexes of {@code locations}; empty when any location is not on the classpath or
     * has no index (Flyway then scans, which works on the JVM only).
     *
     * @param verifyAgainstContent whether to compare each index with the files the location holds
     *     (possible on the JVM, where locations are directories or jar entries)
     * @throws IllegalStateException when an index and the location's content disagree
     */
    static Optional<IndexedMigrations> load(ClassLoader loader, List<String> locations, boolean verifyAgainstContent) {
        var byPath = new LinkedHashMap<String, LoadableResource>();
        for (var descriptor : locations) {
            var location = new Location(descriptor);
            if (!location.isClassPath()) {
                return Optional.empty();
            }
            var dir = location.getRootPath();
            var listed = readIndex(loader, dir);
            if (listed.isEmpty()) {
                return Optional.empty();
            }
            for (var name : listed.get()) {
                var path = dir + "/" + name;
                if (loader.getResource(path) == null) {
                    throw new IllegalStateException(dir + "/" + INDEX_FILE + " lists " + name + ", which does not exist");
                }
                byPath.put(path, new ClassPathResource(location, path, loader, StandardCharsets.UTF_8));
            }
            if (verifyAgainstContent) {
                contentOf(loader, dir).ifPresent(files -> {
                    var unlisted = new TreeSet<>(files);
                    unlisted.removeAll(listed.get());
                    if (!unlisted.isEmpty()) {
                        throw new IllegalStateException("migrations " + unlisted + " in " + dir + " are not listed in "
                                + dir + "/" + INDEX_FILE + "; add them there (native images only see listed files)");
                    }
                });
            }
        }
        return Optional.of(new IndexedMigrations(byPath));
    }

    /** The listed file names, in index order. */
    static Optional<List<String>> readIndex(ClassLoader loader, String dir) {
        var in = loader.getResourceAsStream(dir + "/" + INDEX_FILE);
        if (in == null) {
            return Optional.empty();
        }
        var names = new ArrayList<String>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                int hash = line.indexOf('#');
                var name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + "/" + INDEX_FILE, e);
        }
        return Optional.of(names);
    }

    /**
     * The files (everything but the index) directly in {@code dir} of the jar or directory that
     * holds its index; empty when that cannot be listed (a native image).
     */
    static Optional<List<String>> contentOf(ClassLoader loader, String dir) {
        var index = loader.getResource(dir + "/" + INDEX_FILE);
        if (index == null) {
            return Optional.empty();
        }
        var files = new ArrayList<String>();
        try {
            switch (index.getProtocol()) {
                case "file" -> {
                    try (var stream = Files.list(Path.of(index.toURI()).getParent())) {
                        stream.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).forEach(files::add);
                    }
                }
                case "jar" -> {
                    var connection = (JarURLConnection) index.openConnection();
                    connection.setUseCaches(false);
                    try (var jar = connection.getJarFile()) {
                        var prefix = dir + "/";
                        jar.stream().map(e -> e.getName())
                                .filter(n -> n.startsWith(prefix) && !n.endsWith("/")
                                        && n.indexOf('/', prefix.length()) < 0)
                                .map(n -> n.substring(prefix.length()))
                                .forEach(files::add);
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
        files.remove(INDEX_FILE);
        return Optional.of(files);
    }

    @Override
    public LoadableResource getResource(String name) {
        return byPath.get(name);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        var out = new ArrayList<LoadableResource>();
        for (var resource : byPath.values()) {
            var file = resource.getFilename();
            if (!file.startsWith(prefix)) {
                continue;
            }
            for (var suffix : suffixes) {
                if (file.endsWith(suffix)) {
                    out.add(resource);
                    break;
                }
            }
        }
        return out;
    }
}
