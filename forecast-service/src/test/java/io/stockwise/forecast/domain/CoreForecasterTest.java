package io.stockwise.forecast.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.LocalModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Served forecasts are forecast-core's offline ones, number for number. */
class CoreForecasterTest {
    @Test
    void servedForecastsEqualOfflineOnesForEveryBaseline() {
        var rnd = new Random(5);
        var y = new double[120];
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(9);
        }
        var start = LocalDate.of(2011, 1, 3);
        var history = new DemandHistory(new SeriesId("85123A", "online"), start, y);
        var now = Instant.parse("2011-05-03T00:00:00Z");
        for (var m : Baselines.all()) {
            var model = (LocalModel) m;
            var served = new CoreForecaster(model, m.name() + "-1").forecast(history, 28, now);
            var offline = model.forecast(DemandSeries.of("85123A/online", start, y), 28);
            assertThat(served.model()).isEqualTo(m.name());
            assertThat(served.asOfDate()).isEqualTo(start.plusDays(119));
            for (int h = 0; h < 28; h++) {
                var day = served.days().get(h);
                assertThat(day.date()).isEqualTo(offline.firstDate().plusDays(h));
                assertThat(day.mean()).isEqualTo(offline.mean()[h]);
                assertThat(day.quantiles()).containsExactly(offline.quantiles()[h]);
            }
        }
    }
}
