package io.stockwise.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Paths of the checked files, YAML helpers, external tools and PromQL metric-name extraction. */
final class Repo {
    static final Path ROOT = Path.of(System.getProperty("stockwise.root", "..")).toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("helm/stockwise");
    static final Path K8S = ROOT.resolve("k8s");
    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private Repo() {}

    static List<Path> list(Path dir, String glob) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of a multi-document YAML stream, as maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var out = new ArrayList<Map<String, Object>>();
            var it = YAML.readValues(parser, Map.class);
            while (it.hasNext()) {
                Map<String, Object> doc = (Map<String, Object>) it.next();
                if (doc != null && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlFile(Path p) {
        try {
            return YAML.readValue(p.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The absolute path of an executable on the PATH, or null. */
    /**
     * The executable {@code tool} on the PATH; a test that needs it fails (never skips) when it is
     * missing, with {@code howToInstall} in the message. {@code .ci/run} installs every such tool.
     */
    static Path require(String tool, String howToInstall) {
        Path p = which(tool);
        if (p == null) {
            throw new AssertionError(tool + " not found on PATH. " + howToInstall
                    + " (bash .ci/run installs every tool the tests need)");
        }
        return p;
    }

    static Path which(String tool) {
        for (var dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            var p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    record Result(int exitCode, String output) {}

    static Result run(Path workDir, String... command) {
        try {
            var process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /**
     * Metric names a PromQL expression selects: identifiers that are not functions, keywords,
     * label names (inside braces or grouping clauses), strings, durations or Grafana variables.
     */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\\$\\{[^}]*}", " ").replaceAll("\\$\\w+", " ")
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        var names = new TreeSet<String>();
        var m = IDENT.matcher(s);
        while (m.find()) {
            int start = m.start();
            if (start > 0 && (Character.isDigit(s.charAt(start - 1)) || s.charAt(start - 1) == '.')) {
                continue; // part of a number or duration, e.g. 5m, 1e3
            }
            var rest = s.substring(m.end()).stripLeading();
            if (rest.startsWith("(") || PROMQL_WORDS.contains(m.group().toLowerCase())) {
                continue;
            }
            names.add(m.group());
        }
        return names;
    }
}
