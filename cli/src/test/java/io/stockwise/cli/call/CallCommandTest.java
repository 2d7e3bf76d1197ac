package io.stockwise.cli.call;

import static io.stockwise.cli.CliRun.run;
import static io.stockwise.cli.CliRun.runWithStdin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.stockwise.cli.CliRun.Result;
import io.stockwise.cli.StockwiseCommand;
import io.stockwise.cli.UsageException;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.ForecastResponse;
import io.stockwise.proto.v1.ForecastServiceProto;
import io.stockwise.proto.v1.GetDemandHistoryResponse;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.StreamDemandHistoryResponse;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallCommandTest {
    private static final String GET_HISTORY = "stockwise.v1.FeatureService/GetDemandHistory";
    private static final String SERIES_JSON = "{\"series\": {\"sku_id\": \"FOODS_1_001\", \"location_id\": \"CA_1\"}}";

    static FixtureServer server;
    static String address;

    @BeforeAll
    static void start() throws Exception {
        server = new FixtureServer(ProtoReflectionServiceV1.newInstance());
        address = server.address();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void unaryCallPrintsTheResponseAsJsonWithProtoFieldNames() {
        Result result = run("call", address, GET_HISTORY, SERIES_JSON);

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                {
                  "history": {
                    "series": {
                      "sku_id": "FOODS_1_001",
                      "location_id": "CA_1"
                    },
                    "start_date": {
                      "year": 2016,
                      "month": 1,
                      "day": 1
                    },
                    "quantities": [1.0, 0.0, 3.0]
                  }
                }
                """);
    }

    @Test
    void shortServiceNameAndCamelCaseJsonFieldsWork() throws Exception {
        Result result = run("call", address, "FeatureService/GetDemandHistory",
                "{\"series\": {\"skuId\": \"X\", \"locationId\": \"TX_2\"}, \"startDate\": {\"year\": 2020, \"month\": 2, \"day\": 29}}");

        assertThat(result.exitCode()).isZero();
        var response = parse(result.out(), GetDemandHistoryResponse.getDefaultInstance());
        assertThat(response.getHistory().getSeries().getLocationId()).isEqualTo("TX_2");
        assertThat(response.getHistory().getStartDate().getDay()).isEqualTo(29);
    }

    @Test
    void grpcurlStyleDottedMethodNameWorks() {
        Result result = run("call", address, "stockwise.v1.FeatureService.GetDemandHistory", SERIES_JSON);
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"sku_id\": \"FOODS_1_001\"");
    }

    @Test
    void serverStreamingPrintsEachResponseAsAJsonDocument() throws Exception {
        Result result = run("call", address, "FeatureService/StreamDemandHistory", "{\"batch_size\": 2}");

        assertThat(result.exitCode()).isZero();
        List<String> documents = documents(result.out());
        assertThat(documents).hasSize(2);
        var first = parse(documents.get(0), StreamDemandHistoryResponse.getDefaultInstance());
        var second = parse(documents.get(1), StreamDemandHistoryResponse.getDefaultInstance());
        assertThat(first.getHistoriesList()).extracting(h -> h.getSeries().getSkuId()).containsExactly("A", "B");
        assertThat(second.getHistoriesList()).extracting(h -> h.getSeries().getSkuId()).containsExactly("C");
        assertThat(second.getHistories(0).getQuantitiesList()).containsExactly(2.0, 4.0);
    }

    @Test
    void clientStreamingSendsEachArrayElementAsOneMessage() throws Exception {
        String json = """
                [
                  {"records": [
                    {"source_id": "a", "series": {"sku_id": "A", "location_id": "CA_1"},
                     "business_date": {"year": 2016, "month": 1, "day": 1}, "quantity": 2,
                     "kind": "SALE_KIND_SALE", "event_time": "2016-01-01T10:00:00Z"},
                    {"source_id": "b", "series": {"sku_id": "A", "location_id": "CA_1"}, "quantity": 1}
                  ]},
                  {"records": [{"source_id": "c", "quantity": -1}]}
                ]
                """;
        Result result = run("call", address, "IngestionService/IngestSales", json);

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        var response = parse(result.out(), IngestSalesResponse.getDefaultInstance());
        assertThat(response.getReceivedCount()).isEqualTo(3);
        assertThat(response.getAcceptedCount()).isEqualTo(2);
        assertThat(response.getRejectedCount()).isEqualTo(1);
        assertThat(response.getRejections(0).getPosition()).isEqualTo(2);
        assertThat(result.out()).contains("\"received_count\": \"3\"").contains("\"field\": \"quantity\"");
    }

    @Test
    void clientStreamingWithEmptyArraySendsNoMessage() {
        Result result = run("call", address, "IngestionService/IngestSales", "[]");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("{\n}\n");
    }

    @Test
    void clientStreamingRejectsAnObject() {
        Result result = run("call", address, "IngestionService/IngestSales", "{\"records\": []}");
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(result.err())
                .contains("error: stockwise.v1.IngestionService.IngestSales is client-streaming")
                .contains("JSON array of stockwise.v1.IngestSalesRequest");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unaryRejectsAnArray() {
        Result result = run("call", address, GET_HISTORY, "[" + SERIES_JSON + "]");
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(result.err()).contains("takes one request: give a JSON object");
    }

    @Test
    void dashReadsTheRequestFromStdin() {
        Result result = runWithStdin(SERIES_JSON, "call", address, GET_HISTORY, "-");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"sku_id\": \"FOODS_1_001\"");
    }

    @Test
    void atReadsTheRequestFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("request.json");
        Files.writeString(file, SERIES_JSON, StandardCharsets.UTF_8);
        Result result = run("call", address, GET_HISTORY, "@" + file);
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"sku_id\": \"FOODS_1_001\"");

        Result missing = run("call", address, GET_HISTORY, "@" + dir.resolve("nope.json"));
        assertThat(missing.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(missing.err()).contains("cannot read the JSON request: no file").contains("nope.json");
    }

    @Test
    void omittedJsonSendsAnEmptyRequest() {
        Result result = run("call", address, "FeatureService/StreamDemandHistory");
        assertThat(result.exitCode()).isZero();
        assertThat(documents(result.out())).hasSize(1);
    }

    @Test
    void wellKnownTypesPrintInTheirJsonForm() throws Exception {
        Result result = run("call", address, "ForecastService/Forecast",
                "{\"series\": [{\"sku_id\": \"A\", \"location_id\": \"CA_1\"}], \"horizon_days\": 1}");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"create_time\": \"2023-11-14T22:13:20Z\"");
        assertThat(parse(result.out(), ForecastResponse.getDefaultInstance()).getForecasts(0).getModel())
                .isEqualTo("seasonal_naive");
    }

    @Test
    void invalidArgumentPrintsCodeDescriptionAndDetails() {
        Result result = run("call", address, GET_HISTORY, "{\"series\": {\"location_id\": \"CA_1\"}}");

        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).containsExactly(
                "ERROR INVALID_ARGUMENT: invalid GetDemandHistoryRequest",
                "  ErrorInfo: reason=INVALID_REQUEST domain=feature.stockwise metadata={service=feature-service}",
                "  BadRequest: field series.sku_id: is required [REQUIRED]");
    }

    @Test
    void errorWithoutDetailsPrintsCodeAndDescription() {
        Result result = run("call", address, GET_HISTORY, "{\"series\": {\"sku_id\": \"MISSING\", \"location_id\": \"CA_1\"}}");
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_FAILURE);
        assertThat(result.err()).isEqualTo("ERROR NOT_FOUND: series MISSING/CA_1 has no demand\n");
    }

    @Test
    void deadlineEndsASlowCall() {
        long start = System.nanoTime();
        Result result = run("call", "--deadline", "0.5", address, GET_HISTORY,
                "{\"series\": {\"sku_id\": \"SLOW\", \"location_id\": \"CA_1\"}}");
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_FAILURE);
        assertThat(result.err()).startsWith("ERROR DEADLINE_EXCEEDED");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
    }

    @Test
    void headersAreSent() {
        Result result = run("call", "-H", "X-Request-Id: r-42", "--header=x-trace-bin:AQID", address, GET_HISTORY, SERIES_JSON);
        assertThat(result.exitCode()).isZero();
        assertThat(server.headers.get("x-request-id")).isEqualTo("r-42");
        assertThat((byte[]) server.headers.get("x-trace-bin")).containsExactly(1, 2, 3);
    }

    @Test
    void tokenIsSentAsABearerHeader() {
        Result result = run("call", "--token", "eyJ.test.token", address, GET_HISTORY, SERIES_JSON);
        assertThat(result.exitCode()).isZero();
        assertThat(server.headers.get("authorization")).isEqualTo("Bearer eyJ.test.token");
    }

    @Test
    void tlsToAPlaintextServerIsAGrpcError() {
        Result result = run("call", "--deadline", "5", "--no-plaintext", address, GET_HISTORY, SERIES_JSON);
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_FAILURE);
        assertThat(result.err()).startsWith("ERROR UNAVAILABLE");
    }

    @Test
    void badHeaderIsAUsageError() {
        Result result = run("call", "-H", "no-colon", address, GET_HISTORY, SERIES_JSON);
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(result.err()).contains("error: invalid header 'no-colon'");
    }

    @Test
    void malformedJsonNamesTheProblemAndItsPlace() {
        Result result = run("call", address, GET_HISTORY, "{\"series\": {\"sku_id\": \"A\",}}");
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(result.err()).startsWith("error: invalid JSON: ").contains("line 1 column").doesNotContain("\tat ");

        Result trailing = run("call", address, GET_HISTORY, "{} {}");
        assertThat(trailing.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(trailing.err()).startsWith("error: invalid JSON: not strict JSON at line 1 column");

        Result unquoted = run("call", address, GET_HISTORY, "{series: {}}");
        assertThat(unquoted.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(unquoted.err()).contains("unquoted names").doesNotContain("setStrictness");

        Result empty = runWithStdin("  ", "call", address, GET_HISTORY, "-");
        assertThat(empty.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(empty.err()).contains("the JSON request is empty");
    }

    @Test
    void unknownFieldNamesTheFieldAndTheType() {
        Result result = run("call", address, GET_HISTORY, "{\"serie\": {}}");
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(result.err())
                .contains("invalid request (stockwise.v1.GetDemandHistoryRequest): Cannot find field: serie")
                .contains("serie");
    }

    @Test
    void wrongValueTypeInAStreamElementNamesTheElement() {
        Result result = run("call", address, "IngestionService/IngestSales",
                "[{\"records\": []}, {\"records\": [{\"quantity\": \"lots\"}]}]");
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(result.err()).contains("invalid message #2 of 2 (stockwise.v1.IngestSalesRequest)").contains("lots");
    }

    @Test
    void unknownServiceOrMethodIsAUsageErrorListingWhatExists() {
        Result service = run("call", address, "NoSuchService/Get", "{}");
        assertThat(service.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(service.err()).contains("no service 'NoSuchService'").contains("stockwise.v1.FeatureService");

        Result method = run("call", address, "FeatureService/Nope", "{}");
        assertThat(method.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(method.err())
                .contains("service stockwise.v1.FeatureService has no method 'Nope'")
                .contains("GetDemandHistory, StreamDemandHistory, ListSeries");

        Result shape = run("call", address, "FeatureService", "{}");
        assertThat(shape.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(shape.err()).contains("expected SERVICE/METHOD");

        Result noMethod = run("call", address, "stockwise.v1.FeatureService", "{}");
        assertThat(noMethod.exitCode()).isEqualTo(StockwiseCommand.EXIT_USAGE);
        assertThat(noMethod.err())
                .contains("'stockwise.v1.FeatureService' is a service: add /METHOD")
                .contains("GetDemandHistory");
    }

    @Test
    void listPrintsServicesAndMethodSignatures() {
        Result result = run("call", address, "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("""
                stockwise.v1.FeatureService
                  rpc GetDemandHistory(stockwise.v1.GetDemandHistoryRequest) returns (stockwise.v1.GetDemandHistoryResponse)
                  rpc StreamDemandHistory(stockwise.v1.StreamDemandHistoryRequest) returns (stream stockwise.v1.StreamDemandHistoryResponse)
                  rpc ListSeries(stockwise.v1.ListSeriesRequest) returns (stockwise.v1.ListSeriesResponse)
                """);
        assertThat(result.out()).contains(
                "  rpc IngestSales(stream stockwise.v1.IngestSalesRequest) returns (stockwise.v1.IngestSalesResponse)");
        assertThat(result.out()).contains("stockwise.v1.ForecastService\n").contains("grpc.reflection.v1.ServerReflection\n");
    }

    @Test
    void listOfOneService() {
        Result result = run("call", address, "list", "IngestionService");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("stockwise.v1.IngestionService\n").doesNotContain("FeatureService");
    }

    @Test
    void unreachableServerIsAGrpcError() throws Exception {
        int freePort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        Result result = run("call", "--deadline", "5", "127.0.0.1:" + freePort, GET_HISTORY, SERIES_JSON);
        assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_FAILURE);
        assertThat(result.err()).startsWith("ERROR UNAVAILABLE");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("call", "localhost", GET_HISTORY).err()).contains("invalid server address 'localhost': no port");
        assertThat(run("call", "localhost", GET_HISTORY).exitCode()).isEqualTo(2);
        assertThat(run("call", "--cacert", "/no/such/ca.pem", address, GET_HISTORY).exitCode()).isEqualTo(2);
        assertThat(run("call", "--deadline", "0", address, GET_HISTORY).exitCode()).isEqualTo(2);
        assertThat(run("call", "--deadline", "soon", address, GET_HISTORY).exitCode()).isEqualTo(2);
        assertThat(run("call", address).exitCode()).isEqualTo(2);
        assertThat(run("call", address, GET_HISTORY, "{}", "extra").exitCode()).isEqualTo(2);
    }

    @Test
    void serverWithOnlyV1alphaReflectionWorks() throws Exception {
        try (FixtureServer old = new FixtureServer(ProtoReflectionService.newInstance())) {
            Result result = run("call", old.address(), "FeatureService/GetDemandHistory", SERIES_JSON);
            assertThat(result.err()).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("\"sku_id\": \"FOODS_1_001\"");
        }
    }

    @Test
    void serverWithoutReflectionIsReportedAsSuch() throws Exception {
        try (FixtureServer bare = new FixtureServer()) {
            Result result = run("call", bare.address(), "list");
            assertThat(result.exitCode()).isEqualTo(StockwiseCommand.EXIT_FAILURE);
            assertThat(result.err()).startsWith("ERROR UNIMPLEMENTED: ").contains("does not offer gRPC server reflection");
        }
    }

    @Test
    void importsAreFetchedOneByOneAndWellKnownTypesFallBackToTheRuntime() throws Exception {
        MinimalReflection reflection = new MinimalReflection(ForecastServiceProto.getDescriptor());
        try (FixtureServer minimal = new FixtureServer(reflection)) {
            Result result = run("call", minimal.address(), "ForecastService/Forecast",
                    "{\"series\": [{\"sku_id\": \"A\", \"location_id\": \"CA_1\"}]}");
            assertThat(result.err()).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("\"create_time\": \"2023-11-14T22:13:20Z\"");
            // stockwise/v1/common.proto from the server, google/protobuf/timestamp.proto tried then built in.
            assertThat(reflection.fileByFilenameRequests.get()).isEqualTo(2);
        }
    }

    @Test
    void resolvesServiceNames() {
        List<String> services = List.of("a.v1.Store", "b.v1.Store", "a.v1.Shop", "grpc.health.v1.Health");
        assertThat(CallCommand.resolveService(services, "Shop")).isEqualTo("a.v1.Shop");
        assertThat(CallCommand.resolveService(services, "b.v1.Store")).isEqualTo("b.v1.Store");
        assertThat(CallCommand.resolveService(services, "v1.Shop")).isEqualTo("a.v1.Shop");
        assertThatThrownBy(() -> CallCommand.resolveService(services, "Store"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("ambiguous")
                .hasMessageContaining("a.v1.Store or b.v1.Store");
        assertThatThrownBy(() -> CallCommand.resolveService(services, "Hop"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no service 'Hop'");
    }

    @Test
    void generatedStubsStillWorkAgainstTheFixture() {
        // Guards the fixture itself: the CLI's results above are compared with what real stubs see.
        var channel = io.stockwise.cli.grpc.Channels.plaintext(address);
        try {
            var response = FeatureServiceGrpc.newBlockingStub(channel)
                    .getDemandHistory(io.stockwise.proto.v1.GetDemandHistoryRequest.newBuilder()
                            .setSeries(io.stockwise.proto.v1.SeriesKey.newBuilder().setSkuId("A").setLocationId("B"))
                            .build());
            assertThat(response.getHistory().getQuantitiesCount()).isEqualTo(3);
        } finally {
            io.stockwise.cli.grpc.Channels.close(channel);
        }
    }

    /** The top-level JSON values of {@code text}, one per response message. */
    private static List<String> documents(String text) {
        List<String> documents = new ArrayList<>();
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.LENIENT);
            while (reader.peek() != JsonToken.END_DOCUMENT) {
                documents.add(JsonParser.parseReader(reader).toString());
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static <M extends Message> M parse(String json, M prototype) throws Exception {
        Message.Builder builder = prototype.newBuilderForType();
        JsonFormat.parser().merge(json, builder);
        return (M) builder.build();
    }

}
