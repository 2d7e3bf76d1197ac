package io.stockwise.forecast.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.forecast.core.data.OnlineRetail;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqForecaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing after the cutoff may change a forecast made at the cutoff. */
class LeakageTest {
    @Test
    void changingDataAfterTheCutoffChangesNoForecast() {
        var panel = TestData.panel(20, 120, 5);
        var cutoff = TestData.START.plusDays(90);
        var altered = new ArrayList<DemandSeries>();
        for (var s : panel) {
            var y = s.demand().clone();
            for (int t = 91; t < y.length; t++) {
                y[t] = 1000 + t;
            }
            altered.add(new DemandSeries(s.id(), s.firstDate(), y, s.price(), null));
        }
        var models = new ArrayList<ForecastModel>(Baselines.all());
        models.add(new MqForecaster(new MqConfig(7, 8, 1, 1, 64, 1e-3f, 500, 0.1f, 1L, "cpu")));
        for (var m : models) {
            var a = m.fitAndForecast(Backtest.historiesAt(panel, cutoff), 7);
            var b = m.fitAndForecast(Backtest.historiesAt(altered, cutoff), 7);
            assertThat(a).as(m.name()).hasSize(Backtest.historiesAt(panel, cutoff).size()).isNotEmpty();
            assertThat(b).as(m.name()).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).quantiles()).as(m.name()).isDeepEqualTo(a.get(i).quantiles());
                assertThat(b.get(i).firstDate()).isEqualTo(cutoff.plusDays(1));
            }
        }
    }

    @Test
    void historiesEndOnTheCutoffAndSkipSeriesWithoutSales() {
        var panel = TestData.panel(10, 120, 5);
        var cutoff = TestData.START.plusDays(30);
        var h = Backtest.historiesAt(panel, cutoff);
        // Every fifth series starts selling at day 60.
        assertThat(h).hasSize(8);
        assertThat(h).allSatisfy(s -> assertThat(s.lastDate()).isEqualTo(cutoff));
    }

    @Test
    void theReaderIgnoresLinesAfterTheCutoff(@TempDir Path dir) throws Exception {
        var file = dir.resolve("t.csv");
        Files.writeString(file, String.join("\n",
                "\"InvoiceNo\",\"StockCode\",\"Description\",\"Quantity\",\"InvoiceDate\",\"UnitPrice\",\"CustomerID\",\"Country\"",
                "\"1\",\"85123a\",\"X\",6,\"2011-01-03 08:26:00\",2.5,1,\"UK\"",
                "\"1\",\"85123A\",\"X\",4,\"2011-01-03 09:26:00\",3.0,1,\"UK\"",
                "\"C2\",\"85123A\",\"X\",-6,\"2011-01-04 08:26:00\",2.5,1,\"UK\"",
                "\"3\",\"POST\",\"postage\",1,\"2011-01-04 08:26:00\",18,1,\"UK\"",
                "\"4\",\"22000\",\"free\",5,\"2011-01-04 08:26:00\",0,1,\"UK\"",
                "\"5\",\"22001\",\"Y, with comma\",2,\"2011-01-05 08:26:00\",1,1,\"UK\"",
                "\"6\",\"22001\",\"Y\",7,\"2011-01-09 08:26:00\",1,1,\"UK\"")
                + "\n");
        List<DemandSeries> all = OnlineRetail.read(file);
        assertThat(all).extracting(DemandSeries::id).containsExactly("22001", "85123A");
        assertThat(all.get(1).demand()).containsExactly(10, 0, 0, 0, 0, 0, 0);
        assertThat(all.get(1).price()[0]).isEqualTo((6 * 2.5 + 4 * 3.0) / 10);
        var cut = OnlineRetail.read(file, java.time.LocalDate.of(2011, 1, 5));
        assertThat(cut.get(0).demand()).containsExactly(0, 0, 2);
        assertThat(cut.get(0).lastDate()).isEqualTo(java.time.LocalDate.of(2011, 1, 5));
    }
}
