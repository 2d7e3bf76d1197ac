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
    void gpuRequestFallsBackToCpuWhenNoneIsPresent() {
        assertThat(MqNetwork.resolveDevice("gpu").isGpu()).isFalse();
        assertThat(MqNetwork.resolveDevice("auto").isGpu()).isFalse();
    }
}
