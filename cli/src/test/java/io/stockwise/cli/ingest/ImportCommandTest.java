package io.stockwise.cli.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.stockwise.proto.v1.IngestSalesRequest;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import io.stockwise.proto.v1.RecordRejection;
import io.stockwise.proto.v1.SaleKind;
import io.stockwise.proto.v1.SaleRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {
    /** A collaborator fake of IngestSales: dedupes by source id, rejects an empty SKU like the real service. */
    static final class FakeIngestion extends IngestionServiceGrpc.IngestionServiceImplBase {
        final Set<String> stored = ConcurrentHashMap.newKeySet();
        final List<SaleRecord> received = new CopyOnWriteArrayList<>();

        @Override
        public StreamObserver<IngestSalesRequest> ingestSales(StreamObserver<IngestSalesResponse> response) {
            var summary = IngestSalesResponse.newBuilder();
            return new StreamObserver<>() {
                @Override
                public void onNext(IngestSalesRequest request) {
                    for (var r : request.getRecordsList()) {
                        long position = summary.getReceivedCount();
                        summary.setReceivedCount(position + 1);
                        received.add(r);
                        if (r.getSeries().getSkuId().isEmpty()) {
                            summary.setRejectedCount(summary.getRejectedCount() + 1).addRejections(RecordRejection.newBuilder()
                                    .setPosition(position).setField("series.sku_id").setReason("REQUIRED").setDescription("is required"));
                        } else if (stored.add(r.getSourceId())) {
                            summary.setAcceptedCount(summary.getAcceptedCount() + 1);
                        } else {
                            summary.setDuplicateCount(summary.getDuplicateCount() + 1);
                        }
                    }
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {
                    response.onNext(summary.build());
                    response.onCompleted();
                }
            };
        }
    }

    @TempDir
    Path dir;

    FakeIngestion fake;
    Server server;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeIngestion();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(fake).build().start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        var cmd = new CommandLine(new ImportCommand());
        var out = new StringWriter();
        var err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    String target() {
        return "127.0.0.1:" + server.getPort();
    }

    @Test
    void importsALongCsvWithProgressAndASummaryAndAReimportIsAllDuplicates() throws Exception {
        var csv = dir.resolve("sales.csv");
        Files.writeString(csv, """
                date,sku,location,quantity,unit_price,on_promotion
                2024-01-01,a1,store-1,3,2.5,true
                2024-01-02,A1,store-1,-2,2.5,
                2024-01-03,A1,store-1,0
                2024-01-04,,store-1,4
                2024-01-05,A1,store-1,lots
                2024-01-06,B2,store-1,1
                """);

        var first = run(csv.toString(), "--target", target(), "--format", "long", "--batch-size", "2");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("sent\\s+4").containsPattern("accepted\\s+3")
                .containsPattern("duplicates\\s+0").containsPattern("rejected\\s+1")
                .containsPattern("series.sku_id REQUIRED\\s+1")
                .containsPattern("zero quantity \\(skipped\\)\\s+1")
                .containsPattern("unparseable row \\(not sent\\)\\s+1")
                .contains("line 6: quantity: not a number: 'lots'");
        assertThat(first.err()).contains("rows/s").contains("100.0%");
        assertThat(fake.received).extracting(SaleRecord::getSourceId)
                .contains("long:A1/store-1@2024-01-01", "long:A1/store-1@2024-01-02");
        assertThat(fake.received.get(0).getOnPromotion()).isTrue();
        assertThat(fake.received.get(1).getKind()).isEqualTo(SaleKind.SALE_KIND_RETURN);
        assertThat(fake.received.get(1).getQuantity()).isEqualTo(2);

        var again = run(csv.toString(), "--target", target(), "--format", "long", "--no-progress");
        assertThat(again.out()).containsPattern("accepted\\s+0").containsPattern("duplicates\\s+3");
        assertThat(again.err()).doesNotContain("rows/s");
    }

    @Test
    void importsTheForecastingLongFormatAsPeriodTotals() throws Exception {
        var csv = dir.resolve("monthly.csv");
        Files.writeString(csv, """
                series_id,period,value
                P1/depot-2,2024-01,5
                P1/depot-2,2024-02,0
                P9,2024-02,3.5
                P9,2024-13,1
                P9,2024-03,-1
                P9,2024-W05,2
                """);
        var r = run(csv.toString(), "--target", target(), "--format", "long", "--no-progress");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("accepted\\s+2").containsPattern("zero quantity \\(skipped\\)\\s+1")
                .containsPattern("unparseable row \\(not sent\\)\\s+3")
                .contains("line 5: period:").contains("line 6: value: must be finite and non-negative")
                .contains("line 7: period: '2024-W05' is not a month");
        var received = fake.received.subList(fake.received.size() - 2, fake.received.size());
        assertThat(received).extracting(SaleRecord::getSourceId).containsExactly("long:P1/depot-2@2024-01", "long:P9/default@2024-02");
        // A month's total is one sale on the month's last day.
        assertThat(received.get(0).getBusinessDate().getDay()).isEqualTo(31);
        assertThat(received.get(1).getBusinessDate().getDay()).isEqualTo(29);
        assertThat(received.get(1).getQuantity()).isEqualTo(3.5);
        assertThat(received.get(0).getSeries().getLocationId()).isEqualTo("depot-2");
    }

    @Test
    void importsOnlineRetailLinesWithTheDemoMapping() throws Exception {
        var csv = dir.resolve("retail.csv");
        Files.writeString(csv, """
                "InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"
                "536365","85123a","WHITE HANGING HEART","6","2010-12-01 08:26:00","2.55","17850","United Kingdom"
                "536365","POST","POSTAGE","1","2010-12-01 08:26:00","18.0","17850","United Kingdom"
                "C536379","85123A","WHITE HANGING HEART","-1","2010-12-01 09:41:00","2.55","14527","United Kingdom"
                """);
        var r = run(csv.toString(), "--target", target(), "--format", "online-retail");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("accepted\\s+2").containsPattern("non-product code \\(skipped\\)\\s+1");
        assertThat(fake.received).extracting(SaleRecord::getKind)
                .containsExactly(SaleKind.SALE_KIND_SALE, SaleKind.SALE_KIND_CANCELLATION);
    }

    @Test
    void refusesBadUsage() throws Exception {
        var csv = dir.resolve("x.csv");
        Files.writeString(csv, "2024-01-01,A,B,1\n");
        assertThat(run(csv.toString(), "--target", target(), "--format", "parquet").exit()).isNotZero();
        assertThat(run(dir.resolve("missing.csv").toString(), "--target", target(), "--format", "long").exit()).isNotZero();
        assertThat(run(csv.toString(), "--target", "nohost", "--format", "long").exit()).isNotZero();
    }
}
