package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stockwise.commons.error.FieldViolation;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Bad costs, impossible service targets, empty distributions, MOQs off the case pack: each named. */
class ExtendedValidationTest {
    private static ReplenishmentItem item(double csl, long pack, double moq, ItemOptions options) {
        return new ReplenishmentItem(new SeriesId("A", "s"), new StockPosition(1, 0, 0), 2, 1, csl, pack, moq, 1,
                Optional.of(Forecasts.deterministic(1, 1, 1, 1, 1, 1, 1, 1)), options);
    }

    private static ItemOptions options(double holding, double rate, double penalty, double fill) {
        return new ItemOptions(List.of(), 0, Optional.empty(), holding, rate, penalty, fill, 0, 0, List.of());
    }

    private static List<FieldViolation> violations(PlanRequest request) {
        var e = catchThrowableOfType(InvalidPlanRequest.class, () -> PlanRequestValidator.validate(request));
        assertThat(e).as("expected the request to be refused").isNotNull();
        return e.violations();
    }

    private static List<FieldViolation> violations(ReplenishmentItem item) {
        return violations(PlanRequest.of(List.of(item)));
    }

    @Test
    void refusesNegativeCosts() {
        assertThat(violations(item(0, 1, 0, options(-1, -0.1, -5, 0)))).extracting(FieldViolation::field)
                .contains("items[0].holding_cost_per_unit_day", "items[0].annual_holding_rate", "items[0].shortage_penalty");
    }

    @Test
    void refusesServiceTargetsOfOneOrMore() {
        assertThat(violations(item(0, 1, 0, options(0, 0, 0, 1)))).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("items[0].target_fill_rate"));
        assertThat(violations(item(1, 1, 0, ItemOptions.NONE))).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("items[0].target_cycle_service_level"));
    }

    @Test
    void refusesTwoWaysOfSettingTheServiceLevel() {
        assertThat(violations(item(0.9, 1, 0, options(0, 0, 5, 0)))).extracting(FieldViolation::field)
                .containsExactly("items[0].target_cycle_service_level");
        assertThat(violations(item(0.9, 1, 0, options(0, 0, 0, 0.9)))).extracting(FieldViolation::field)
                .containsExactly("items[0].target_fill_rate");
    }

    @Test
    void refusesAnEmptyLeadTimeDistribution() {
        var empty = new ItemOptions(List.of(), 0, Optional.of(List.of()), 0, 0, 0, 0, 0, 0, List.of());
        assertThat(violations(item(0, 1, 0, empty))).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("items[0].lead_time_distribution.points");
            assertThat(v.reason()).isEqualTo("REQUIRED");
        });
        var notOne = new ItemOptions(List.of(), 0, Optional.of(List.of(new ItemOptions.LeadTimePoint(1, 0.3))), 0, 0, 0, 0,
                0, 0, List.of());
        assertThat(violations(item(0, 1, 0, notOne))).extracting(FieldViolation::field)
                .containsExactly("items[0].lead_time_distribution.points");
    }

    @Test
    void refusesAMinimumOrderOffTheCasePackOnlyWhenAsked() {
        var item = item(0, 6, 10, ItemOptions.NONE);
        PlanRequestValidator.validate(PlanRequest.of(List.of(item)));
        assertThat(violations(new PlanRequest(List.of(item), List.of(), true, Optional.empty()))).singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("items[0].min_order_quantity");
                    assertThat(v.reason()).isEqualTo("NOT_CASE_PACK_MULTIPLE");
                });
        PlanRequestValidator.validate(new PlanRequest(List.of(item(0, 6, 12, ItemOptions.NONE)), List.of(), true,
                Optional.empty()));
    }

    @Test
    void refusesUnknownGroupsBadGroupsAndImpossibleMaximumOrders() {
        var options = new ItemOptions(List.of(new OpenOrder(-1, Optional.empty())), 0, Optional.empty(), 0, 0, 0, 0, 5, -1,
                List.of("nope"));
        var request = new PlanRequest(List.of(item(0, 6, 0, options)), List.of(new ConstraintGroup("g",
                OptionalDouble.of(-1), OptionalDouble.empty()), new ConstraintGroup("g", OptionalDouble.empty(),
                OptionalDouble.empty())), false, Optional.empty());
        assertThat(violations(request)).extracting(FieldViolation::field).containsExactlyInAnyOrder(
                "constraint_groups[0].budget", "constraint_groups[1].id", "items[0].open_orders[0].quantity",
                "items[0].open_orders[0].arrival_date", "items[0].unit_volume", "items[0].max_order_quantity",
                "items[0].constraint_group_ids[0]");
    }
}
