package io.stockwise.optimizer.persistence;

import io.stockwise.optimizer.domain.OpenOrder;
import io.stockwise.optimizer.domain.SeriesId;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest stock position per series ({@code inventory_position}) and the forecasts already
 * re-planned ({@code forecast_replan}); plain JDBC on a connection the caller's transaction owns.
 */
public final class PositionStore {
    private PositionStore() {}

    /**
     * A stored position.
     *
     * @param onHand units on hand
     * @param onOrder units on order not listed in {@code openOrders}
     * @param openOrders open orders with arrival dates
     */
    public record Position(double onHand, double onOrder, List<OpenOrder> openOrders) {}

    /** Keeps the position unless a newer one is stored (same time: the later event wins, idempotently). */
    public static void upsert(Connection c, SeriesId series, double onHand, double onOrder, double[] openQuantities,
            LocalDate[] openArrivals, Instant observeTime, String eventId) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO inventory_position (sku_id, location_id, on_hand, on_order, open_quantities, open_arrivals,
                    observe_time, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (sku_id, location_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, on_order = EXCLUDED.on_order,
                    open_quantities = EXCLUDED.open_quantities, open_arrivals = EXCLUDED.open_arrivals,
                    observe_time = EXCLUDED.observe_time, event_id = EXCLUDED.event_id
                WHERE inventory_position.observe_time <= EXCLUDED.observe_time""")) {
            ps.setString(1, series.skuId());
            ps.setString(2, series.locationId());
            ps.setDouble(3, onHand);
            ps.setDouble(4, onOrder);
            var quantities = new Double[openQuantities.length];
            for (int i = 0; i < quantities.length; i++) {
                quantities[i] = openQuantities[i];
            }
            ps.setArray(5, c.createArrayOf("float8", quantities));
            var dates = new Date[openArrivals.length];
            for (int i = 0; i < dates.length; i++) {
                dates[i] = Date.valueOf(openArrivals[i]);
            }
            ps.setArray(6, c.createArrayOf("date", dates));
            ps.setTimestamp(7, Timestamp.from(observeTime));
            ps.setString(8, eventId);
            ps.executeUpdate();
        }
    }

    /** The stored positions of the series that have one. */
    public static Map<SeriesId, Position> positions(Connection c, Collection<SeriesId> series) throws SQLException {
        var out = new HashMap<SeriesId, Position>();
        if (series.isEmpty()) {
            return out;
        }
        var skus = series.stream().map(SeriesId::skuId).toArray(String[]::new);
        var locations = series.stream().map(SeriesId::locationId).toArray(String[]::new);
        try (var ps = c.prepareStatement("""
                SELECT p.sku_id, p.location_id, p.on_hand, p.on_order, p.open_quantities, p.open_arrivals
                FROM inventory_position p
                JOIN unnest(?::text[], ?::text[]) AS k(sku_id, location_id)
                  ON p.sku_id = k.sku_id AND p.location_id = k.location_id""")) {
            ps.setArray(1, c.createArrayOf("text", skus));
            ps.setArray(2, c.createArrayOf("text", locations));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var quantities = (Double[]) rs.getArray(5).getArray();
                    var arrivals = (Date[]) rs.getArray(6).getArray();
                    var open = new ArrayList<OpenOrder>();
                    for (int i = 0; i < quantities.length; i++) {
                        open.add(new OpenOrder(quantities[i], Optional.of(arrivals[i].toLocalDate())));
                    }
                    out.put(new SeriesId(rs.getString(1), rs.getString(2)), new Position(rs.getDouble(3), rs.getDouble(4), open));
                }
            }
        }
        return out;
    }

    /**
     * Marks forecasts as re-planned; returns, per key, whether this call marked it (false: an earlier
     * delivery already did).
     */
    public static boolean markReplanned(Connection c, SeriesId series, Instant forecastCreateTime, Optional<java.util.UUID> planId)
            throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO forecast_replan (sku_id, location_id, forecast_create_time, plan_id) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            ps.setString(1, series.skuId());
            ps.setString(2, series.locationId());
            ps.setTimestamp(3, Timestamp.from(forecastCreateTime));
            ps.setObject(4, planId.orElse(null));
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether the forecast was re-planned already. */
    public static boolean replanned(Connection c, SeriesId series, Instant forecastCreateTime) throws SQLException {
        try (var ps = c.prepareStatement(
                "SELECT 1 FROM forecast_replan WHERE sku_id = ? AND location_id = ? AND forecast_create_time = ?")) {
            ps.setString(1, series.skuId());
            ps.setString(2, series.locationId());
            ps.setTimestamp(3, Timestamp.from(forecastCreateTime));
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
