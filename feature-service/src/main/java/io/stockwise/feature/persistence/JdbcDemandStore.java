package io.stockwise.feature.persistence;

import io.stockwise.feature.domain.DailyDemand;
import io.stockwise.feature.domain.DemandStore;
import io.stockwise.feature.domain.SeriesId;
import io.stockwise.feature.domain.SeriesSummary;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;

@ApplicationScoped
public class JdbcDemandStore implements DemandStore {
    private static final String SUMMARY_COLUMNS =
            "sku_id, location_id, first_demand_date, last_demand_date, total_quantity, demand_days";

    private final DataSource dataSource;

    public JdbcDemandStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<SeriesSummary> summary(SeriesId series) {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS
                        + " FROM demand_series WHERE sku_id = ? AND location_id = ?")) {
            ps.setString(1, series.skuId());
            ps.setString(2, series.locationId());
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw PersistenceException.wrap("could not read series " + series, e);
        }
    }

    @Override
    public List<SeriesSummary> summaries(Collection<SeriesId> series) {
        if (series.isEmpty()) {
            return List.of();
        }
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT s.sku_id, s.location_id, s.first_demand_date, s.last_demand_date,"
                        + " s.total_quantity, s.demand_days FROM demand_series s"
                        + " JOIN unnest(?::text[], ?::text[]) AS w(sku_id, location_id)"
                        + " ON s.sku_id = w.sku_id AND s.location_id = w.location_id"
                        + " ORDER BY s.sku_id, s.location_id")) {
            setSeriesArrays(c, ps, 1, series);
            return summaries(ps);
        } catch (SQLException e) {
            throw PersistenceException.wrap("could not read " + series.size() + " series", e);
        }
    }

    @Override
    public List<SeriesSummary> listSeries(Optional<SeriesId> after, int limit) {
        var sql = "SELECT " + SUMMARY_COLUMNS + " FROM demand_series"
                + (after.isPresent() ? " WHERE (sku_id, location_id) > (?, ?)" : "")
                + " ORDER BY sku_id, location_id LIMIT ?";
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            int i = 1;
            if (after.isPresent()) {
                ps.setString(i++, after.get().skuId());
                ps.setString(i++, after.get().locationId());
            }
            ps.setInt(i, limit);
            return summaries(ps);
        } catch (SQLException e) {
            throw PersistenceException.wrap("could not list series", e);
        }
    }

    @Override
    public List<DailyDemand> daily(SeriesId series, LocalDate from, LocalDate to) {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT demand_date, quantity FROM daily_demand"
                        + " WHERE sku_id = ? AND location_id = ? AND demand_date BETWEEN ? AND ? ORDER BY demand_date")) {
            ps.setString(1, series.skuId());
            ps.setString(2, series.locationId());
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
            var rows = new ArrayList<DailyDemand>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DailyDemand(rs.getDate(1).toLocalDate(), rs.getDouble(2)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw PersistenceException.wrap("could not read the demand of " + series, e);
        }
    }

    @Override
    public void scanDaily(Collection<SeriesId> series, Optional<LocalDate> to, DailySink sink) {
        if (series.isEmpty()) {
            return;
        }
        // The key range of the wanted series bounds the scan to a primary-key range: without it the
        // planner may hash-join the whole table once per batch of a catalog-wide stream.
        var sql = "SELECT d.sku_id, d.location_id, d.demand_date, d.quantity FROM daily_demand d"
                + " JOIN unnest(?::text[], ?::text[]) AS w(sku_id, location_id)"
                + " ON d.sku_id = w.sku_id AND d.location_id = w.location_id"
                + " WHERE (d.sku_id, d.location_id) >= (?, ?) AND (d.sku_id, d.location_id) <= (?, ?)"
                + (to.isPresent() ? " AND d.demand_date <= ?" : "")
                + " ORDER BY d.sku_id, d.location_id, d.demand_date";
        var sorted = new TreeSet<>(series);
        try (var c = dataSource.getConnection()) {
            // A cursor (fetch size inside a transaction) keeps long histories out of memory.
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement(sql)) {
                setSeriesArrays(c, ps, 1, series);
                ps.setString(3, sorted.first().skuId());
                ps.setString(4, sorted.first().locationId());
                ps.setString(5, sorted.last().skuId());
                ps.setString(6, sorted.last().locationId());
                to.ifPresent(d -> setDate(ps, 7, d));
                ps.setFetchSize(10_000);
                SeriesId current = null;
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var sku = rs.getString(1);
                        var location = rs.getString(2);
                        if (current == null || !current.skuId().equals(sku) || !current.locationId().equals(location)) {
                            current = new SeriesId(sku, location);
                        }
                        sink.accept(current, rs.getDate(3).toLocalDate(), rs.getDouble(4));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw PersistenceException.wrap("could not read the demand of " + series.size() + " series", e);
        }
    }

    private static void setDate(PreparedStatement ps, int index, LocalDate date) {
        try {
            ps.setDate(index, Date.valueOf(date));
        } catch (SQLException e) {
            throw PersistenceException.wrap("could not bind " + date, e);
        }
    }

    private static void setSeriesArrays(Connection c, PreparedStatement ps, int index, Collection<SeriesId> series)
            throws SQLException {
        var skus = new String[series.size()];
        var locations = new String[series.size()];
        int i = 0;
        for (var s : series) {
            skus[i] = s.skuId();
            locations[i++] = s.locationId();
        }
        ps.setArray(index, c.createArrayOf("text", skus));
        ps.setArray(index + 1, c.createArrayOf("text", locations));
    }

    private static List<SeriesSummary> summaries(PreparedStatement ps) throws SQLException {
        var rows = new ArrayList<SeriesSummary>();
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(summary(rs));
            }
        }
        return rows;
    }

    private static SeriesSummary summary(ResultSet rs) throws SQLException {
        return new SeriesSummary(new SeriesId(rs.getString(1), rs.getString(2)), rs.getDate(3).toLocalDate(),
                rs.getDate(4).toLocalDate(), rs.getDouble(5), rs.getInt(6));
    }
}
