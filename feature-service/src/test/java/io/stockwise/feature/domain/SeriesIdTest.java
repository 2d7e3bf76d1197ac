package io.stockwise.feature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.StockwiseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesIdTest {
    @Test
    void keyIsSkuSlashLocation() {
        assertThat(new SeriesId("85123A", "UK").key()).isEqualTo("85123A/UK");
    }

    @Test
    void missingSkuIsNamedUnderTheField() {
        assertThatThrownBy(() -> SeriesId.of("", "UK", "series"))
                .isInstanceOfSatisfying(StockwiseException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("series.sku_id", "REQUIRED", "is required")));
    }

    @Test
    void rejectsSlashesAndLongIds() {
        assertThatThrownBy(() -> SeriesId.of("A/B", "x".repeat(65), "series"))
                .isInstanceOfSatisfying(StockwiseException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field, FieldViolation::reason)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("series.sku_id", "INVALID_FORMAT"),
                                org.assertj.core.groups.Tuple.tuple("series.location_id", "TOO_LONG")));
    }

    @Test
    void ordersBySkuThenLocationByCodePoint() {
        var ids = new ArrayList<>(List.of(new SeriesId("B", "1"), new SeriesId("A-", "1"), new SeriesId("A", "2"),
                new SeriesId("A", "1"), new SeriesId("\uD83D\uDE00", "1"), new SeriesId("\uFFFD", "1")));
        ids.sort(null);
        assertThat(ids).extracting(SeriesId::key)
                .containsExactly("A/1", "A/2", "A-/1", "B/1", "\uFFFD/1", "\uD83D\uDE00/1");
    }
}
