package io.stockwise.cli.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelsTest {
    @ParameterizedTest
    @CsvSource({
        "localhost:9000, localhost, 9000",
        "127.0.0.1:1, 127.0.0.1, 1",
        "[::1]:65535, ::1, 65535",
        "' grpc.example.com:443 ', grpc.example.com, 443",
    })
    void parsesHostAndPort(String input, String host, int port) {
        assertThat(Channels.parse(input)).isEqualTo(new Channels.HostAndPort(host, port));
    }

    @Test
    void formatsIpv6InBrackets() {
        assertThat(Channels.parse("[::1]:9000").toString()).isEqualTo("[::1]:9000");
        assertThat(Channels.parse("localhost:9000").toString()).isEqualTo("localhost:9000");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "localhost|no port",
                "localhost:|no port",
                ":9000|no host",
                "localhost:http|is not a number",
                "localhost:0|not between 1 and 65535",
                "localhost:70000|not between 1 and 65535",
                "::1:9000|IPv6 address in brackets",
                "[::1|no closing",
                "[::1]9000|no port after the IPv6 address",
                "http://localhost:9000|without a scheme",
                "local host:9000|not a host name",
            })
    void rejectsBadAddressesClearly(String input, String problem) {
        assertThatThrownBy(() -> Channels.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid server address '" + input + "'")
                .hasMessageContaining(problem)
                .hasMessageContaining("expected HOST:PORT");
    }

    @Test
    void rejectsEmptyAddresses() {
        assertThatThrownBy(() -> Channels.plaintext("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Channels.plaintext(null)).hasMessageContaining("empty");
    }

    @Test
    void plaintextChannelCallsALoopbackServer() throws Exception {
        HealthStatusManager health = new HealthStatusManager();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(health.getHealthService())
                .build()
                .start();
        ManagedChannel channel = Channels.plaintext("127.0.0.1:" + server.getPort());
        try {
            HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        } finally {
            Channels.close(channel);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(channel.isTerminated()).isTrue();
    }
}
