package io.stockwise.feature.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain stays plain Java: no framework, transport or database imports. */
class DomainPurityTest {
    private static final List<String> FORBIDDEN = List.of("jakarta.", "javax.", "io.quarkus.", "io.smallrye.", "io.grpc.",
            "org.apache.kafka.", "java.sql.", "io.micrometer.", "io.stockwise.proto.", "com.google.protobuf.",
            "io.stockwise.commons.grpc.", "io.stockwise.commons.kafka.", "io.stockwise.commons.outbox.",
            "io.stockwise.commons.persistence.");

    @Test
    void domainImportsNoFrameworkTransportOrDatabaseTypes() throws IOException {
        var dir = Path.of("src/main/java/io/stockwise/feature/domain");
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            var offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> lines(f).filter(l -> l.startsWith("import "))
                            .filter(l -> FORBIDDEN.stream().anyMatch(p -> l.replace("import static ", "import ").startsWith("import " + p)))
                            .map(l -> f.getFileName() + ": " + l))
                    .toList();
            assertThat(offending).isEmpty();
        }
    }

    private static Stream<String> lines(Path f) {
        try {
            return Files.readAllLines(f).stream().map(String::strip);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
