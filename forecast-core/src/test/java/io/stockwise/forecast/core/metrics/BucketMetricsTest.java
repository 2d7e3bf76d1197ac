package io.stockwise.forecast.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.LevelForecast;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketMetricsTest {
    private static final double[] LEVELS = {0.1, 0.5, 0.9};

    private static LevelForecast flat(String id, double lo, double med, double hi) {
        return new LevelForecast(id, Bucket.time(600), LEVELS, new double[] {med, med},
                new double[][] {{lo, med, hi}, {lo, med, hi}});
    }

    @Test
    void wqlMaseAndCoverageMatchHandComputedValues() {
        var s1 = DemandSeries.of("S1", Bucket.time(594), new double[] {1, 3, 2, 0, 1, 5});
        var s2 = DemandSeries.of("S2", Bucket.time(597), new double[] {0, 4, 4});
        var f = List.of(flat("S1", 0, 2, 3), flat("S2", 1, 2, 3.5));
        var actual = List.of(new double[] {3, 3}, new double[] {4, 4});
        var score = BucketMetrics.score(List.of(s1, s2), f, actual, LEVELS, 2);
        // Pinball sums per level: 0.1 -> 1.2, 0.5 -> 3.0, 0.9 -> 0.9; sum |y| = 14.
        // WQL = mean over levels of 2 * sum / 14 = 2 * 5.1 / 14 / 3.
        assertThat(score.wql()).isCloseTo(2 * 5.1 / 14 / 3, within(1e-12));
        // S1: seasonal scale (m = 2) = (1 + 3 + 1 + 5) / 4 = 2.5; MAE of the median 2 is 1, of zero 3.
        // S2: from its first sale only 2 values (not more than m): lag 1, |4 - 4| = 0, left out.
        assertThat(score.mase()).isCloseTo(0.4, within(1e-12));
        assertThat(score.zeroMase()).isCloseTo(1.2, within(1e-12));
        assertThat(score.intervals()).containsExactly(new double[] {0.8}, within(1e-12));
        assertThat(score.coverage()).containsExactly(0.5);
        assertThat(score.series()).isEqualTo(2);
    }

    @Test
    void pinballIsAsymmetric() {
        assertThat(BucketMetrics.pinball(3, 1, 0.9)).isCloseTo(1.8, within(1e-12));
        assertThat(BucketMetrics.pinball(1, 3, 0.9)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void aPerfectForecastScoresZero() {
        var s = DemandSeries.of("S", Bucket.time(0), new double[] {1, 2, 3, 4});
        var f = new LevelForecast("S", Bucket.time(4), LEVELS, new double[] {5}, new double[][] {{5, 5, 5}});
        var score = BucketMetrics.score(List.of(s), List.of(f), List.of(new double[] {5}), LEVELS, 12);
        assertThat(score.wql()).isZero();
        assertThat(score.mase()).isZero();
        assertThat(score.zeroMase()).isCloseTo(5, within(1e-12));
    }
}
