package io.stockwise.forecast.grpc;

import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.domain.InvalidForecastRequest;
import io.stockwise.forecast.domain.DemandHistory;
import io.stockwise.forecast.domain.ForecastDay;
import io.stockwise.forecast.domain.ForecastQuery;
import io.stockwise.forecast.domain.SeriesForecast;
import io.stockwise.forecast.domain.SeriesId;
import io.stockwise.forecast.domain.RegisteredModel;
import io.stockwise.forecast.domain.TrainRequest;
import io.stockwise.forecast.domain.TrainingJob;
import io.stockwise.proto.v1.ForecastBucket;
import io.stockwise.proto.v1.ForecastRequest;
import io.stockwise.proto.v1.ModelVersion;
import io.stockwise.proto.v1.TrainModelRequest;
import io.stockwise.proto.v1.TrainingJobStatus;
import io.stockwise.proto.v1.SeriesKey;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Maps between the {@code stockwise.v1} messages and the forecast domain. */
public final class ForecastProtos {
    private ForecastProtos() {}

    public static ForecastQuery toQuery(ForecastRequest request) {
        var series = request.getSeriesList().stream().map(ForecastProtos::toSeriesId).toList();
        Optional<LocalDate> asOf = request.hasAsOfDate()
                ? ProtoDates.optional(request.getAsOfDate(), "as_of_date")
                : Optional.empty();
        return new ForecastQuery(series, request.getHorizonDays(), asOf, request.getModel(),
                request.getQuantileLevelsList(), toBucket(request.getBucketValue()), request.getHorizonBuckets());
    }

    /** The core bucket of a request's {@code bucket}; INVALID_ARGUMENT naming the field for an unknown value. */
    public static Bucket toBucket(int value) {
        return switch (value) {
            case ForecastBucket.FORECAST_BUCKET_UNSPECIFIED_VALUE, ForecastBucket.FORECAST_BUCKET_DAY_VALUE -> Bucket.DAY;
            case ForecastBucket.FORECAST_BUCKET_WEEK_VALUE -> Bucket.WEEK;
            case ForecastBucket.FORECAST_BUCKET_MONTH_VALUE -> Bucket.MONTH;
            default -> throw new InvalidForecastRequest(List.of(new FieldViolation("bucket", "UNKNOWN_VALUE",
                    "must be FORECAST_BUCKET_DAY, FORECAST_BUCKET_WEEK or FORECAST_BUCKET_MONTH, was " + value)));
        };
    }

    /** A forecast in {@code bucket}: for weeks and months each day carries its period and the forecast its bucket. */
    public static io.stockwise.proto.v1.SeriesForecast toProto(SeriesForecast f, Bucket bucket) {
        var proto = toProto(f);
        if (bucket == Bucket.DAY) {
            return proto;
        }
        var b = proto.toBuilder().setBucket(bucket == Bucket.WEEK ? ForecastBucket.FORECAST_BUCKET_WEEK
                : ForecastBucket.FORECAST_BUCKET_MONTH);
        for (int i = 0; i < b.getDaysCount(); i++) {
            b.getDaysBuilder(i).setPeriod(bucket.format(bucket.index(f.days().get(i).date())));
        }
        return b.build();
    }

    public static SeriesId toSeriesId(SeriesKey key) {
        return new SeriesId(key.getSkuId(), key.getLocationId());
    }

    public static SeriesKey toProto(SeriesId id) {
        return SeriesKey.newBuilder().setSkuId(id.skuId()).setLocationId(id.locationId()).build();
    }

    public static io.stockwise.proto.v1.SeriesForecast toProto(SeriesForecast f) {
        var b = io.stockwise.proto.v1.SeriesForecast.newBuilder()
                .setSeries(toProto(f.series()))
                .setModel(f.model())
                .setModelVersion(f.modelVersion())
                .setAsOfDate(ProtoDates.toProto(f.asOfDate()))
                .addAllQuantileLevels(f.quantileLevels())
                .setCreateTime(ProtoDates.toProto(f.createTime()))
                .setObsoleteDaysWithoutDemand(f.obsoleteDaysWithoutDemand());
        for (ForecastDay day : f.days()) {
            var d = b.addDaysBuilder().setDate(ProtoDates.toProto(day.date())).setMean(day.mean());
            for (int i = 0; i < day.quantileCount(); i++) {
                d.addQuantiles(day.quantile(i));
            }
        }
        return b.build();
    }

    /** The domain form of a stored forecast. */
    public static SeriesForecast fromProto(io.stockwise.proto.v1.SeriesForecast f) {
        var days = new java.util.ArrayList<ForecastDay>(f.getDaysCount());
        for (var d : f.getDaysList()) {
            var q = new double[d.getQuantilesCount()];
            for (int i = 0; i < q.length; i++) {
                q[i] = d.getQuantiles(i);
            }
            days.add(new ForecastDay(ProtoDates.toLocalDate(d.getDate(), "date"), d.getMean(), q));
        }
        return new SeriesForecast(toSeriesId(f.getSeries()), f.getModel(), f.getModelVersion(),
                ProtoDates.toLocalDate(f.getAsOfDate(), "as_of_date"), f.getQuantileLevelsList(), days,
                java.time.Instant.ofEpochSecond(f.getCreateTime().getSeconds(), f.getCreateTime().getNanos()),
                Math.max(0, f.getObsoleteDaysWithoutDemand()));
    }

    public static io.stockwise.proto.v1.TrainingJob toProto(TrainingJob job) {
        return io.stockwise.proto.v1.TrainingJob.newBuilder()
                .setJobId(job.id())
                .setStatus(TrainingJobStatus.valueOf("TRAINING_JOB_STATUS_" + job.status().name()))
                .setProgress(job.progress())
                .setMessage(job.message())
                .setModelVersion(job.modelVersion())
                .setCreateTime(ProtoDates.toProto(job.createTime()))
                .setUpdateTime(ProtoDates.toProto(job.updateTime()))
                .build();
    }

    public static ModelVersion toProto(RegisteredModel m) {
        var b = ModelVersion.newBuilder()
                .setModelVersion(m.version())
                .setModel(m.model())
                .setParametersJson(m.parametersJson())
                .setArtifactSizeBytes(m.artifactSize())
                .setCreateTime(ProtoDates.toProto(m.createTime()))
                .setChampion(m.champion())
                .setJobId(m.jobId())
                .setAsOfDate(ProtoDates.toProto(m.asOfDate()));
        for (var s : m.metrics()) {
            var mb = b.addMetricsBuilder().setModel(s.model()).setWrmsse(s.wrmsse()).setWspl(s.wspl())
                    .setMaseMean(s.maseMean()).setMaseMedian(s.maseMedian());
            for (double c : s.coverage()) {
                mb.addCoverage(c);
            }
        }
        return b.build();
    }

    public static TrainRequest toTrainRequest(TrainModelRequest r) {
        Optional<LocalDate> asOf = r.hasAsOfDate() ? ProtoDates.optional(r.getAsOfDate(), "as_of_date") : Optional.empty();
        return new TrainRequest(r.getHorizonDays(), asOf, r.getSeed(), r.getEpochs());
    }

    /** The domain history of a feature-service answer; empty when it holds no day. */
    public static Optional<DemandHistory> toHistory(SeriesId requested, io.stockwise.proto.v1.DemandHistory h) {
        if (h.getQuantitiesCount() == 0 || ProtoDates.isUnset(h.getStartDate())) {
            return Optional.empty();
        }
        var quantities = new double[h.getQuantitiesCount()];
        for (int i = 0; i < quantities.length; i++) {
            quantities[i] = h.getQuantities(i);
        }
        return Optional.of(new DemandHistory(requested, ProtoDates.toLocalDate(h.getStartDate(), "history.start_date"),
                quantities));
    }
}
