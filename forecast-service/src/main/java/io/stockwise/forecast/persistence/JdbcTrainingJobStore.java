package io.stockwise.forecast.persistence;

import io.stockwise.forecast.domain.ForecastStoreUnavailable;
import io.stockwise.forecast.domain.JobStatus;
import io.stockwise.forecast.domain.TrainRequest;
import io.stockwise.forecast.domain.TrainingJob;
import io.stockwise.forecast.domain.TrainingJobRunning;
import io.stockwise.forecast.domain.TrainingJobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Training jobs in {@code training_job}; a unique partial index keeps at most one active. */
@ApplicationScoped
public class JdbcTrainingJobStore implements TrainingJobStore {
    private static final String COLUMNS = "id, status, progress, message, model_version, created_at, updated_at";

    private final DataSource dataSource;

    public JdbcTrainingJobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public TrainingJob create(TrainRequest request, Instant now) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("INSERT INTO training_job (status, horizon_days, as_of_date, seed, epochs,"
                        + " created_at, updated_at) VALUES ('QUEUED', ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setInt(1, request.horizonDays());
            if (request.asOfDate().isPresent()) {
                ps.setDate(2, Date.valueOf(request.asOfDate().get()));
            } else {
                ps.setNull(2, Types.DATE);
            }
            ps.setLong(3, request.seed());
            ps.setInt(4, request.epochs());
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new TrainingJobRunning("");
            }
            throw failure(e);
        }
    }

    @Override
    public Optional<TrainingJob> find(String id) {
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM training_job WHERE id = ?")) {
            ps.setLong(1, key);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean update(String id, JobStatus status, double progress, String message, String modelVersion,
            Instant now) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("UPDATE training_job SET status = ?, progress = GREATEST(progress, ?),"
                        + " message = ?, model_version = NULLIF(?, ''), updated_at = ?"
                        + " WHERE id = ? AND status IN ('QUEUED', 'RUNNING')")) {
            ps.setString(1, status.name());
            ps.setDouble(2, progress);
            ps.setString(3, message);
            ps.setString(4, modelVersion);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setLong(6, Long.parseLong(id));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public int failActive(String message, Instant now) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("UPDATE training_job SET status = 'FAILED', message = ?, updated_at = ?"
                        + " WHERE status IN ('QUEUED', 'RUNNING')")) {
            ps.setString(1, message);
            ps.setTimestamp(2, Timestamp.from(now));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static TrainingJob read(ResultSet rs) throws SQLException {
        return new TrainingJob(Long.toString(rs.getLong(1)), JobStatus.valueOf(rs.getString(2)), rs.getDouble(3),
                rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
    }

    static RuntimeException failure(SQLException e) {
        if (e instanceof SQLTransientException || (e.getSQLState() != null && e.getSQLState().startsWith("08"))) {
            return new ForecastStoreUnavailable(e.getMessage(), e);
        }
        return new IllegalStateException("database error: " + e.getMessage(), e);
    }
}
