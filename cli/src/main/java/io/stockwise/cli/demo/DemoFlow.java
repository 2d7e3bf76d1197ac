package io.stockwise.cli.demo;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.stockwise.cli.grpc.Channels;
import io.stockwise.proto.v1.FeatureServiceGrpc;
import io.stockwise.proto.v1.GetTrainingJobRequest;
import io.stockwise.proto.v1.TrainModelRequest;
import io.stockwise.proto.v1.TrainingJob;
import io.stockwise.proto.v1.TrainingJobStatus;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.ForecastServiceGrpc;
import io.stockwise.proto.v1.IngestSalesRequest;
import io.stockwise.proto.v1.IngestSalesResponse;
import io.stockwise.proto.v1.IngestionServiceGrpc;
import io.stockwise.proto.v1.ListSeriesRequest;
import io.stockwise.proto.v1.PlanItem;
import io.stockwise.proto.v1.PlanLine;
import io.stockwise.proto.v1.ListPlanLinesRequest;
import io.stockwise.proto.v1.PlanReplenishmentRequest;
import io.stockwise.proto.v1.ReplenishmentServiceGrpc;
import io.stockwise.proto.v1.SaleKind;
import io.stockwise.proto.v1.SaleRecord;
import io.stockwise.proto.v1.SeriesForecast;
import io.stockwise.proto.v1.SeriesInfo;
import io.stockwise.proto.v1.SeriesKey;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end-to-end flow through the real path: sales into ingestion-service (gRPC client stream),
 * through Kafka into feature-service's daily demand, a forecast per series from forecast-service,
 * and a replenishment plan from optimizer-service (which fetches the forecasts itself).
 */
public final class DemoFlow implements AutoCloseable {
    /** Supply terms the demo plans with, the same for every series. */
    public record Terms(int leadTimeDays, int reviewPeriodDays, double cycleServiceLevel, double daysOfStockOnHand) {}

    /** What the flow did. */
    public record Result(IngestSalesResponse ingest, List<SeriesInfo> series, List<SeriesForecast> forecasts,
            List<PlanItem> items, List<PlanLine> plan, Map<String, Double> seconds) {}

    static final int BATCH = 5_000;
    private final ManagedChannel ingestion;
    private final ManagedChannel feature;
    private final ManagedChannel forecast;
    private final ManagedChannel optimizer;
    private final PrintWriter out;

    public DemoFlow(LocalStack stack, PrintWriter out) {
        this.ingestion = Channels.plaintext(stack.address("ingestion-service"));
        this.feature = Channels.plaintext(stack.address("feature-service"));
        this.forecast = Channels.plaintext(stack.address("forecast-service"));
        this.optimizer = Channels.plaintext(stack.address("optimizer-service"));
        this.out = out;
    }

    /** The data's date of the current run; empty: each series' own last day with demand. */
    private java.util.Optional<java.time.LocalDate> asOf = java.util.Optional.empty();

    public Result run(List<SaleRecord> records, int horizonDays, Terms terms) throws Exception {
        return run(records, horizonDays, terms, false);
    }

    /**
     * @param train whether to train the champion model (backtest of every model, DJL network
     *     included) before forecasting, so the forecasts come from the model the backtest chose
     */
    public Result run(List<SaleRecord> records, int horizonDays, Terms terms, boolean train) throws Exception {
        return run(records, horizonDays, terms, train, java.util.Optional.empty());
    }

    /**
     * @param asOf the data's date: forecasts are made from every series' history up to it (days
     *     without sales count as zero, so a series that stopped selling is forecast and classified
     *     from that day) and the plan is for the day after; empty: each series' last day with demand
     */
    public Result run(List<SaleRecord> records, int horizonDays, Terms terms, boolean train,
            java.util.Optional<java.time.LocalDate> asOf) throws Exception {
        this.asOf = asOf;
        var seconds = new HashMap<String, Double>();
        long t = System.nanoTime();
        var ingest = ingest(records);
        seconds.put("ingest", lap(t));
        out.printf("Ingested %,d sales lines: %,d accepted, %,d duplicates, %,d rejected (%.1f s)%n", ingest.getReceivedCount(),
                ingest.getAcceptedCount(), ingest.getDuplicateCount(), ingest.getRejectedCount(), seconds.get("ingest"));

        t = System.nanoTime();
        var expected = expectedDemand(records);
        var series = awaitDemand(expected, Duration.ofMinutes(5));
        seconds.put("demand", lap(t));
        out.printf("feature-service holds daily demand for %,d series, %,.0f units (%.1f s after ingest)%n", series.size(),
                series.stream().mapToDouble(SeriesInfo::getTotalQuantity).sum(), seconds.get("demand"));

        if (train) {
            t = System.nanoTime();
            var job = train(horizonDays, Duration.ofMinutes(30));
            seconds.put("train", lap(t));
            out.printf("forecast-service trained and registered %s by backtest (%.1f s)%n", job.getModelVersion(), seconds.get("train"));
        }

        t = System.nanoTime();
        var forecasts = forecast(series, horizonDays);
        seconds.put("forecast", lap(t));
        out.printf("forecast-service forecast %,d series x %d days with quantiles, model %s (%.1f s)%n", forecasts.size(),
                horizonDays, forecasts.isEmpty() ? "-" : forecasts.get(0).getModel(), seconds.get("forecast"));

        t = System.nanoTime();
        var items = planItems(series, forecasts, terms);
        var plan = plan(items);
        seconds.put("plan", lap(t));
        long orders = plan.stream().filter(l -> l.getOrderQuantity() > 0).count();
        out.printf("optimizer-service planned %,d series: %,d orders, %,.0f units, value %,.2f (%.1f s)%n", plan.size(), orders,
                plan.stream().mapToDouble(PlanLine::getOrderQuantity).sum(), plan.stream().mapToDouble(PlanLine::getOrderValue).sum(),
                seconds.get("plan"));
        return new Result(ingest, series, forecasts, items, plan, seconds);
    }

    private static double lap(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    IngestSalesResponse ingest(List<SaleRecord> records) throws Exception {
        var done = new CompletableFuture<IngestSalesResponse>();
        var requests = IngestionServiceGrpc.newStub(ingestion).withDeadlineAfter(30, TimeUnit.MINUTES)
                .ingestSales(new StreamObserver<>() {
                    @Override
                    public void onNext(IngestSalesResponse value) {
                        done.complete(value);
                    }

                    @Override
                    public void onError(Throwable e) {
                        done.completeExceptionally(e);
                    }

                    @Override
                    public void onCompleted() {}
                });
        for (int i = 0; i < records.size(); i += BATCH) {
            requests.onNext(IngestSalesRequest.newBuilder().addAllRecords(records.subList(i, Math.min(records.size(), i + BATCH))).build());
        }
        requests.onCompleted();
        try {
            return done.get(30, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Demand per series as feature-service counts it: sales with a positive price. */
    static Map<String, Double> expectedDemand(List<SaleRecord> records) {
        var m = new HashMap<String, Double>();
        for (var r : records) {
            boolean sale = r.getKind() == SaleKind.SALE_KIND_SALE || r.getKind() == SaleKind.SALE_KIND_UNSPECIFIED;
            if (sale && r.getQuantity() > 0 && r.getUnitPrice() > 0) {
                m.merge(key(r.getSeries()), r.getQuantity(), Double::sum);
            }
        }
        return m;
    }

    /** Waits until feature-service holds exactly the expected demand for every series. */
    List<SeriesInfo> awaitDemand(Map<String, Double> expected, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SeriesInfo> series = List.of();
        while (System.nanoTime() < deadline) {
            series = listSeries();
            if (series.size() == expected.size() && series.stream().allMatch(s -> {
                var e = expected.get(key(s.getSeries()));
                return e != null && Math.abs(e - s.getTotalQuantity()) < 1e-6 * Math.max(1, e);
            })) {
                return series;
            }
            Thread.sleep(500);
        }
        throw new TimeoutException("feature-service holds " + series.size() + " of " + expected.size()
                + " series with the expected demand after " + timeout);
    }

    List<SeriesInfo> listSeries() {
        var stub = FeatureServiceGrpc.newBlockingStub(feature);
        var out = new ArrayList<SeriesInfo>();
        String token = "";
        do {
            var page = stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                    .listSeries(ListSeriesRequest.newBuilder().setPageSize(1000).setPageToken(token).build());
            out.addAll(page.getSeriesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return out;
    }

    List<SeriesForecast> forecast(List<SeriesInfo> series, int horizonDays) {
        var stub = ForecastServiceGrpc.newBlockingStub(forecast);
        var out = new ArrayList<SeriesForecast>();
        for (int i = 0; i < series.size(); i += 500) {
            var req = ForecastRequest.newBuilder().setHorizonDays(horizonDays);
            asOf.ifPresent(d -> req.setAsOfDate(date(d)));
            series.subList(i, Math.min(series.size(), i + 500)).forEach(s -> req.addSeries(s.getSeries()));
            out.addAll(stub.withDeadlineAfter(10, TimeUnit.MINUTES).forecast(req.build()).getForecastsList());
        }
        return out;
    }

    /**
     * Plan items with made-up stock: {@code daysOfStockOnHand} days of each series' forecast mean
     * on hand, varied by series so some need an order and some do not. No forecast is attached, so
     * optimizer-service fetches its own from forecast-service.
     */
    static List<PlanItem> planItems(List<SeriesInfo> series, List<SeriesForecast> forecasts, Terms terms) {
        var meanPerDay = new HashMap<String, Double>();
        for (var f : forecasts) {
            meanPerDay.put(key(f.getSeries()), f.getDaysList().stream().mapToDouble(d -> d.getMean()).average().orElse(0));
        }
        var items = new ArrayList<PlanItem>();
        for (int i = 0; i < series.size(); i++) {
            var s = series.get(i).getSeries();
            double mean = meanPerDay.getOrDefault(key(s), 0.0);
            double cover = terms.daysOfStockOnHand() * (0.25 + (i % 8) * 0.25);
            items.add(PlanItem.newBuilder()
                    .setSeries(s)
                    .setOnHand(Math.floor(mean * cover))
                    .setLeadTimeDays(terms.leadTimeDays())
                    .setReviewPeriodDays(terms.reviewPeriodDays())
                    .setTargetCycleServiceLevel(terms.cycleServiceLevel())
                    .setCasePack(i % 3 == 0 ? 6 : 1)
                    .setUnitCost(5.0)
                    .build());
        }
        return items;
    }

    /** The whole catalogue as one plan: one request without lines in the answer, then its lines page by page. */
    List<PlanLine> plan(List<PlanItem> items) {
        var stub = ReplenishmentServiceGrpc.newBlockingStub(optimizer);
        var b = PlanReplenishmentRequest.newBuilder().addAllItems(items).setOmitLines(true);
        asOf.ifPresent(d -> b.setPlanDate(date(d.plusDays(1))));
        var req = b.build();
        var plan = stub.withDeadlineAfter(10, TimeUnit.MINUTES).planReplenishment(req);
        out.printf("optimizer-service made plan %s for %s (data as of %s): %,d lines, %,d orders, %,.0f units, %,d obsolete"
                + " series without an order%n", plan.getPlanId(), date(plan.getPlanDate()),
                plan.hasAsOfDate() ? date(plan.getAsOfDate()) : "-", plan.getLineCount(), plan.getOrderLineCount(),
                plan.getOrderQuantity(), plan.getObsoleteLineCount());
        var lines = new ArrayList<PlanLine>(plan.getLineCount());
        String token = "";
        do {
            var page = stub.withDeadlineAfter(2, TimeUnit.MINUTES).listPlanLines(ListPlanLinesRequest.newBuilder()
                    .setPlanId(plan.getPlanId()).setPageSize(1000).setPageToken(token).build());
            lines.addAll(page.getLinesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return lines;
    }

    private static io.stockwise.proto.v1.Date date(java.time.LocalDate d) {
        return io.stockwise.proto.v1.Date.newBuilder().setYear(d.getYear()).setMonth(d.getMonthValue())
                .setDay(d.getDayOfMonth()).build();
    }

    private static String date(io.stockwise.proto.v1.Date d) {
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonth(), d.getDay());
    }

    /** Starts a TrainModel job and waits for it, printing its progress. */
    TrainingJob train(int horizonDays, Duration timeout) throws InterruptedException, TimeoutException {
        var stub = ForecastServiceGrpc.newBlockingStub(forecast);
        var jobId = stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                .trainModel(TrainModelRequest.newBuilder().setHorizonDays(horizonDays).build()).getJobId();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            var job = stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getTrainingJob(GetTrainingJobRequest.newBuilder().setJobId(jobId).build()).getJob();
            switch (job.getStatus()) {
                case TRAINING_JOB_STATUS_SUCCEEDED:
                    return job;
                case TRAINING_JOB_STATUS_FAILED:
                case TRAINING_JOB_STATUS_CANCELLED:
                    throw new IllegalStateException("training job " + jobId + " ended " + job.getStatus() + ": " + job.getMessage());
                default:
                    var line = String.format("  training %3.0f%%  %s", 100 * job.getProgress(), job.getMessage());
                    if (!line.equals(last)) {
                        out.println(line);
                        last = line;
                    }
                    Thread.sleep(2000);
            }
        }
        throw new TimeoutException("training job " + jobId + " not finished after " + timeout);
    }

    static String key(SeriesKey k) {
        return k.getSkuId() + "/" + k.getLocationId();
    }

    @Override
    public void close() {
        for (var c : List.of(ingestion, feature, forecast, optimizer)) {
            Channels.close(c);
        }
    }
}
