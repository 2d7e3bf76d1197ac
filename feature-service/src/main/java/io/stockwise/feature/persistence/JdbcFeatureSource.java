package io.stockwise.feature.persistence;

import io.stockwise.feature.domain.CalendarEntry;
import io.stockwise.feature.domain.CalendarKind;
import io.stockwise.feature.domain.DailyPrice;
import io.stockwise.feature.domain.FeatureSource;
import io.stockwise.feature.domain.SeriesId;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

@ApplicationScoped
public class JdbcFeatureSource implements FeatureSource {
    // Demand lines only (counted): the price the demand was bought at, weighted by units.
    private static final String PRICES = """
            SELECT business_date, sum(quantity * unit_price) / sum(quantity), bool_or(on_promotion)
              FROM sale_event
             WHERE sku_id = ? AND location_id = ? AND counted AND business_date BETWEEN ? AND ?
             GROUP BY business_date
             ORDER BY business_date
            """;

    private static final String CALENDAR = """
            SELECT event_date, location_id, kind, name, trading_day
              FROM calendar_event
             WHERE location_id IN (?, '') AND event_date BETWEEN ? AND ?
            """;

    private final DataSource dataSource;

    public JdbcFeatureSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<DailyPrice> dailyPrices(SeriesId series, LocalDate from, LocalDate to) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(PRICES)) {
            ps.setString(1, series.skuId());
            ps.setString(2, series.locationId());
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
            var rows = new ArrayList<DailyPrice>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DailyPrice(rs.getDate(1).toLocalDate(), rs.getDouble(2), rs.getBoolean(3)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw PersistenceException.wrap("could not read the prices of " + series, e);
        }
    }

    @Override
    public Set<LocalDate> tradingDays(LocalDate from, LocalDate to) {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT demand_date FROM demand_day WHERE demand_date BETWEEN ? AND ?")) {
            ps.setDate(1, Date.valueOf(from));
            ps.setDate(2, Date.valueOf(to));
            var days = new HashSet<LocalDate>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(rs.getDate(1).toLocalDate());
                }
            }
            return days;
        } catch (SQLException e) {
            throw PersistenceException.wrap("could not read the trading days", e);
        }
    }

    @Override
    public List<CalendarEntry> calendar(String locationId, LocalDate from, LocalDate to) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(CALENDAR)) {
            ps.setString(1, locationId);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            var entries = new ArrayList<CalendarEntry>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new CalendarEntry(rs.getDate(1).toLocalDate(), rs.getString(2),
                            CalendarKind.valueOf(rs.getString(3)), rs.getString(4), rs.getBoolean(5)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw PersistenceException.wrap("could not read the calendar of " + locationId, e);
        }
    }
}
