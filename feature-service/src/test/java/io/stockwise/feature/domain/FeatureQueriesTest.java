package io.stockwise.feature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockwise.commons.error.StockwiseException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureQueriesTest {
    private static final SeriesId S = new SeriesId("SKU1", "STORE1");

    private final InMemoryDemandStore store = new InMemoryDemandStore();
    private final List<DailyPrice> prices = new ArrayList<>();
    private final Set<LocalDate> trading = new HashSet<>();
    private final FeatureQueries queries = new FeatureQueries(store, new FeatureSource() {
        @Override
        public List<DailyPrice> dailyPrices(SeriesId series, LocalDate from, LocalDate to) {
            return prices.stream().filter(p -> !p.date().isBefore(from) && !p.date().isAfter(to)).toList();
        }

        @Override
        public Set<LocalDate> tradingDays(LocalDate from, LocalDate to) {
            return Set.copyOf(trading.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).toList());
        }

        @Override
        public List<CalendarEntry> calendar(String locationId, LocalDate from, LocalDate to) {
            return List.of();
        }
    });

    private static LocalDate jan(int day) {
        return LocalDate.of(2024, 1, day);
    }

    private void sale(LocalDate d, double quantity, double price) {
        store.put(S, d, quantity);
        prices.add(new DailyPrice(d, price, false));
        trading.add(d);
    }

    @Test
    void oneRowPerDayAndNothingAfterTheLastDayMatters() {
        sale(jan(1), 2, 10);
        sale(jan(3), 4, 8);
        var before = queries.features(S, Optional.of(jan(1)), jan(5));
        assertThat(before).extracting(FeatureRow::date).containsExactly(jan(1), jan(2), jan(3), jan(4), jan(5));

        sale(jan(6), 100, 1);
        sale(jan(20), 50, 2);
        assertThat(queries.features(S, Optional.of(jan(1)), jan(5))).isEqualTo(before);
        assertThat(queries.features(S, Optional.empty(), jan(5))).containsExactly(before.get(4));
    }

    @Test
    void noDemandOnOrBeforeTheEndIsNotFound() {
        sale(jan(3), 1, 1);
        assertThatThrownBy(() -> queries.features(S, Optional.empty(), jan(2))).isInstanceOf(SeriesNotFound.class);
        assertThatThrownBy(() -> queries.features(new SeriesId("X", "Y"), Optional.empty(), jan(2)))
                .isInstanceOf(SeriesNotFound.class);
    }

    @Test
    void rejectsReversedAndTooLongRanges() {
        sale(jan(1), 1, 1);
        assertThatThrownBy(() -> queries.features(S, Optional.of(jan(3)), jan(2)))
                .isInstanceOf(StockwiseException.class).hasMessageContaining("start_date");
        assertThatThrownBy(() -> queries.features(S, Optional.of(jan(1)), jan(1).plusDays(FeatureQueries.MAX_FEATURE_DAYS)))
                .isInstanceOf(StockwiseException.class);
        assertThat(queries.features(S, Optional.of(jan(1)), jan(1).plusDays(FeatureQueries.MAX_FEATURE_DAYS - 1)))
                .hasSize(FeatureQueries.MAX_FEATURE_DAYS);
    }
}
