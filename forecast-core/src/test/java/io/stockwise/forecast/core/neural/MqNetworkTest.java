package io.stockwise.forecast.core.neural;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.forecast.core.TestData;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A small real training run on the PyTorch engine (CPU). */
class MqNetworkTest {
    private static final MqConfig SMALL = new MqConfig(7, 16, 1, 2, 64, 3e-3f, 2_000, 0.1f, 7L, "cpu");
    private static MqNetwork trained;
    private static final AtomicInteger epochs = new AtomicInteger();

    @BeforeAll
    static void train() {
        trained = MqNetwork.train(TestData.panel(24, 100, 11), SMALL, new TrainingMonitor() {
            @Override
            public void progress(double fraction, double loss) {
                epochs.incrementAndGet();
                assertThat(loss).isFinite();
            }
        });
    }

    @Test
    void trainsAndForecastsOrderedNonNegativeQuantiles() {
        var panel = TestData.panel(24, 100, 11);
        var forecasts = trained.forecast(panel);
        assertThat(epochs.get()).isEqualTo(2);
        assertThat(forecasts).hasSize(24);
        forecasts.forEach(TestData::assertValid);
        assertThat(forecasts.get(1).horizon()).isEqualTo(7);
        assertThat(forecasts.get(1).firstDate()).isEqualTo(panel.get(1).lastDate().plusDays(1));
        assertThat(forecasts.stream().mapToDouble(f -> f.mean()[0]).sum()).isPositive();
    }

    @Test
    void daysTheShopIsClosedAreForecastAsZero() {
        // The test panel never sells on Saturdays.
        var forecasts = trained.forecast(TestData.panel(24, 100, 11));
        for (var f : forecasts) {
            for (int h = 0; h < f.horizon(); h++) {
                boolean saturday = f.firstDate().plusDays(h).getDayOfWeek() == java.time.DayOfWeek.SATURDAY;
                if (saturday) {
                    assertThat(f.mean()[h]).isZero();
                    assertThat(f.quantiles()[h]).containsOnly(0.0);
                }
            }
        }
        var total = new double[70];
        for (int t = 0; t < 70; t++) {
            total[t] = t % 7 == 3 ? 0 : 5;
        }
        var closed = MqNetwork.closedDays(total, 69);
        // Day 70 is 0 mod 7; day 73 (3 mod 7) is the closed one: horizon index 3.
        assertThat(closed).containsExactly(false, false, false, true, false, false, false);
    }

    @Test
    void saveAndLoadGiveIdenticalForecasts() {
        var panel = TestData.panel(24, 100, 11);
        var before = trained.forecast(panel);
        try (var loaded = MqNetwork.fromBytes(trained.toBytes(), "cpu")) {
            var after = loaded.forecast(panel);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i).mean()).containsExactly(before.get(i).mean());
                assertThat(after.get(i).quantiles()).isDeepEqualTo(before.get(i).quantiles());
            }
            assertThat(loaded.config().hidden()).isEqualTo(16);
        }
    }

    @Test
    void trainingIsRepeatableWithTheSameSeed() {
        var panel = TestData.panel(24, 100, 11);
        try (var again = MqNetwork.train(panel, SMALL, TrainingMonitor.NONE)) {
            var a = trained.forecast(panel);
            var b = again.forecast(panel);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).quantiles()).isDeepEqualTo(a.get(i).quantiles());
            }
        }
    }

    @Test
    void cancellingStopsTraining() {
        var cancelled = new TrainingMonitor() {
            @Override
            public boolean cancelled() {
                return true;
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MqNetwork.train(TestData.panel(5, 60, 1), SMALL, cancelled))
                .isInstanceOf(TrainingMonitor.TrainingCancelled.class);
    }

    @Test
    void pooledPredictorsOverTheLoadedNetworkForecastAsTheBatchDoes() throws Exception {
        var panel = TestData.panel(24, 100, 11);
        var batch = trained.forecast(panel);
        // The artifact carries the training catalogue's shop total, so a few series served alone
        // get the forecasts they get inside the whole catalogue.
        try (var pool = new MqPredictorPool(MqNetwork.fromBytes(trained.toBytes(), "cpu"), 3, null)) {
            assertThat(pool.size()).isEqualTo(3);
            assertThat(pool.shop().end()).isEqualTo(panel.get(0).lastDate());
            var some = java.util.List.of(panel.get(3), panel.get(7));
            var served = pool.forecast(some);
            assertClose(served.get(0), batch.get(3));
            assertClose(served.get(1), batch.get(7));
            // Concurrent callers, one series each: the same numbers as one caller.
            var executor = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                var futures = new java.util.ArrayList<java.util.concurrent.Future<io.stockwise.forecast.core.QuantileForecast>>();
                for (int k = 0; k < 48; k++) {
                    var s = panel.get(k % panel.size());
                    futures.add(executor.submit(() -> pool.forecast(java.util.List.of(s)).get(0)));
                }
                var alone = pool.forecast(java.util.List.of(panel.get(5))).get(0);
                for (int k = 0; k < futures.size(); k++) {
                    var f = futures.get(k).get();
                    f.quantiles();
                    TestData.assertValid(f);
                    if (k % panel.size() == 5) {
                        assertThat(f.quantiles()).isDeepEqualTo(alone.quantiles());
                    }
                }
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void aHistoryEndingAfterTheSavedTotalUsesItsLastWeekdays() {
        var panel = TestData.panel(24, 100, 11);
        var shop = ShopContext.of(panel);
        var end = shop.end();
        assertThat(shop.index(end)).isEqualTo(99);
        assertThat(shop.index(end.plusDays(1))).isEqualTo(93);
        assertThat(shop.index(end.plusDays(7))).isEqualTo(99);
        assertThat(shop.index(end.plusDays(8))).isEqualTo(93);
        assertThat(shop.index(end.minusDays(10))).isEqualTo(89);
        try (var loaded = MqNetwork.fromBytes(trained.toBytes(), "cpu"); var p = loaded.newPredictor()) {
            // Two more days of history than the network saw: still forecast, from the day after.
            var longer = panel.get(2);
            var y = java.util.Arrays.copyOf(longer.demand(), longer.length() + 2);
            var s = io.stockwise.forecast.core.DemandSeries.of(longer.id(), longer.firstDate(), y);
            var f = p.forecast(java.util.List.of(s), loaded.context()).get(0);
            assertThat(f.firstDate()).isEqualTo(s.lastDate().plusDays(1));
            TestData.assertValid(f);
        }
    }

    /** Forward passes of different batch sizes may round differently in the last float bits. */
    static void assertClose(io.stockwise.forecast.core.QuantileForecast a, io.stockwise.forecast.core.QuantileForecast b) {
        assertThat(a.id()).isEqualTo(b.id());
        assertThat(a.firstDate()).isEqualTo(b.firstDate());
        for (int h = 0; h < a.horizon(); h++) {
            assertThat(a.mean()[h]).isCloseTo(b.mean()[h], org.assertj.core.api.Assertions.within(1e-5 * (1 + b.mean()[h])));
            for (int j = 0; j < a.quantiles()[h].length; j++) {
                assertThat(a.quantiles()[h][j]).isCloseTo(b.quantiles()[h][j],
                        org.assertj.core.api.Assertions.within(1e-5 * (1 + b.quantiles()[h][j])));
            }
        }
    }

    @Test
    void gpuRequestFallsBackToCpuWhenNoneIsPresent() {
        assertThat(MqNetwork.resolveDevice("gpu").isGpu()).isFalse();
        assertThat(MqNetwork.resolveDevice("auto").isGpu()).isFalse();
        // A pool asked for the GPU loads and serves on the CPU instead.
        var panel = TestData.panel(24, 100, 11);
        try (var pool = new MqPredictorPool(MqNetwork.fromBytes(trained.toBytes(), "gpu"), 1, null)) {
            assertThat(pool.device()).startsWith("cpu");
            pool.forecast(java.util.List.of(panel.get(0))).forEach(TestData::assertValid);
        }
    }
}
