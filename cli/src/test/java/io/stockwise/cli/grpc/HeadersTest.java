package io.stockwise.cli.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void parsesAsciiAndBinaryHeaders() {
        Metadata metadata = Headers.parse(List.of("Authorization: Bearer abc:def", "x-trace-bin:AQID", "x-a:1", "x-a:2"));
        assertThat(metadata.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("Bearer abc:def");
        assertThat(metadata.get(Metadata.Key.of("x-trace-bin", Metadata.BINARY_BYTE_MARSHALLER)))
                .containsExactly(1, 2, 3);
        assertThat(metadata.getAll(Metadata.Key.of("x-a", Metadata.ASCII_STRING_MARSHALLER)))
                .containsExactly("1", "2");
    }

    @Test
    void rejectsMalformedHeaders() {
        assertThatThrownBy(() -> Headers.parse(List.of("novalue")))
                .hasMessageContaining("invalid header 'novalue'")
                .hasMessageContaining("KEY:VALUE");
        assertThatThrownBy(() -> Headers.parse(List.of(":x"))).hasMessageContaining("invalid header ':x'");
        assertThatThrownBy(() -> Headers.parse(List.of("bad key:x"))).hasMessageContaining("invalid header 'bad key:x'");
        assertThatThrownBy(() -> Headers.parse(List.of("x-bin:***"))).hasMessageContaining("base64");
    }
}
