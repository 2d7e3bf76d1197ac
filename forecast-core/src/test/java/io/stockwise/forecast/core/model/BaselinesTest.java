package io.stockwise.forecast.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.TestData;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    private static DemandSeries weekly(int weeks, double... week) {
        var y = new double[weeks * 7];
        for (int i = 0; i < y.length; i++) {
            y[i] = week[i % 7];
        }
        return DemandSeries.of("W", START, y);
    }

    @Test
    void seasonalNaiveRepeatsAnExactWeekWithZeroWidth() {
        var f = new SeasonalNaive().forecast(weekly(4, 1, 2, 3, 4, 5, 0, 7), 14);
        for (int h = 0; h < 14; h++) {
            double expected = new double[] {1, 2, 3, 4, 5, 0, 7}[h % 7];
            assertThat(f.mean()[h]).isEqualTo(expected);
            assertThat(f.quantiles()[h]).containsOnly(expected);
        }
        assertThat(f.firstDate()).isEqualTo(START.plusDays(28));
    }

    @Test
    void weekdayProfileReproducesAWeeklyPatternMean() {
        var f = new WeekdayProfile().forecast(weekly(8, 10, 10, 10, 10, 10, 0, 10), 7);
        // level 60/7 per day; Saturday factor shrunk: (8·0 + 1)/9; others (8·7/6 + 1)/9.
        double level = 60.0 / 7;
        assertThat(f.mean()[5]).isCloseTo(level / 9, within(1e-9));
        assertThat(f.mean()[0]).isCloseTo(level * (8 * 7.0 / 6 + 1) / 9, within(1e-9));
    }

    @Test
    void etsOnAConstantSeriesForecastsTheConstant() {
        var f = new Ets().forecast(weekly(10, 5, 5, 5, 5, 5, 5, 5), 28);
        for (int h = 0; h < 28; h++) {
            assertThat(f.mean()[h]).isCloseTo(5, within(1e-9));
            assertThat(f.quantile(h, 0)).isCloseTo(5, within(1e-9));
            assertThat(f.quantile(h, 8)).isCloseTo(5, within(1e-9));
        }
    }

    @Test
    void crostonSbaAndTsbOnARegularIntermittentSeries() {
        // 6 units every third day: size 6, interval 3, occurrence 1/3 -> rate 2.
        var y = new double[300];
        for (int i = 0; i < y.length; i += 3) {
            y[i] = 6;
        }
        // Ends with two zero days after the last demand (index 297), as TSB notices.
        var s = DemandSeries.of("I", START, y);
        var croston = new Intermittent(Intermittent.Method.CROSTON).forecast(s, 7);
        var sba = new Intermittent(Intermittent.Method.SBA).forecast(s, 7);
        var tsb = new Intermittent(Intermittent.Method.TSB).forecast(s, 7);
        assertThat(croston.mean()[0]).isCloseTo(2, within(1e-3));
        assertThat(sba.mean()[0]).isCloseTo(2 * 0.95, within(1e-3));
        assertThat(tsb.mean()[0]).isBetween(1.5, 2.5);
        // P(Y = 0) = 2/3: the median is 0, the 0.75 quantile is the size 6.
        assertThat(croston.quantile(0, 4)).isZero();
        assertThat(croston.quantile(0, 5)).isCloseTo(6, within(1e-6));
    }

    @Test
    void everyBaselineGivesOrderedNonNegativeQuantiles() {
        var panel = TestData.panel(30, 120, 7);
        for (var m : Baselines.all()) {
            var forecasts = m.fitAndForecast(panel, 28);
            assertThat(forecasts).hasSize(30);
            forecasts.forEach(TestData::assertValid);
        }
    }

    @Test
    void shortHistoriesGetAPoissonAroundTheirMean() {
        var f = new SeasonalNaive().forecast(DemandSeries.of("N", START, new double[] {2, 2, 2}), 3);
        assertThat(f.mean()).containsOnly(2.0);
        assertThat(f.quantiles()[0]).containsExactly(0, 0, 1, 1, 2, 3, 3, 5, 6);
    }
}
