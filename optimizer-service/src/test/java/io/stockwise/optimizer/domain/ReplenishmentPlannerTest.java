package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockwise.commons.error.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplenishmentPlannerTest {
    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

    private final Map<SeriesId, DemandForecast> known = new HashMap<>();
    private final List<List<SeriesId>> requests = new ArrayList<>();
    private final List<Integer> horizons = new ArrayList<>();
    private final List<Plan> saved = new ArrayList<>();
    private final ForecastSource source = (series, horizon) -> {
        requests.add(series);
        horizons.add(horizon);
        var out = new HashMap<SeriesId, DemandForecast>();
        series.forEach(s -> {
            if (known.containsKey(s)) {
                out.put(s, known.get(s));
            }
        });
        return out;
    };
    private final ReplenishmentPlanner planner = new ReplenishmentPlanner(source, saved::add,
            new OrderUpToPolicy(new MonteCarloDemandSum()), Clock.fixed(NOW, ZoneOffset.UTC),
            () -> UUID.fromString("00000000-0000-0000-0000-000000000001"));

    private static ReplenishmentItem item(String sku, int lead, int review, Optional<DemandForecast> forecast) {
        return new ReplenishmentItem(new SeriesId(sku, "s"), new StockPosition(5, 0, 0), lead, review, 0, 0, 0, 2,
                forecast);
    }

    @Test
    void fetchesOnlyMissingForecastsInOneCallAndKeepsRequestOrder() {
        known.put(new SeriesId("B", "s"), Forecasts.deterministic(4, 4, 4, 4, 4, 4, 4, 4, 4, 4));
        known.put(new SeriesId("D", "s"), Forecasts.deterministic(1, 1, 1));
        var items = List.of(item("A", 1, 1, Optional.of(Forecasts.deterministic(3, 3))), item("B", 6, 3, Optional.empty()),
                item("C", 2, 0, Optional.of(Forecasts.deterministic(2, 2, 2))), item("D", 2, 1, Optional.empty()));

        var plan = planner.plan(items);

        assertThat(requests).containsExactly(List.of(new SeriesId("B", "s"), new SeriesId("D", "s")));
        // one call for the longest protection interval fetched: B's L + R = 6 + 3 days (D needs 2 + 1)
        assertThat(horizons).containsExactly(9);
        assertThat(plan.lines()).extracting(l -> l.series().skuId()).containsExactly("A", "B", "C", "D");
        // deterministic forecasts: S = daily demand x (L + R), R = 0 meaning 1; every position is 5
        // A 3 x (1 + 1) = 6, B 4 x (6 + 3) = 36, C 2 x (2 + 1) = 6, D 1 x (2 + 1) = 3; order max(0, S - 5)
        assertThat(plan.lines()).extracting(PlanLine::orderUpToLevel).containsExactly(6.0, 36.0, 6.0, 3.0);
        assertThat(plan.lines()).extracting(PlanLine::orderQuantity).containsExactly(1.0, 31.0, 1.0, 0.0);
        assertThat(plan.lines().get(2).reviewPeriodDays()).isEqualTo(1);
        assertThat(plan.createTime()).isEqualTo(NOW);
        assertThat(saved).containsExactly(plan);
    }

    @Test
    void doesNotCallForecastServiceWhenEveryForecastIsGiven() {
        planner.plan(List.of(item("A", 1, 1, Optional.of(Forecasts.deterministic(3, 3)))));
        assertThat(requests).isEmpty();
    }

    @Test
    void failsWithNotFoundWhenNoForecastCanBeHad() {
        assertThatThrownBy(() -> planner.plan(List.of(item("Z", 1, 1, Optional.empty()))))
                .isInstanceOfSatisfying(SeriesNotFound.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.reason()).isEqualTo("SERIES_NOT_FOUND");
                    assertThat(e.getMessage()).contains("Z/s");
                });
        assertThat(saved).isEmpty();
    }

    @Test
    void refusesAFetchedForecastThatIsTooShort() {
        known.put(new SeriesId("B", "s"), Forecasts.deterministic(1, 1));
        assertThatThrownBy(() -> planner.plan(List.of(item("B", 4, 1, Optional.empty()))))
                .isInstanceOfSatisfying(ForecastUnusable.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));
    }

    @Test
    void validatesBeforeFetching() {
        var bad = new ReplenishmentItem(new SeriesId("A", "s"), new StockPosition(-1, 0, 0), 1, 1, 0, 0, 0, 0,
                Optional.empty());
        assertThatThrownBy(() -> planner.plan(List.of(bad))).isInstanceOf(InvalidPlanRequest.class);
        assertThat(requests).isEmpty();
    }

    @Test
    void plansLargeRequestsInParallelWithTheSameAnswers() {
        var items = new ArrayList<ReplenishmentItem>();
        for (int i = 0; i < 200; i++) {
            items.add(item("P" + i, i % 5, 2, Optional.of(Forecasts.normal(7, 10 + i % 7, 3, Forecasts.DECILES))));
        }
        var plan = planner.plan(items);
        for (int i = 0; i < 200; i += 37) {
            var alone = planner.plan(List.of(items.get(i)));
            assertThat(plan.lines().get(i)).isEqualTo(alone.lines().get(0));
        }
    }
}
