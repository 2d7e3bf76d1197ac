package io.stockwise.commons.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValidatorTest {
    @Test
    void collectsEveryViolation() {
        var v = new Validator()
                .requireText("series.sku_id", "", 64)
                .requireRange("quantity", Double.NaN, 0, 10)
                .requireRange("lead_time_days", 400L, 0L, 365L)
                .requireOpenRange("target_cycle_service_level", 1.0, 0, 1)
                .maxLength("order_id", "x".repeat(65), 64);

        assertThat(v.violations()).extracting(f -> f.field() + ":" + f.reason()).containsExactly(
                "series.sku_id:REQUIRED", "quantity:NOT_FINITE", "lead_time_days:OUT_OF_RANGE",
                "target_cycle_service_level:OUT_OF_RANGE", "order_id:TOO_LONG");
        assertThatThrownBy(v::throwIfInvalid).isInstanceOfSatisfying(StockwiseException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).startsWith("series.sku_id: is required (and 4 more)");
        });
    }

    @Test
    void validValuesPass() {
        var v = new Validator().requireText("a", "ok", 2).requireRange("b", 0.5, 0, 1).requireOpenRange("c", 0.95, 0, 1);
        assertThat(v.isValid()).isTrue();
        v.throwIfInvalid();
    }

    @Test
    void violationPathsNestUnderAPrefix() {
        assertThat(new FieldViolation("sku_id", "REQUIRED", "is required").under("items[3].series.").field())
                .isEqualTo("items[3].series.sku_id");
    }
}
