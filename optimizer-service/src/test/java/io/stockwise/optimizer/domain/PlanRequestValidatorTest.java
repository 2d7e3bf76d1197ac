package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.FieldViolation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanRequestValidatorTest {
    static ReplenishmentItem item(String sku) {
        return new ReplenishmentItem(new SeriesId(sku, "store-1"), new StockPosition(10, 0, 0), 3, 2, 0.95, 6, 0, 1.5,
                Optional.of(Forecasts.deterministic(1, 1, 1, 1, 1)));
    }

    private static List<FieldViolation> violations(List<ReplenishmentItem> items) {
        var e = catchThrowableOfType(InvalidPlanRequest.class, () -> PlanRequestValidator.validate(items));
        assertThat(e).as("expected an invalid request").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.reason()).isEqualTo("INVALID_ARGUMENT");
        return e.violations();
    }

    private static List<String> fields(List<ReplenishmentItem> items) {
        return violations(items).stream().map(FieldViolation::field).toList();
    }

    @Test
    void acceptsAValidRequestAndItsDefaults() {
        var defaults = new ReplenishmentItem(new SeriesId("A", "B"), new StockPosition(0, 0, 0), 0, 0, 0, 0, 0, 0,
                Optional.empty());
        assertThatCode(() -> PlanRequestValidator.validate(List.of(item("X"), defaults))).doesNotThrowAnyException();
        var terms = defaults.terms();
        // the documented defaults (README): review 1 day, CSL 0.95, case pack 1
        assertThat(terms.reviewPeriodDays()).isEqualTo(1);
        assertThat(terms.cycleServiceLevel()).isEqualTo(0.95);
        assertThat(terms.casePack()).isEqualTo(1);
        assertThat(terms.protectionIntervalDays()).isEqualTo(1);
    }

    @Test
    void namesTheFieldOfAnOutOfRangeServiceLevel() {
        var bad = new ReplenishmentItem(new SeriesId("S", "L"), new StockPosition(0, 0, 0), 1, 1, 1.5, 0, 0, 0,
                Optional.empty());
        var v = violations(List.of(item("A"), item("B"), item("C"), bad));
        assertThat(v).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("items[3].target_cycle_service_level");
            assertThat(f.reason()).isEqualTo("OUT_OF_RANGE");
        });
        for (double csl : new double[] {1.0, -0.1}) {
            var b = new ReplenishmentItem(new SeriesId("S", "L"), new StockPosition(0, 0, 0), 1, 1, csl, 0, 0, 0,
                    Optional.empty());
            assertThat(fields(List.of(b))).containsExactly("items[0].target_cycle_service_level");
        }
    }

    @Test
    void namesEveryBadNumber() {
        var bad = new ReplenishmentItem(new SeriesId("S", "L"), new StockPosition(-1, Double.NaN, Double.POSITIVE_INFINITY),
                366, 400, Double.NaN, -2, -5, -0.5, Optional.empty());
        var v = violations(List.of(bad));
        assertThat(v).extracting(FieldViolation::field).containsExactlyInAnyOrder("items[0].on_hand", "items[0].on_order",
                "items[0].backordered", "items[0].lead_time_days", "items[0].review_period_days",
                "items[0].target_cycle_service_level", "items[0].case_pack", "items[0].min_order_quantity",
                "items[0].unit_cost");
        assertThat(v).filteredOn(f -> f.field().equals("items[0].on_order")).extracting(FieldViolation::reason)
                .containsExactly("NOT_FINITE");
        assertThat(v).filteredOn(f -> f.field().equals("items[0].lead_time_days")).extracting(FieldViolation::description)
                .containsExactly("must be between 0 and 365, was 366");
    }

    @Test
    void requiresSeriesIdsWithoutSlashes() {
        var noSku = new ReplenishmentItem(new SeriesId("", "L"), new StockPosition(0, 0, 0), 1, 1, 0, 0, 0, 0,
                Optional.empty());
        var slash = new ReplenishmentItem(new SeriesId("A", "x/y"), new StockPosition(0, 0, 0), 1, 1, 0, 0, 0, 0,
                Optional.empty());
        var longSku = new ReplenishmentItem(new SeriesId("A".repeat(65), "L"), new StockPosition(0, 0, 0), 1, 1, 0, 0, 0,
                0, Optional.empty());
        assertThat(violations(List.of(noSku, slash, longSku))).extracting(f -> f.field() + " " + f.reason())
                .containsExactly("items[0].series.sku_id REQUIRED", "items[1].series.location_id INVALID_FORMAT",
                        "items[2].series.sku_id TOO_LONG");
    }

    @Test
    void rejectsRepeatedSeries() {
        var v = violations(List.of(item("A"), item("B"), item("A")));
        assertThat(v).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("items[2].series");
            assertThat(f.reason()).isEqualTo("DUPLICATE");
            assertThat(f.description()).contains("items[0]");
        });
    }

    @Test
    void requiresOneToFiftyThousandItems() {
        assertThat(fields(List.of())).containsExactly("items");
        var many = new ArrayList<>(Collections.nCopies(PlanRequestValidator.MAX_ITEMS + 1, item("A")));
        assertThat(violations(many)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("items");
            assertThat(f.reason()).isEqualTo("OUT_OF_RANGE");
        });
    }

    @Test
    void requiresAGivenForecastToCoverTheProtectionInterval() {
        var shortForecast = new ReplenishmentItem(new SeriesId("S", "L"), new StockPosition(0, 0, 0), 5, 2, 0, 0, 0, 0,
                Optional.of(Forecasts.deterministic(1, 1, 1, 1, 1, 1)));
        var v = violations(List.of(shortForecast));
        assertThat(v).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("items[0].forecast.days");
            assertThat(f.description()).contains("7 days").contains("has 6"); // L + R = 5 + 2
        });
    }

    @Test
    void checksQuantileLevelsAndCounts() {
        var days = List.of(new ForecastDay(1, new double[] {1, 2}), new ForecastDay(1, new double[] {1, 2, 3}),
                new ForecastDay(1, new double[] {3, 2}), new ForecastDay(-1, new double[] {1, 2}));
        var unordered = new DemandForecast(Optional.empty(), "m", "1", new double[] {0.5, 0.5}, days);
        var outside = new DemandForecast(Optional.empty(), "m", "1", new double[] {0, 0.5}, days);
        var none = new DemandForecast(Optional.empty(), "m", "1", new double[] {}, List.of(new ForecastDay(1, new double[0])));
        assertThat(fields(List.of(withForecast("A", unordered), withForecast("B", outside), withForecast("C", none))))
                .containsExactly("items[0].forecast.quantile_levels[1]", "items[0].forecast.days[1].quantiles",
                        "items[0].forecast.days[2].quantiles[1]", "items[0].forecast.days[3].mean",
                        "items[1].forecast.quantile_levels[0]", "items[1].forecast.days[1].quantiles",
                        "items[1].forecast.days[2].quantiles[1]", "items[1].forecast.days[3].mean",
                        "items[2].forecast.quantile_levels");
    }

    @Test
    void rejectsAForecastOfAnotherSeries() {
        var f = Forecasts.deterministic(1, 1);
        var other = new DemandForecast(Optional.of(new SeriesId("OTHER", "store-1")), "m", "1", f.quantileLevels(), f.days());
        assertThat(fields(List.of(withForecast("A", other)))).containsExactly("items[0].forecast.series");
    }

    private static ReplenishmentItem withForecast(String sku, DemandForecast forecast) {
        return new ReplenishmentItem(new SeriesId(sku, "store-1"), new StockPosition(0, 0, 0), 0, 1, 0, 0, 0, 0,
                Optional.of(forecast));
    }
}
