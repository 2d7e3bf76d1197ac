package io.stockwise.feature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Feature values against hand-computed ones on a small series, and point-in-time correctness. */
class FeatureCalculatorTest {
    private static final SeriesId S = new SeriesId("SKU1", "STORE1");
    /** Monday 2024-01-01 to Monday 2024-01-08: 2, 0, 4, 0, 0, 6, 0, 2. */
    private static final double[] DEMAND = {2, 0, 4, 0, 0, 6, 0, 2};
    private static final List<DailyPrice> PRICES = List.of(
            new DailyPrice(jan(1), 10, false), new DailyPrice(jan(3), 8, true),
            new DailyPrice(jan(6), 12, false), new DailyPrice(jan(8), 9, false));

    private static LocalDate jan(int day) {
        return LocalDate.of(2024, 1, day);
    }

    private static DemandHistory history(double... values) {
        var b = DemandHistory.builder(S, jan(1), jan(1).plusDays(values.length - 1));
        for (int i = 0; i < values.length; i++) {
            b.add(jan(1).plusDays(i), values[i]);
        }
        return b.build();
    }

    private static FeatureRow row(LocalDate d) {
        return FeatureCalculator.compute(history(DEMAND), d, d, PRICES, Set.of(jan(8)), Set.of()).get(0);
    }

    @Test
    void matchesHandComputedValuesOnTheLastDay() {
        var r = row(jan(8));
        assertThat(r.value(Feature.DAY_OF_WEEK)).isEqualTo(1);
        assertThat(r.value(Feature.WEEK_OF_YEAR)).isEqualTo(2);
        assertThat(r.value(Feature.MONTH)).isEqualTo(1);
        assertThat(r.value(Feature.IS_HOLIDAY)).isEqualTo(0);
        assertThat(r.value(Feature.IS_TRADING_DAY)).isEqualTo(1);
        assertThat(r.value(Feature.LAG_1)).isEqualTo(0);
        assertThat(r.value(Feature.LAG_7)).isEqualTo(2);
        assertThat(r.value(Feature.LAG_14)).isNaN();
        assertThat(r.value(Feature.LAG_28)).isNaN();
        // [Jan 2, Jan 8] = 0 4 0 0 6 0 2: mean 12/7, variance 56/7 - (12/7)^2 = 248/49, 4 zeros of 7.
        assertThat(r.value(Feature.ROLLING_MEAN_7)).isCloseTo(12.0 / 7, within(1e-12));
        assertThat(r.value(Feature.ROLLING_STD_7)).isCloseTo(Math.sqrt(248.0) / 7, within(1e-12));
        assertThat(r.value(Feature.ROLLING_ZERO_SHARE_7)).isCloseTo(4.0 / 7, within(1e-12));
        // 28 and 91 days are clipped to the 8 days of history: mean 14/8, variance 60/8 - 1.75^2 = 4.4375.
        for (var f : List.of(Feature.ROLLING_MEAN_28, Feature.ROLLING_MEAN_91)) {
            assertThat(r.value(f)).isCloseTo(1.75, within(1e-12));
        }
        for (var f : List.of(Feature.ROLLING_STD_28, Feature.ROLLING_STD_91)) {
            assertThat(r.value(f)).isCloseTo(Math.sqrt(4.4375), within(1e-12));
        }
        for (var f : List.of(Feature.ROLLING_ZERO_SHARE_28, Feature.ROLLING_ZERO_SHARE_91)) {
            assertThat(r.value(f)).isCloseTo(0.5, within(1e-12));
        }
        // Demand days 0, 2, 5, 7: ADI = 7 / 3. Sizes 2 4 6 2: mean 3.5, variance 2.75, CV² = 2.75 / 12.25.
        assertThat(r.value(Feature.ADI)).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(r.value(Feature.CV2)).isCloseTo(2.75 / 12.25, within(1e-12));
        // Price 9 against the median of 10, 8, 12, 9 = 9.5.
        assertThat(r.value(Feature.UNIT_PRICE)).isEqualTo(9);
        assertThat(r.value(Feature.RELATIVE_PRICE_28)).isCloseTo(9 / 9.5, within(1e-12));
        assertThat(r.value(Feature.ON_PROMOTION)).isEqualTo(0);
    }

    @Test
    void pricesCarryTheLatestDayWithDemandAndPromotionIsThatDaysOnly() {
        var jan3 = row(jan(3));
        assertThat(jan3.value(Feature.UNIT_PRICE)).isEqualTo(8);
        assertThat(jan3.value(Feature.RELATIVE_PRICE_28)).isCloseTo(8 / 9.0, within(1e-12));
        assertThat(jan3.value(Feature.ON_PROMOTION)).isEqualTo(1);
        var jan4 = row(jan(4));
        assertThat(jan4.value(Feature.UNIT_PRICE)).isEqualTo(8);
        assertThat(jan4.value(Feature.ON_PROMOTION)).isEqualTo(0);
        assertThat(jan4.value(Feature.IS_TRADING_DAY)).isEqualTo(0);
    }

    @Test
    void firstDayAndDaysBeforeTheSeriesStarted() {
        var first = row(jan(1));
        assertThat(first.value(Feature.LAG_1)).isNaN();
        assertThat(first.value(Feature.ROLLING_MEAN_7)).isEqualTo(2);
        assertThat(first.value(Feature.ROLLING_STD_7)).isEqualTo(0);
        assertThat(first.value(Feature.ROLLING_ZERO_SHARE_7)).isEqualTo(0);
        assertThat(first.value(Feature.ADI)).isNaN();
        assertThat(first.value(Feature.CV2)).isEqualTo(0);

        var before = row(LocalDate.of(2023, 12, 31));
        assertThat(before.value(Feature.DAY_OF_WEEK)).isEqualTo(7);
        assertThat(before.value(Feature.WEEK_OF_YEAR)).isEqualTo(52);
        assertThat(before.value(Feature.MONTH)).isEqualTo(12);
        assertThat(before.value(Feature.ROLLING_MEAN_7)).isNaN();
        assertThat(before.value(Feature.UNIT_PRICE)).isNaN();
        assertThat(before.value(Feature.ON_PROMOTION)).isEqualTo(0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(FeatureCalculator.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2);
        assertThat(FeatureCalculator.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    /** Leakage: every day's row is the same whether or not the data after it exists. */
    @Test
    void aDaysRowNeverDependsOnLaterData() {
        var random = new Random(42);
        int days = 200;
        var values = new double[days];
        var prices = new ArrayList<DailyPrice>();
        var trading = new java.util.HashSet<LocalDate>();
        for (int i = 0; i < days; i++) {
            values[i] = i == 0 || random.nextDouble() < 0.3 ? 1 + random.nextInt(9) : 0;
            if (values[i] > 0) {
                prices.add(new DailyPrice(jan(1).plusDays(i), 1 + random.nextInt(5), random.nextBoolean()));
                trading.add(jan(1).plusDays(i));
            }
        }
        var full = FeatureCalculator.compute(history(values), jan(1), jan(1).plusDays(days - 1), prices, trading, Set.of());
        for (int cut = 0; cut < days; cut++) {
            var asOf = jan(1).plusDays(cut);
            var known = java.util.Arrays.copyOf(values, cut + 1);
            var knownPrices = prices.stream().filter(p -> !p.date().isAfter(asOf)).toList();
            var knownTrading = trading.stream().filter(d -> !d.isAfter(asOf)).collect(java.util.stream.Collectors.toSet());
            var row = FeatureCalculator.compute(history(known), asOf, asOf, knownPrices, knownTrading, Set.of()).get(0);
            assertThat(row).as("as of %s", asOf).isEqualTo(full.get(cut));
        }
    }
}
