package io.stockwise.forecast.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.commons.error.FieldViolation;
import io.stockwise.forecast.core.Bucket;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BucketForecastTest {
    private static final Instant NOW = Instant.parse("2011-12-01T08:00:00Z");
    private static final SeriesId A = new SeriesId("A1", "default");
    private static final LocalDate MONDAY = LocalDate.of(2011, 10, 3);

    private final Map<SeriesId, DemandHistory> histories = new HashMap<>();
    private final List<ForecastRun> stored = new ArrayList<>();
    private final ForecastPlanner planner = new ForecastPlanner((id, asOf) -> Optional.ofNullable(histories.get(id)),
            stored::add, (model, series, nanos) -> { }, Clock.fixed(NOW, ZoneOffset.UTC),
            List.of(new SeasonalNaiveForecaster()), "seasonal_naive");

    private void put(LocalDate start, double... perDay) {
        histories.put(A, new DemandHistory(A, start, perDay));
    }

    private static double[] constant(int days, double v) {
        var q = new double[days];
        java.util.Arrays.fill(q, v);
        return q;
    }

    @Test
    void sumsDaysIntoCompleteIsoWeeksAndForecastsThePartialWeekWhole() {
        // 50 days from Monday 2011-10-03: seven complete weeks, then Monday 2011-11-21 alone.
        put(MONDAY, constant(50, 2));
        var f = planner.forecast(new ForecastQuery(List.of(A), 0, Optional.empty(), "seasonal_naive", List.of(0.9, 0.1),
                Bucket.WEEK, 4)).get(0);
        // The partial week is not history: as of the Sunday before it, and it is the first week forecast.
        assertThat(f.asOfDate()).isEqualTo(LocalDate.of(2011, 11, 20));
        assertThat(f.days()).extracting(ForecastDay::date).containsExactly(LocalDate.of(2011, 11, 21),
                LocalDate.of(2011, 11, 28), LocalDate.of(2011, 12, 5), LocalDate.of(2011, 12, 12));
        assertThat(f.quantileLevels()).containsExactly(0.1, 0.9);
        // Every complete week sold 14; seven weeks are too few for a 52-week season: the naive rule.
        assertThat(f.days()).allSatisfy(d -> {
            assertThat(d.mean()).isCloseTo(14, within(1e-9));
            assertThat(d.quantiles()).containsExactly(14, 14);
        });
        assertThat(f.modelVersion()).isEqualTo("seasonal_naive-week-1");
        // Weekly forecasts are neither stored nor published.
        assertThat(stored).isEmpty();
    }

    @Test
    void monthlyForecastsDefaultToTsbAndTwelveMonths() {
        // 2011-01-01 to 2011-10-31, one unit every fifth day.
        var q = new double[304];
        for (int i = 0; i < q.length; i += 5) {
            q[i] = 1;
        }
        put(LocalDate.of(2011, 1, 1), q);
        var f = planner.forecast(new ForecastQuery(List.of(A), 0, Optional.of(LocalDate.of(2011, 10, 31)), "", List.of(),
                Bucket.MONTH, 0)).get(0);
        assertThat(f.model()).isEqualTo("tsb");
        assertThat(f.asOfDate()).isEqualTo(LocalDate.of(2011, 10, 31));
        assertThat(f.days()).hasSize(12);
        assertThat(f.days().get(0).date()).isEqualTo(LocalDate.of(2011, 11, 1));
        assertThat(f.days().get(11).date()).isEqualTo(LocalDate.of(2012, 10, 1));
        assertThat(f.quantileLevels()).isEqualTo(QuantileLevels.STANDARD);
        // About six units a month.
        assertThat(f.days().get(0).mean()).isBetween(5.0, 7.0);
    }

    @Test
    void dailyForecastsComeAtTheRequestedLevels() {
        put(MONDAY, constant(40, 3));
        histories.put(A, new DemandHistory(A, MONDAY, java.util.stream.IntStream.range(0, 40)
                .mapToDouble(i -> i % 7 == 2 ? 9 : i % 3).toArray()));
        var nine = planner.forecast(new ForecastQuery(List.of(A), 7, Optional.empty(), "")).get(0);
        var f = planner.forecast(new ForecastQuery(List.of(A), 7, Optional.empty(), "", List.of(0.999, 0.5, 0.9),
                Bucket.DAY, 0)).get(0);
        assertThat(f.quantileLevels()).containsExactly(0.5, 0.9, 0.999);
        for (int d = 0; d < 7; d++) {
            var q9 = nine.days().get(d);
            var q = f.days().get(d);
            assertThat(q.quantile(0)).isEqualTo(q9.quantile(4));
            assertThat(q.quantile(2)).isGreaterThanOrEqualTo(q9.quantile(8));
            assertThat(q.mean()).isEqualTo(q9.mean());
        }
    }

    @Test
    void namesEveryBadLevelBucketAndHorizonField() {
        put(MONDAY, constant(50, 2));
        assertThat(violations(new ForecastQuery(List.of(A), 0, Optional.empty(), "", List.of(0.0, 0.5, 0.5, 1.2),
                Bucket.DAY, 0))).containsExactly(
                new FieldViolation("quantile_levels[0]", "OUT_OF_RANGE", "must be strictly between 0 and 1, was 0.0"),
                new FieldViolation("quantile_levels[2]", "DUPLICATE", "repeats quantile_levels[1] (0.5)"),
                new FieldViolation("quantile_levels[3]", "OUT_OF_RANGE", "must be strictly between 0 and 1, was 1.2"));
        var hundred = java.util.stream.IntStream.range(1, 101).mapToObj(i -> i / 101.0).toList();
        assertThat(violations(new ForecastQuery(List.of(A), 0, Optional.empty(), "", hundred, Bucket.DAY, 0)))
                .extracting(FieldViolation::field).containsExactly("quantile_levels");
        assertThat(planner.forecast(new ForecastQuery(List.of(A), 1, Optional.empty(), "", hundred.subList(0, 99),
                Bucket.DAY, 0)).get(0).quantileLevels()).hasSize(99);
        assertThat(violations(new ForecastQuery(List.of(A), 7, Optional.empty(), "weekday_ma", List.of(), Bucket.WEEK, 105)))
                .extracting(FieldViolation::field, FieldViolation::reason).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("model", "UNKNOWN_MODEL"),
                        org.assertj.core.groups.Tuple.tuple("horizon_days", "NOT_FOR_BUCKET"),
                        org.assertj.core.groups.Tuple.tuple("horizon_buckets", "OUT_OF_RANGE"));
        assertThat(violations(new ForecastQuery(List.of(A), 0, Optional.empty(), "", List.of(), Bucket.DAY, 3)))
                .extracting(FieldViolation::field).containsExactly("horizon_buckets");
        assertThat(violations(new ForecastQuery(List.of(A), 0, Optional.empty(), "", List.of(), Bucket.MONTH, 37)))
                .extracting(FieldViolation::field).containsExactly("horizon_buckets");
    }

    private List<FieldViolation> violations(ForecastQuery query) {
        try {
            planner.forecast(query);
        } catch (InvalidForecastRequest e) {
            return e.violations();
        }
        return Collections.emptyList();
    }
}
