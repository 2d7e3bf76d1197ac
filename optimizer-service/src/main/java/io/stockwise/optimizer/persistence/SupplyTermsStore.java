package io.stockwise.optimizer.persistence;

import io.stockwise.optimizer.domain.ItemOptions;
import io.stockwise.optimizer.domain.SeriesId;
import io.stockwise.optimizer.domain.SupplyTerms;
import io.stockwise.optimizer.domain.SupplyTermsSource;
import io.stockwise.proto.v1.SupplyTermsRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The supply terms from {@code stockwise.supply.v1} ({@code supply_terms}): upserts on the consumer's
 * connection, and lookups by series for plans.
 */
@ApplicationScoped
public class SupplyTermsStore implements SupplyTermsSource {
    /** Location id of terms that hold for every location. */
    public static final String EVERY_LOCATION = "*";

    private final DataSource dataSource;

    public SupplyTermsStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Keeps the terms unless newer ones are stored for the same SKU, supplier and location. */
    public static void upsert(Connection c, SupplyTermsRecord t, Instant ingestTime) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO supply_terms (sku_id, location_id, supplier_id, lead_time_mean_days, lead_time_sd_days,
                    lead_time_days, lead_time_probabilities, review_period_days, min_order_quantity, case_pack,
                    unit_cost, order_cost, currency_code, ingest_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (sku_id, location_id, supplier_id) DO UPDATE SET
                    lead_time_mean_days = EXCLUDED.lead_time_mean_days, lead_time_sd_days = EXCLUDED.lead_time_sd_days,
                    lead_time_days = EXCLUDED.lead_time_days, lead_time_probabilities = EXCLUDED.lead_time_probabilities,
                    review_period_days = EXCLUDED.review_period_days, min_order_quantity = EXCLUDED.min_order_quantity,
                    case_pack = EXCLUDED.case_pack, unit_cost = EXCLUDED.unit_cost, order_cost = EXCLUDED.order_cost,
                    currency_code = EXCLUDED.currency_code, ingest_time = EXCLUDED.ingest_time
                WHERE supply_terms.ingest_time <= EXCLUDED.ingest_time""")) {
            ps.setString(1, t.getSkuId());
            ps.setString(2, t.getLocationId().isEmpty() ? EVERY_LOCATION : t.getLocationId());
            ps.setString(3, t.getSupplierId());
            ps.setDouble(4, t.getLeadTimeMeanDays());
            ps.setDouble(5, t.getLeadTimeSdDays());
            var days = new Integer[t.getLeadTimeDistributionCount()];
            var probabilities = new Double[days.length];
            for (int i = 0; i < days.length; i++) {
                days[i] = t.getLeadTimeDistribution(i).getDays();
                probabilities[i] = t.getLeadTimeDistribution(i).getProbability();
            }
            ps.setArray(6, c.createArrayOf("int4", days));
            ps.setArray(7, c.createArrayOf("float8", probabilities));
            ps.setInt(8, t.getReviewPeriodDays());
            ps.setDouble(9, t.getMinOrderQuantity());
            ps.setDouble(10, t.getCasePack());
            ps.setDouble(11, t.getUnitCost());
            ps.setDouble(12, t.getOrderCost());
            ps.setString(13, t.getCurrencyCode());
            ps.setTimestamp(14, Timestamp.from(ingestTime));
            ps.executeUpdate();
        }
    }

    @Override
    public Map<SeriesId, SupplyTerms> find(Collection<SeriesId> series) {
        try (var c = dataSource.getConnection()) {
            return find(c, series);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read supply terms", e);
        }
    }

    /** As {@link #find(Collection)}, on the caller's connection. */
    public static Map<SeriesId, SupplyTerms> find(Connection c, Collection<SeriesId> series) throws SQLException {
        var out = new HashMap<SeriesId, SupplyTerms>();
        if (series.isEmpty()) {
            return out;
        }
        var skus = series.stream().map(SeriesId::skuId).toArray(String[]::new);
        var locations = series.stream().map(SeriesId::locationId).toArray(String[]::new);
        try (var ps = c.prepareStatement("""
                SELECT DISTINCT ON (k.sku_id, k.location_id) k.sku_id, k.location_id, t.supplier_id,
                    t.lead_time_mean_days, t.lead_time_sd_days, t.lead_time_days, t.lead_time_probabilities,
                    t.review_period_days, t.min_order_quantity, t.case_pack, t.unit_cost, t.order_cost
                FROM unnest(?::text[], ?::text[]) AS k(sku_id, location_id)
                JOIN supply_terms t ON t.sku_id = k.sku_id AND t.location_id IN (k.location_id, '*')
                ORDER BY k.sku_id, k.location_id, (t.location_id = '*'), t.ingest_time DESC, t.supplier_id""")) {
            ps.setArray(1, c.createArrayOf("text", skus));
            ps.setArray(2, c.createArrayOf("text", locations));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var days = (Integer[]) rs.getArray(6).getArray();
                    var probabilities = (Double[]) rs.getArray(7).getArray();
                    var points = new ArrayList<ItemOptions.LeadTimePoint>();
                    for (int i = 0; i < days.length; i++) {
                        points.add(new ItemOptions.LeadTimePoint(days[i], probabilities[i]));
                    }
                    out.put(new SeriesId(rs.getString(1), rs.getString(2)), new SupplyTerms(rs.getString(3),
                            rs.getDouble(4), rs.getDouble(5), points, rs.getInt(8), rs.getDouble(9), rs.getDouble(10),
                            rs.getDouble(11), rs.getDouble(12)));
                }
            }
        }
        return out;
    }
}
