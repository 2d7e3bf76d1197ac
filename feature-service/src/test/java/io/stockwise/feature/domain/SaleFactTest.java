package io.stockwise.feature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.StockwiseException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SaleFactTest {
    private static final LocalDate DAY = LocalDate.of(2024, 1, 1);

    private static SaleFact line(SaleKind kind, double quantity, double price) {
        return SaleFact.of("e1", "SKU", "LOC", DAY, quantity, price, kind, null);
    }

    @Test
    void saleWithPositiveQuantityAndPriceIsDemand() {
        assertThat(line(SaleKind.SALE, 3, 2.5).isDemand()).isTrue();
    }

    @Test
    void cancellationsReturnsAdjustmentsAndUnknownKindsAreNotDemand() {
        assertThat(line(SaleKind.CANCELLATION, 3, 2.5).isDemand()).isFalse();
        assertThat(line(SaleKind.RETURN, 3, 2.5).isDemand()).isFalse();
        assertThat(line(SaleKind.ADJUSTMENT, 3, 2.5).isDemand()).isFalse();
        assertThat(line(SaleKind.UNKNOWN, 3, 2.5).isDemand()).isFalse();
    }

    @Test
    void zeroOrNegativePriceIsNotDemand() {
        assertThat(line(SaleKind.SALE, 3, 0).isDemand()).isFalse();
        assertThat(line(SaleKind.SALE, 3, -1).isDemand()).isFalse();
    }

    @Test
    void zeroOrNegativeQuantityIsNotDemand() {
        assertThat(line(SaleKind.SALE, 0, 2).isDemand()).isFalse();
        assertThat(line(SaleKind.SALE, -2, 2).isDemand()).isFalse();
    }

    @Test
    void rejectsLinesMissingWhatDemandNeeds() {
        assertThatThrownBy(() -> SaleFact.of("", "", "A/B", null, Double.NaN, Double.POSITIVE_INFINITY, SaleKind.SALE, null))
                .isInstanceOfSatisfying(StockwiseException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("event_id", "series.sku_id", "series.location_id", "business_date", "quantity",
                                "unit_price"));
    }
}
