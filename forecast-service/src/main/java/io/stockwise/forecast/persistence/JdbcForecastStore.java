package io.stockwise.forecast.persistence;

import io.stockwise.commons.outbox.OutboxConfig;
import io.stockwise.commons.outbox.OutboxRecord;
import io.stockwise.commons.outbox.OutboxRelayWorker;
import io.stockwise.commons.outbox.OutboxWriter;
import io.stockwise.commons.persistence.Transactions;
import io.stockwise.forecast.domain.ForecastRun;
import io.stockwise.forecast.domain.ForecastStore;
import io.stockwise.forecast.domain.ForecastStoreUnavailable;
import io.stockwise.forecast.grpc.ForecastProtos;
import io.stockwise.forecast.messaging.ForecastEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import javax.sql.DataSource;

/** Stores runs in {@code forecast_run}/{@code forecast} and their events in the outbox, in one transaction. */
@ApplicationScoped
public class JdbcForecastStore implements ForecastStore {
    private static final String INSERT_RUN = "INSERT INTO forecast_run"
            + " (model, model_version, horizon_days, requested_as_of_date, series_count, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
    private static final String INSERT_FORECAST = "INSERT INTO forecast"
            + " (run_id, sku_id, location_id, as_of_date, model, model_version, horizon_days, created_at, payload)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final OutboxWriter outbox;
    private final OutboxRelayWorker relay;

    public JdbcForecastStore(DataSource dataSource, OutboxConfig outboxConfig, OutboxRelayWorker relay) {
        this.dataSource = dataSource;
        this.outbox = new OutboxWriter(outboxConfig.table());
        this.relay = relay;
    }

    @Override
    public void save(ForecastRun run) {
        try {
            Transactions.inTransaction(dataSource, c -> {
                write(c, run);
                return null;
            });
        } catch (SQLException e) {
            if (e instanceof SQLTransientException || (e.getSQLState() != null && e.getSQLState().startsWith("08"))) {
                throw new ForecastStoreUnavailable(e.getMessage(), e);
            }
            throw new IllegalStateException("could not store forecasts", e);
        }
        relay.wake();
    }

    // Package-visible: the registry stores a champion's forecasts in its own transaction.
    void write(Connection c, ForecastRun run) throws SQLException {
        var createdAt = Timestamp.from(run.createTime());
        long runId;
        try (var ps = c.prepareStatement(INSERT_RUN)) {
            ps.setString(1, run.model());
            ps.setString(2, run.modelVersion());
            ps.setInt(3, run.horizonDays());
            if (run.requestedAsOfDate().isPresent()) {
                ps.setDate(4, Date.valueOf(run.requestedAsOfDate().get()));
            } else {
                ps.setNull(4, Types.DATE);
            }
            ps.setInt(5, run.forecasts().size());
            ps.setTimestamp(6, createdAt);
            try (var rs = ps.executeQuery()) {
                rs.next();
                runId = rs.getLong(1);
            }
        }
        var events = new ArrayList<OutboxRecord>(run.forecasts().size());
        try (var ps = c.prepareStatement(INSERT_FORECAST)) {
            int pending = 0;
            for (var f : run.forecasts()) {
                var proto = ForecastProtos.toProto(f);
                ps.setLong(1, runId);
                ps.setString(2, f.series().skuId());
                ps.setString(3, f.series().locationId());
                ps.setDate(4, Date.valueOf(f.asOfDate()));
                ps.setString(5, f.model());
                ps.setString(6, f.modelVersion());
                ps.setInt(7, f.horizonDays());
                ps.setTimestamp(8, createdAt);
                ps.setBytes(9, proto.toByteArray());
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
                events.add(ForecastEvents.published(proto));
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        outbox.append(c, events);
    }
}
