package io.stockwise.forecast.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.forecast.core.model.WeekdayProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TotalAggregatorTest {
    @Test
    void totalQuantilesAreOfTheSumNotSumsOfQuantiles() {
        var d = LocalDate.of(2024, 1, 1);
        var forecasts = new ArrayList<QuantileForecast>();
        var histories = new ArrayList<DemandSeries>();
        for (int i = 0; i < 50; i++) {
            // Independent histories: alternating patterns shifted so deviations cancel.
            var y = new double[70];
            for (int t = 0; t < 70; t++) {
                y[t] = ((t * 7919 + i * 104729) % 11);
            }
            histories.add(DemandSeries.of("S" + i, d, y));
            forecasts.add(new QuantileForecast("S" + i, d.plusDays(70), new double[] {5},
                    new double[][] {{0, 1, 3, 4, 5, 6, 7, 9, 10}}));
        }
        var total = new TotalAggregator(2000, 1).aggregate(histories, forecasts);
        assertThat(total.id()).isEqualTo(TotalAggregator.TOTAL_ID);
        assertThat(total.mean()[0]).isCloseTo(250, within(1e-9));
        // Far narrower than the sum of the 0.005 and 0.995 quantiles (0 and 500).
        assertThat(total.quantile(0, 0)).isGreaterThan(150);
        assertThat(total.quantile(0, 8)).isLessThan(350);
        assertThat(total.quantile(0, 4)).isCloseTo(250, within(15.0));
        TestData.assertValid(total);
    }

    @Test
    void perfectlyCorrelatedSeriesAddTheirQuantiles() {
        var d = LocalDate.of(2024, 1, 1);
        var y = new double[56];
        for (int t = 0; t < 56; t++) {
            y[t] = t % 3;
        }
        var histories = List.of(DemandSeries.of("A", d, y), DemandSeries.of("B", d, y));
        assertThat(TotalAggregator.correlation(histories)).isCloseTo(1, within(1e-9));
    }

    @Test
    void aggregationIsRepeatable() {
        var panel = TestData.panel(20, 90, 3);
        var f = new WeekdayProfile().fitAndForecast(panel, 7);
        var a = new TotalAggregator().aggregate(panel, f);
        var b = new TotalAggregator().aggregate(panel, f);
        assertThat(a).usingRecursiveComparison().isEqualTo(b);
    }
}
