package io.stockwise.forecast.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.forecast.core.metrics.Segment;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqForecaster;
import io.stockwise.forecast.core.neural.MqNetwork;
import io.stockwise.forecast.core.neural.MqPredictorPool;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class SegmentChampionTest {
    private static SegmentChampion champion() {
        var models = new ArrayList<ForecastModel>(Baselines.all());
        models.add(new MqForecaster(new MqConfig(7, 8, 1, 1, 64, 1e-3f, 500, 0.1f, 1L, "cpu")));
        return new SegmentChampion(models, true, new TotalAggregator(200, 1));
    }

    @Test
    void choosesPerSegmentFromTheBacktestAndForecastsEverySeries() {
        var panel = TestData.panel(20, 120, 9);
        var c = champion();
        var f = c.fitAndForecast(panel, 7);
        assertThat(f).hasSize(20);
        f.forEach(TestData::assertValid);
        var report = c.lastReport();
        assertThat(report.validation().cutoff()).isEqualTo(panel.get(0).lastDate().minusDays(7));
        assertThat(report.choice()).containsOnlyKeys(Segment.values());
        assertThat(report.validation().results()).extracting(Backtest.ModelResult::model)
                .contains("seasonal_naive", "ets", "tsb", "mq_mlp", "weekday_ma+mq_mlp", SegmentChampion.NAME);
    }

    @Test
    void theTrainedChoiceAppliedToTheSameHistoriesReproducesTheChampionsForecasts() {
        var panel = TestData.panel(20, 120, 9);
        var mq = new MqForecaster(new MqConfig(7, 8, 1, 1, 64, 1e-3f, 500, 0.1f, 1L, "cpu"));
        var models = new ArrayList<ForecastModel>(Baselines.all());
        models.add(mq);
        var c = new SegmentChampion(models, true, new TotalAggregator(200, 1));
        var f = c.fit(panel, 7, true);
        var choice = new java.util.EnumMap<Segment, String>(c.lastReport().choice());
        var plan = new ChampionPlan(choice);
        try (var pool = new MqPredictorPool(MqNetwork.fromBytes(mq.lastArtifact(), "cpu"), 2, null)) {
            var served = plan.forecast(panel, 7, pool::forecast);
            for (int i = 0; i < f.size(); i++) {
                io.stockwise.forecast.core.neural.MqNetworkTestAccess.assertClose(served.get(i), f.get(i));
            }
            // Every segment through the network averaged with a baseline, and a shorter horizon.
            for (var seg : Segment.values()) {
                choice.put(seg, "ets+mq_mlp");
            }
            var pair = new ChampionPlan(choice);
            assertThat(pair.usesNetwork()).isTrue();
            var net = pool.forecast(panel);
            var ets = new io.stockwise.forecast.core.model.Ets();
            var averaged = pair.forecast(panel, 5, pool::forecast);
            // Served forecasts pass the post-processor (closed Saturdays, one distribution per day).
            var expected = new ArrayList<QuantileForecast>();
            for (int i = 0; i < panel.size(); i++) {
                var e = ets.forecast(panel.get(i), 5);
                var n = net.get(i);
                var mean = new double[5];
                var q = new double[5][];
                for (int h = 0; h < 5; h++) {
                    mean[h] = (e.mean()[h] + n.mean()[h]) / 2;
                    q[h] = new double[Quantiles.COUNT];
                    for (int j = 0; j < Quantiles.COUNT; j++) {
                        q[h][j] = (e.quantile(h, j) + n.quantile(h, j)) / 2;
                    }
                }
                expected.add(new QuantileForecast(e.id(), e.firstDate(), mean, q));
            }
            expected = new ArrayList<>(ForecastPostProcessor.standard().apply(panel, expected));
            for (int i = 0; i < panel.size(); i++) {
                var a = averaged.get(i);
                TestData.assertValid(a);
                assertThat(a.horizon()).isEqualTo(5);
                for (int h = 0; h < 5; h++) {
                    assertThat(a.mean()[h]).isCloseTo(expected.get(i).mean()[h],
                            org.assertj.core.api.Assertions.within(1e-9));
                }
            }
        }
        assertThat(ChampionPlan.fromParametersJson("{\"seed\":1,\"choice\":{\"FAST\":\"mq_mlp\",\"INTERMITTENT\":"
                + "\"tsb+mq_mlp\",\"NEW\":\"weekday_ma\"}}").choice())
                .containsEntry(Segment.FAST, "mq_mlp").containsEntry(Segment.INTERMITTENT, "tsb+mq_mlp")
                .containsEntry(Segment.NEW, "weekday_ma");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChampionPlan.fromParametersJson(
                "{\"choice\":{\"FAST\":\"prophet\"}}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooShortHistoriesFallBackToTheWeekdayAverage() {
        var panel = TestData.panel(6, 20, 9);
        var c = champion();
        var f = c.fitAndForecast(panel, 28);
        assertThat(f).isNotEmpty();
        f.forEach(TestData::assertValid);
        assertThat(c.lastReport().choice().values()).containsOnly("weekday_ma");
    }
}
