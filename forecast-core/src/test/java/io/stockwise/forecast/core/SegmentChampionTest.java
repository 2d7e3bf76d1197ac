package io.stockwise.forecast.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.forecast.core.metrics.Segment;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqForecaster;
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
    void tooShortHistoriesFallBackToTheWeekdayAverage() {
        var panel = TestData.panel(6, 20, 9);
        var c = champion();
        var f = c.fitAndForecast(panel, 28);
        assertThat(f).isNotEmpty();
        f.forEach(TestData::assertValid);
        assertThat(c.lastReport().choice().values()).containsOnly("weekday_ma");
    }
}
