package io.stockwise.forecast.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final LocalDate D = LocalDate.of(2024, 1, 1);

    private static QuantileForecast point(String id, double... values) {
        var q = new double[values.length][];
        for (int h = 0; h < values.length; h++) {
            q[h] = new double[] {values[h], values[h], values[h], values[h], values[h], values[h], values[h], values[h], values[h]};
        }
        return new QuantileForecast(id, D.plusDays(4), values, q);
    }

    @Test
    void perfectForecastsScoreZeroAndCoverEverything() {
        var h = List.of(new DemandSeries("A", D, new double[] {1, 3, 1, 3}, new double[] {1, 1, 1, 1}, null));
        var f = List.of(point("A", 2, 2));
        var s = Metrics.score(h, f, point("_TOTAL", 2, 2), List.of(new double[] {2, 2}));
        assertThat(s.wrmsseSku()).isZero();
        assertThat(s.wrmsseTotal()).isZero();
        assertThat(s.wsplSku()).isZero();
        assertThat(s.coverage()).containsOnly(1.0);
    }

    @Test
    void rmsseAndSplFollowTheM5Definitions() {
        // History 1,3,1,3: one-step differences all 2 -> MSE scale 4, MAE scale 2.
        var h = List.of(DemandSeries.of("A", D, new double[] {1, 3, 1, 3}));
        var f = List.of(point("A", 2, 2));
        var s = Metrics.score(h, f, point("_TOTAL", 2, 2), List.of(new double[] {4, 0}));
        // errors 2 and -2: MSE 4 -> RMSSE sqrt(4/4) = 1.
        assertThat(s.rmsse()[0]).isCloseTo(1, within(1e-12));
        // pinball per level for e=2: τ·2, for e=-2: (1-τ)·2 -> sum 2 per level -> mean per day 1, / scale 2.
        assertThat(s.spl()[0]).isCloseTo(0.5, within(1e-12));
        assertThat(s.maseMedian()).isCloseTo(1, within(1e-12));
    }

    @Test
    void weightsAreRevenueOverTheLast28Days() {
        var a = new DemandSeries("A", D, new double[30], new double[30], null);
        a.demand()[29] = 2;
        a.price()[29] = 3;
        var b = new DemandSeries("B", D, new double[30], new double[30], null);
        b.demand()[0] = 100; // outside the window
        b.price()[0] = 3;
        b.demand()[28] = 1;
        b.price()[28] = 2;
        var w = Metrics.weights(List.of(a, b));
        assertThat(w[0]).isCloseTo(6.0 / 8, within(1e-12));
        assertThat(w[1]).isCloseTo(2.0 / 8, within(1e-12));
    }

    @Test
    void segmentsSeparateNewIntermittentAndFastSeries() {
        var fast = new double[200];
        java.util.Arrays.fill(fast, 3);
        var inter = new double[200];
        for (int i = 0; i < 200; i += 5) {
            inter[i] = 1;
        }
        var fresh = new double[200];
        fresh[180] = 4;
        assertThat(Segment.of(DemandSeries.of("F", D, fast))).isEqualTo(Segment.FAST);
        assertThat(Segment.of(DemandSeries.of("I", D, inter))).isEqualTo(Segment.INTERMITTENT);
        assertThat(Segment.of(DemandSeries.of("N", D, fresh))).isEqualTo(Segment.NEW);
    }
}
