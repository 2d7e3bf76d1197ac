package io.stockwise.forecast.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.forecast.core.ForecastPostProcessor.MeanRule;
import io.stockwise.forecast.core.ForecastPostProcessor.Settings;
import io.stockwise.forecast.core.ForecastPostProcessor.TradingCalendar;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqForecaster;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForecastPostProcessorTest {
    private static final int HORIZON = 14;

    @Test
    void theImpliedMeanIsExactForAUniformDistributionAndLinearInTheQuantiles() {
        // Uniform on [2, 12]: Q(u) = 2 + 10u, mean 7; the linear tails make the integral exact.
        var q = Quantiles.levels();
        for (int j = 0; j < q.length; j++) {
            q[j] = 2 + 10 * q[j];
        }
        assertThat(ForecastPostProcessor.impliedMean(q)).isCloseTo(7, within(1e-12));
        var scaled = Arrays.stream(q).map(v -> 3 * v).toArray();
        assertThat(ForecastPostProcessor.impliedMean(scaled)).isCloseTo(21, within(1e-12));
        // Uniform on [0, 10], whose lower tail line reaches exactly zero.
        var u = Quantiles.levels();
        for (int j = 0; j < u.length; j++) {
            u[j] = 10 * u[j];
        }
        assertThat(ForecastPostProcessor.impliedMean(u)).isCloseTo(5, within(1e-12));
        // A point mass.
        var point = new double[Quantiles.COUNT];
        Arrays.fill(point, 4);
        assertThat(ForecastPostProcessor.impliedMean(point)).isCloseTo(4, within(1e-12));
    }

    @Test
    void everyModelAndTheChampionServeOneDistributionPerDayAndInTotal() {
        var panel = TestData.panel(24, 150, 5);
        var models = new ArrayList<ForecastModel>(Baselines.all());
        models.add(new MqForecaster(new MqConfig(HORIZON, 8, 1, 1, 64, 1e-3f, 500, 0.1f, 1L, "cpu")));
        var pp = ForecastPostProcessor.standard();
        for (var m : models) {
            assertConsistent(m.name(), pp.apply(panel, m.fitAndForecast(panel, HORIZON)));
        }
        var champion = new SegmentChampion(models, true, new TotalAggregator(300, 1));
        var served = champion.fitAndForecast(panel, HORIZON);
        assertConsistent("champion", served);
        var total = new TotalAggregator(300, 1).aggregate(panel, served);
        for (int h = 0; h < HORIZON; h++) {
            int day = h;
            double sum = served.stream().mapToDouble(f -> f.mean()[day]).sum();
            assertThat(total.mean()[h]).isCloseTo(sum, within(1e-9 * (1 + sum)));
            if (total.mean()[h] > 0) {
                assertThat(ForecastPostProcessor.impliedMean(total, h) / total.mean()[h]).isCloseTo(1, within(0.005));
            }
        }
    }

    @Test
    void theImpliedRuleReplacesTheMeanAndKeepsTheQuantiles() {
        var panel = TestData.panel(6, 120, 3);
        var raw = new io.stockwise.forecast.core.model.Ets().fitAndForecast(panel, HORIZON);
        var implied = new ForecastPostProcessor(Settings.defaults().withMeanRule(MeanRule.IMPLIED))
                .apply(panel, raw, TradingCalendar.ALWAYS_OPEN);
        assertConsistent("ets implied", implied);
        for (int i = 0; i < raw.size(); i++) {
            for (int h = 0; h < HORIZON; h++) {
                assertThat(implied.get(i).quantiles()[h]).containsExactly(raw.get(i).quantiles()[h], within(1e-9));
            }
        }
    }

    @Test
    void closedDaysForecastNothingAndTheirDemandMovesToTheOpenDays() {
        var panel = TestData.panel(12, 120, 7); // closed on Saturdays
        var calendar = TradingCalendar.infer(panel, 8);
        assertThat(calendar.closedWeekdays()).containsExactly(DayOfWeek.SATURDAY);
        // A flat model puts demand on Saturdays; after post-processing none is left there.
        var raw = new io.stockwise.forecast.core.model.Intermittent(
                io.stockwise.forecast.core.model.Intermittent.Method.CROSTON).fitAndForecast(panel, HORIZON);
        var out = ForecastPostProcessor.standard().apply(panel, raw);
        for (int i = 0; i < out.size(); i++) {
            var f = out.get(i);
            double before = Arrays.stream(raw.get(i).mean()).sum();
            double after = Arrays.stream(f.mean()).sum();
            assertThat(after).isCloseTo(before, within(1e-9 * (1 + before)));
            for (int h = 0; h < HORIZON; h++) {
                if (f.firstDate().plusDays(h).getDayOfWeek() == DayOfWeek.SATURDAY) {
                    assertThat(f.mean()[h]).isZero();
                    assertThat(f.quantiles()[h]).containsOnly(0.0);
                }
            }
        }
        // Holidays from an ingested calendar close single dates too.
        var first = raw.get(1).firstDate();
        var holiday = calendar.withClosedDates(Set.of(first));
        var f = ForecastPostProcessor.standard().apply(panel.get(1), raw.get(1), holiday);
        assertThat(f.mean()[0]).isZero();
        assertThat(f.quantiles()[0]).containsOnly(0.0);
    }

    @Test
    void aSingleSlowSeriesOrAThinCatalogueClosesNoWeekday() {
        var y = new double[120];
        for (int t = 0; t < y.length; t += 9) {
            y[t] = 1; // every 9th day: some weekdays see no sale for weeks
        }
        var slow = DemandSeries.of("SLOW", TestData.START, y);
        assertThat(TradingCalendar.infer(List.of(slow), 8)).isEqualTo(TradingCalendar.ALWAYS_OPEN);
        var f = new io.stockwise.forecast.core.model.WeekdayProfile().fitAndForecast(List.of(slow), HORIZON).get(0);
        var out = ForecastPostProcessor.standard().apply(List.of(slow), List.of(f)).get(0);
        assertThat(Arrays.stream(out.mean()).sum()).isCloseTo(Arrays.stream(f.mean()).sum(), within(1e-9));
    }

    @Test
    void aSeriesWithoutDemandForItsSpanIsObsoleteAndDecaysToZero() {
        var pp = ForecastPostProcessor.standard();
        // Sold every 2 days for 200 days, then nothing for 120: span max(90, 3 x 2) = 90, obsolete.
        var dead = new double[320];
        for (int t = 0; t < 200; t += 2) {
            dead[t] = 5;
        }
        var deadSeries = DemandSeries.of("DEAD", TestData.START, dead);
        assertThat(pp.obsolescenceSpan(deadSeries)).isEqualTo(90);
        assertThat(pp.obsolete(deadSeries)).hasValue(320 - 1 - 198);
        // Sold every 50 days: 119 idle days are below its span of 150, not obsolete.
        var lumpy = new double[320];
        for (int t = 0; t <= 200; t += 50) {
            lumpy[t] = 5;
        }
        var lumpySeries = DemandSeries.of("LUMPY", TestData.START, lumpy);
        assertThat(pp.obsolescenceSpan(lumpySeries)).isEqualTo(150);
        assertThat(pp.obsolete(lumpySeries)).isEmpty();

        // A model still forecasting demand for the dead series: the forecast decays towards zero.
        var first = deadSeries.lastDate().plusDays(1);
        var mean = new double[HORIZON];
        var q = new double[HORIZON][];
        Arrays.fill(mean, 2.5);
        for (int h = 0; h < HORIZON; h++) {
            q[h] = Quantiles.countQuantiles(2.5, 1, Quantiles.levels());
        }
        var raw = new QuantileForecast("DEAD", first, mean, q);
        var out = pp.apply(deadSeries, raw, TradingCalendar.ALWAYS_OPEN);
        int beyond = 121 - 90;
        for (int h = 0; h < HORIZON; h++) {
            double f = Math.pow(0.95, beyond + h + 1);
            assertThat(out.mean()[h]).isCloseTo(2.5 * f, within(1e-9));
            if (h > 0) {
                assertThat(out.mean()[h]).isLessThan(out.mean()[h - 1]);
            }
        }
        assertThat(out.mean()[HORIZON - 1]).isLessThan(0.5);
        assertConsistent("dead", List.of(out));
        // Another series keeps its forecast.
        var alive = pp.apply(lumpySeries, new QuantileForecast("LUMPY", first, mean, q), TradingCalendar.ALWAYS_OPEN);
        assertThat(alive.mean()).containsOnly(2.5);
    }

    @Test
    void rejectsSettingsOutOfRange() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Settings(MeanRule.CARRIED, 8, 90, 3, 0))
                .hasMessageContaining("decayPerDay");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Settings(MeanRule.CARRIED, 0, 90, 3, 0.1))
                .hasMessageContaining("closedWeeks");
    }

    /** Implied and reported means agree within 2% per series-day and 0.5% over the catalogue. */
    static void assertConsistent(String model, List<QuantileForecast> forecasts) {
        double reported = 0;
        double implied = 0;
        for (var f : forecasts) {
            TestData.assertValid(f);
            for (int h = 0; h < f.horizon(); h++) {
                double m = f.mean()[h];
                double im = ForecastPostProcessor.impliedMean(f, h);
                reported += m;
                implied += im;
                if (m == 0) {
                    assertThat(im).as("%s %s day %d", model, f.id(), h).isZero();
                } else {
                    assertThat(im / m).as("%s %s day %d", model, f.id(), h).isCloseTo(1, within(0.02));
                }
            }
        }
        assertThat(implied).as(model).isCloseTo(reported, within(0.005 * reported));
        assertThat(reported).as(model).isPositive();
    }
}
