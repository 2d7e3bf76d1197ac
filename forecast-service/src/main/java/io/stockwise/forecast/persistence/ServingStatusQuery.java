package io.stockwise.forecast.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Reads what monitoring reports about serving: the newest stored forecast run and the champion's backtest. */
public final class ServingStatusQuery {
    private ServingStatusQuery() {}

    /**
     * The serving state.
     *
     * @param newestForecast when the newest forecast run was stored; empty when none is
     * @param champion the serving champion; empty when none
     */
    public record Status(Optional<Instant> newestForecast, Optional<Champion> champion) {}

    /**
     * The serving champion and its own backtest score (candidate {@code champion}, else its model's row).
     *
     * @param model its model name
     * @param version its version
     * @param wrmsse backtest WRMSSE; NaN when not recorded
     * @param wspl backtest WSPL; NaN when not recorded
     */
    public record Champion(String model, String version, double wrmsse, double wspl) {}

    public static Status read(Connection c) throws SQLException {
        Optional<Instant> newest = Optional.empty();
        try (var ps = c.prepareStatement("SELECT max(created_at) FROM forecast_run"); var rs = ps.executeQuery()) {
            if (rs.next() && rs.getTimestamp(1) != null) {
                newest = Optional.of(rs.getTimestamp(1).toInstant());
            }
        }
        Optional<Champion> champion = Optional.empty();
        try (var ps = c.prepareStatement("SELECT v.model, v.version, m.wrmsse, m.wspl FROM model_version v"
                + " LEFT JOIN model_metric m ON m.model_version_id = v.id AND m.candidate IN ('champion', v.model)"
                + " WHERE v.champion ORDER BY v.id DESC, (m.candidate = 'champion') DESC LIMIT 1");
                var rs = ps.executeQuery()) {
            if (rs.next()) {
                double wrmsse = rs.getDouble(3);
                wrmsse = rs.wasNull() ? Double.NaN : wrmsse;
                double wspl = rs.getDouble(4);
                wspl = rs.wasNull() ? Double.NaN : wspl;
                champion = Optional.of(new Champion(rs.getString(1), rs.getString(2), wrmsse, wspl));
            }
        }
        return new Status(newest, champion);
    }
}
