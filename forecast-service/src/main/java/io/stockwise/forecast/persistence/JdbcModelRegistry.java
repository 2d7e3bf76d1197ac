package io.stockwise.forecast.persistence;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stockwise.commons.outbox.OutboxRelayWorker;
import io.stockwise.commons.persistence.Transactions;
import io.stockwise.forecast.domain.ForecastRun;
import io.stockwise.forecast.domain.ModelRegistry;
import io.stockwise.forecast.domain.ModelScore;
import io.stockwise.forecast.domain.Page;
import io.stockwise.forecast.domain.RegisteredModel;
import io.stockwise.forecast.domain.SeriesForecast;
import io.stockwise.forecast.domain.SeriesId;
import io.stockwise.forecast.grpc.ForecastProtos;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The model registry in {@code model_version}/{@code model_metric}; a champion's forecasts go to
 * the forecast tables and the outbox in the same transaction as its registry row.
 */
@ApplicationScoped
public class JdbcModelRegistry implements ModelRegistry {
    private final DataSource dataSource;
    private final JdbcForecastStore forecasts;
    private final OutboxRelayWorker relay;

    public JdbcModelRegistry(DataSource dataSource, JdbcForecastStore forecasts, OutboxRelayWorker relay) {
        this.dataSource = dataSource;
        this.forecasts = forecasts;
        this.relay = relay;
    }

    @Override
    public void registerChampion(RegisteredModel model, ForecastRun run) {
        try {
            Transactions.inTransaction(dataSource, c -> {
                try (var ps = c.prepareStatement("UPDATE model_version SET champion = false WHERE champion")) {
                    ps.executeUpdate();
                }
                long id;
                try (var ps = c.prepareStatement("INSERT INTO model_version (version, model, job_id, as_of_date,"
                        + " horizon_days, parameters, artifact, champion, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) RETURNING id")) {
                    ps.setString(1, model.version());
                    ps.setString(2, model.model());
                    ps.setLong(3, Long.parseLong(model.jobId()));
                    ps.setDate(4, Date.valueOf(model.asOfDate()));
                    ps.setInt(5, model.horizonDays());
                    ps.setString(6, model.parametersJson());
                    ps.setBytes(7, model.artifact().length == 0 ? null : model.artifact());
                    ps.setBoolean(8, model.champion());
                    ps.setTimestamp(9, Timestamp.from(model.createTime()));
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                try (var ps = c.prepareStatement("INSERT INTO model_metric (model_version_id, candidate, wrmsse, wspl,"
                        + " mase_mean, mase_median, coverage) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (var m : model.metrics()) {
                        ps.setLong(1, id);
                        ps.setString(2, m.model());
                        ps.setDouble(3, m.wrmsse());
                        ps.setDouble(4, m.wspl());
                        ps.setDouble(5, m.maseMean());
                        ps.setDouble(6, m.maseMedian());
                        var cov = new Double[m.coverage().length];
                        for (int i = 0; i < cov.length; i++) {
                            cov[i] = m.coverage()[i];
                        }
                        ps.setArray(7, c.createArrayOf("float8", cov));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                forecasts.write(c, run);
                return null;
            });
        } catch (SQLException e) {
            throw JdbcTrainingJobStore.failure(e);
        }
        relay.wake();
    }

    @Override
    public Page<RegisteredModel> list(int pageSize, Optional<Long> after) {
        try (Connection c = dataSource.getConnection()) {
            var rows = new LinkedHashMap<Long, RegisteredModel>();
            try (var ps = c.prepareStatement("SELECT id, version, model, job_id, as_of_date, horizon_days,"
                    + " parameters::text, COALESCE(octet_length(artifact), 0), champion, created_at FROM model_version"
                    + " WHERE id < ? ORDER BY id DESC LIMIT ?")) {
                ps.setLong(1, after.orElse(Long.MAX_VALUE));
                ps.setInt(2, pageSize + 1);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getLong(1), new RegisteredModel(rs.getString(2), rs.getString(3),
                                Long.toString(rs.getLong(4)), rs.getDate(5).toLocalDate(), rs.getInt(6), rs.getString(7),
                                List.of(), null, rs.getLong(8), rs.getTimestamp(10).toInstant(), rs.getBoolean(9)));
                    }
                }
            }
            var ids = new ArrayList<>(rows.keySet());
            String next = "";
            if (ids.size() > pageSize) {
                rows.remove(ids.get(pageSize));
                next = Long.toString(ids.get(pageSize - 1));
            }
            var metrics = new HashMap<Long, List<ModelScore>>();
            try (var ps = c.prepareStatement("SELECT model_version_id, candidate, wrmsse, wspl, mase_mean, mase_median,"
                    + " coverage FROM model_metric WHERE model_version_id = ANY(?) ORDER BY model_version_id, candidate")) {
                ps.setArray(1, c.createArrayOf("int8", rows.keySet().toArray()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var arr = (Double[]) rs.getArray(7).getArray();
                        var cov = new double[arr.length];
                        for (int i = 0; i < cov.length; i++) {
                            cov[i] = arr[i];
                        }
                        metrics.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ModelScore(rs.getString(2),
                                rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), cov));
                    }
                }
            }
            var out = new ArrayList<RegisteredModel>(rows.size());
            rows.forEach((id, m) -> out.add(new RegisteredModel(m.version(), m.model(), m.jobId(), m.asOfDate(),
                    m.horizonDays(), m.parametersJson(), metrics.getOrDefault(id, List.of()), null, m.artifactSize(),
                    m.createTime(), m.champion())));
            return new Page<>(out, next);
        } catch (SQLException e) {
            throw JdbcTrainingJobStore.failure(e);
        }
    }

    @Override
    public Map<SeriesId, SeriesForecast> championForecasts(List<SeriesId> series, Optional<LocalDate> asOf) {
        var skus = new String[series.size()];
        var locations = new String[series.size()];
        for (int i = 0; i < skus.length; i++) {
            skus[i] = series.get(i).skuId();
            locations[i] = series.get(i).locationId();
        }
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT DISTINCT ON (f.sku_id, f.location_id) f.id, f.payload"
                        + " FROM forecast f"
                        + " JOIN model_version v ON v.champion AND f.model_version = v.version AND f.model = v.model"
                        + " JOIN unnest(?::text[], ?::text[]) AS q(sku, loc) ON f.sku_id = q.sku AND f.location_id = q.loc"
                        + " WHERE NOT f.stale AND (?::date IS NULL OR f.as_of_date = ?::date)"
                        + " ORDER BY f.sku_id, f.location_id, f.as_of_date DESC, f.id DESC")) {
            ps.setArray(1, c.createArrayOf("text", skus));
            ps.setArray(2, c.createArrayOf("text", locations));
            var date = asOf.map(Date::valueOf).orElse(null);
            ps.setDate(3, date);
            ps.setDate(4, date);
            var out = new HashMap<SeriesId, SeriesForecast>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var f = decode(rs);
                    out.put(f.series(), f);
                }
            }
            return out;
        } catch (SQLException e) {
            throw JdbcTrainingJobStore.failure(e);
        }
    }

    @Override
    public Optional<String> championVersion() {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT version FROM model_version WHERE champion");
                var rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw JdbcTrainingJobStore.failure(e);
        }
    }

    @Override
    public Optional<RegisteredModel> champion() {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT version, model, job_id, as_of_date, horizon_days, parameters::text,"
                        + " artifact, created_at FROM model_version WHERE champion");
                var rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            var artifact = rs.getBytes(7);
            return Optional.of(new RegisteredModel(rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3)),
                    rs.getDate(4).toLocalDate(), rs.getInt(5), rs.getString(6), List.of(), artifact,
                    artifact == null ? 0 : artifact.length, rs.getTimestamp(8).toInstant(), true));
        } catch (SQLException e) {
            throw JdbcTrainingJobStore.failure(e);
        }
    }

    /**
     * Marks the champion forecasts of {@code series} stale (their demand changed), so the baseline
     * serves them until the next training. Idempotent.
     *
     * @return the forecasts newly marked
     */
    public int markChampionStale(java.util.Collection<SeriesId> series) {
        var skus = series.stream().map(SeriesId::skuId).toArray(String[]::new);
        var locations = series.stream().map(SeriesId::locationId).toArray(String[]::new);
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("UPDATE forecast f SET stale = true"
                        + " FROM unnest(?::text[], ?::text[]) AS q(sku, loc)"
                        + " WHERE f.sku_id = q.sku AND f.location_id = q.loc AND NOT f.stale"
                        + " AND f.model_version IN (SELECT version FROM model_version)")) {
            ps.setArray(1, c.createArrayOf("text", skus));
            ps.setArray(2, c.createArrayOf("text", locations));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw JdbcTrainingJobStore.failure(e);
        }
    }

    @Override
    public Page<SeriesForecast> forecasts(SeriesId series, int pageSize, Optional<Long> after) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT id, payload FROM forecast WHERE sku_id = ? AND location_id = ?"
                        + " AND id < ? ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, series.skuId());
            ps.setString(2, series.locationId());
            ps.setLong(3, after.orElse(Long.MAX_VALUE));
            ps.setInt(4, pageSize + 1);
            var out = new ArrayList<SeriesForecast>();
            long lastId = 0;
            String next = "";
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == pageSize) {
                        next = Long.toString(lastId);
                        break;
                    }
                    lastId = rs.getLong(1);
                    out.add(decode(rs));
                }
            }
            return new Page<>(out, next);
        } catch (SQLException e) {
            throw JdbcTrainingJobStore.failure(e);
        }
    }

    private static SeriesForecast decode(ResultSet rs) throws SQLException {
        try {
            return ForecastProtos.fromProto(io.stockwise.proto.v1.SeriesForecast.parseFrom(rs.getBytes(2)));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored forecast " + rs.getLong(1) + " is not a SeriesForecast", e);
        }
    }
}
