package io.stockwise.forecast.core.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.forecast.core.ChampionPlan;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.TestData;
import io.stockwise.forecast.core.TotalAggregator;
import io.stockwise.forecast.core.metrics.Segment;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqForecaster;
import io.stockwise.forecast.core.neural.MqNetwork;
import io.stockwise.forecast.core.neural.MqPredictorPool;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiOriginChampionTest {
    @Test
    void validationOriginsEndTheirScoredDaysByTheCutoff() {
        var cutoff = LocalDate.of(2011, 10, 13);
        assertThat(MultiOriginChampion.validationOrigins(cutoff, 28, 3, 7))
                .containsExactly(LocalDate.of(2011, 9, 1), LocalDate.of(2011, 9, 8), LocalDate.of(2011, 9, 15));
        assertThat(MultiOriginEvaluation.origins(cutoff, 3, 7))
                .containsExactly(LocalDate.of(2011, 9, 29), LocalDate.of(2011, 10, 6), cutoff);
    }

    @Test
    void servingTheRegisteredChoiceAndFactorsReproducesTheChampionsForecasts() {
        var panel = TestData.panel(24, 150, 5);
        var mq = new MqForecaster(new MqConfig(7, 8, 1, 1, 64, 1e-3f, 500, 0.1f, 1L, "cpu"));
        var models = new ArrayList<ForecastModel>(Baselines.all());
        models.add(new ClassicalSbc());
        models.add(mq);
        var champion = new MultiOriginChampion(models, 2, 7, new TotalAggregator(100, 1));
        var f = champion.fit(panel, 7, false);
        assertThat(f).hasSize(24);
        f.forEach(TestData::assertValid);
        var report = champion.lastReport();
        assertThat(report.origins()).hasSize(2);
        assertThat(report.selection().weights()).containsOnlyKeys(Segment.values());
        assertThat(report.validation()).containsKeys("ets", "classical_sbc", MultiOriginChampion.NAME);
        assertThat(report.factors()).hasSize(7);
        var plan = new ChampionPlan(report.choice(), report.factors(), report.selection().meanRule());
        List<io.stockwise.forecast.core.QuantileForecast> served;
        if (plan.usesNetwork()) {
            try (var pool = new MqPredictorPool(MqNetwork.fromBytes(mq.lastArtifact(), "cpu"), 2, null)) {
                served = plan.forecast(panel, 7, pool::forecast);
            }
        } else {
            served = plan.forecast(panel, 7, h -> {
                throw new AssertionError("the network is not chosen");
            });
        }
        for (int i = 0; i < f.size(); i++) {
            io.stockwise.forecast.core.neural.MqNetworkTestAccess.assertClose(served.get(i), f.get(i));
        }
        // The registry form parses back to the same plan.
        var json = "{\"choice\":{" + String.join(",", report.choice().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").toList()) + "},\"factors\":["
                + String.join(",", java.util.Arrays.stream(report.factors()).mapToObj(Double::toString).toList())
                + "],\"mean_rule\":\"" + report.selection().meanRule() + "\"}";
        var parsed = ChampionPlan.fromParametersJson(json);
        assertThat(parsed.choice()).isEqualTo(plan.choice());
        assertThat(parsed.factors()).containsExactly(report.factors());
        assertThat(parsed.meanRule()).isEqualTo(report.selection().meanRule());
    }

    @Test
    void tooShortHistoriesFallBackToTheWeekdayAverage() {
        var panel = TestData.panel(6, 20, 9);
        var champion = new MultiOriginChampion(new ArrayList<>(Baselines.all()), 3, 7, new TotalAggregator(100, 1));
        var f = champion.fitAndForecast(panel, 28);
        assertThat(f).isNotEmpty();
        f.forEach(TestData::assertValid);
        assertThat(champion.lastReport().choice().values()).containsOnly("weekday_ma");
    }

    @Test
    void topDownScalesEverySeriesBlockToTheDirectTotal() {
        var panel = TestData.panel(10, 120, 3);
        var forecasts = new ArrayList<io.stockwise.forecast.core.QuantileForecast>();
        for (var s : panel) {
            forecasts.add(new io.stockwise.forecast.core.model.WeekdayProfile().forecast(s, 14));
        }
        var direct = new WeeklyHolt().forecast(TotalModels.total(panel), 14);
        var factors = Reconciliation.factors("top_down:holt_weekly", forecasts, direct);
        var reconciled = Reconciliation.apply(forecasts, factors);
        for (int block = 0; block < 2; block++) {
            double sum = 0;
            double target = 0;
            for (int h = 7 * block; h < 7 * block + 7; h++) {
                target += direct.mean()[h];
                for (var r : reconciled) {
                    sum += r.mean()[h];
                }
            }
            assertThat(sum).isCloseTo(target, within(1e-6 * target));
        }
        var middle = Reconciliation.factors("middle:holt_weekly", forecasts, direct);
        assertThat(middle[0]).isCloseTo(Math.sqrt(factors[0]), within(1e-12));
        assertThat(Reconciliation.factors(Reconciliation.BOTTOM_UP, forecasts, null)).containsOnly(1.0);
    }

    @Test
    void weeklyHoltFollowsALinearTrendInTheWeeklySums() {
        // Weekly sums rising by 70 units a week, spread Monday to Friday, nothing at the weekend.
        int days = 26 * 7;
        var y = new double[days];
        for (int t = 0; t < days; t++) {
            int dow = TestData.START.plusDays(t).getDayOfWeek().getValue();
            y[t] = dow <= 5 ? (700 + 70.0 * (t / 7)) / 5 : 0;
        }
        var f = new WeeklyHolt().forecast(DemandSeries.of("_TOTAL", TestData.START, y), 14);
        TestData.assertValid(f);
        double week1 = 0;
        double week2 = 0;
        for (int h = 0; h < 7; h++) {
            week1 += f.mean()[h];
            week2 += f.mean()[h + 7];
            int dow = TestData.START.plusDays(days + h).getDayOfWeek().getValue();
            if (dow > 5) {
                assertThat(f.mean()[h]).isZero();
            }
        }
        double last = 700 + 70.0 * 25;
        // Damping (phi at most 0.98) keeps the step a little below 70.
        assertThat(week1).isBetween(last + 60, last + 70.5);
        assertThat(week2 - week1).isBetween(55.0, 70.5);
    }
}
