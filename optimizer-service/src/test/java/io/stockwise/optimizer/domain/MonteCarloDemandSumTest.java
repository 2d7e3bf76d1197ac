package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MonteCarloDemandSumTest {
    private final MonteCarloDemandSum model = new MonteCarloDemandSum();

    private static List<DailyDemand> days(DemandForecast f) {
        var out = new ArrayList<DailyDemand>();
        for (int d = 0; d < f.days().size(); d++) {
            out.add(f.dailyDemand(d));
        }
        return out;
    }

    @Test
    void givesTheSameAnswerEveryTime() {
        var days = days(Forecasts.normal(9, 50, 12, Forecasts.DECILES));
        var first = model.quantiles(days, 4, 0.95);
        for (int i = 0; i < 3; i++) {
            assertThat(new MonteCarloDemandSum().quantiles(days, 4, 0.95)).isEqualTo(first);
        }
    }

    @Test
    void oneSampledDayReproducesItsQuantileFunction() {
        var day = DailyDemand.fromQuantiles(new double[] {0.1, 0.3, 0.5, 0.7, 0.9}, new double[] {2, 5, 6, 9, 15}, 7);
        for (double level : new double[] {0.05, 0.2, 0.5, 0.65, 0.9, 0.97}) {
            var sums = model.quantiles(List.of(day), 1, level);
            assertThat(sums.protectionInterval()).as("level %s", level).isCloseTo(day.quantile(level), within(0.1));
        }
    }

    @Test
    void sumsUniformDaysToTheKnownQuantile() {
        // Quantiles of U(0, 10): the sum of 2 is triangular on [0, 20] with P(S <= s) = 1 - (20 - s)^2 / 200
        // for s >= 10, so its 0.875 quantile is 20 - sqrt(200 * 0.125) = 15; one day's is 10 * 0.875.
        var uniform = DailyDemand.fromQuantiles(new double[] {0.25, 0.75}, new double[] {2.5, 7.5}, 5);
        var sums = model.quantiles(List.of(uniform, uniform), 1, 0.875);
        assertThat(sums.protectionInterval()).isCloseTo(20 - Math.sqrt(200 * 0.125), within(0.1));
        assertThat(sums.leadTime()).isCloseTo(10 * 0.875, within(0.1));
    }

    @Test
    void mixesCertainAndUncertainDays() {
        var uniform = DailyDemand.fromQuantiles(new double[] {0.25, 0.75}, new double[] {2.5, 7.5}, 5);
        var sums = model.quantiles(List.of(DailyDemand.deterministic(100), uniform, DailyDemand.deterministic(1)), 1, 0.5);
        // lead time: the certain first day; the interval: 100 + the U(0, 10) median 5 + 1
        assertThat(sums.leadTime()).isEqualTo(100.0);
        assertThat(sums.protectionInterval()).isCloseTo(100 + 5 + 1, within(0.1));
    }

    @Test
    void leadTimeQuantileIsZeroForZeroDaysAndTheTotalForAllDays() {
        var days = days(Forecasts.normal(4, 20, 5, Forecasts.DECILES));
        assertThat(model.quantiles(days, 0, 0.9).leadTime()).isZero();
        var all = model.quantiles(days, 4, 0.9);
        assertThat(all.leadTime()).isEqualTo(all.protectionInterval());
    }

    @Test
    void selectFindsTheKthSmallest() {
        var random = new SplittableRandom(3);
        for (int n : new int[] {1, 2, 5, 100, 1001, 5000, 20_000}) {
            for (int shape = 0; shape < 5; shape++) {
                var values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = switch (shape) {
                        case 0 -> random.nextInt(20);
                        case 1 -> random.nextDouble();
                        case 2 -> i;
                        case 3 -> n - i;
                        default -> 7;
                    };
                }
                var sorted = values.clone();
                Arrays.sort(sorted);
                for (int k : new int[] {0, n / 2, (int) (0.95 * n), n - 1}) {
                    assertThat(MonteCarloDemandSum.select(values.clone(), k)).as("n %d shape %d k %d", n, shape, k)
                            .isEqualTo(sorted[k]);
                }
            }
        }
    }
}
