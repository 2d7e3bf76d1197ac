package io.stockwise.forecast.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistributionsTest {

    @Test
    void interpolatesEmpiricalQuantilesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 4, 8};

        assertThat(Distributions.empiricalQuantile(sorted, 0)).isEqualTo(1);
        assertThat(Distributions.empiricalQuantile(sorted, 0.5)).isCloseTo(3, within(1e-12));
        assertThat(Distributions.empiricalQuantile(sorted, 0.9)).isCloseTo(6.8, within(1e-12));
        assertThat(Distributions.empiricalQuantile(sorted, 1)).isEqualTo(8);
        assertThat(Distributions.empiricalQuantile(new double[] {5}, 0.3)).isEqualTo(5);
    }

    @Test
    void findsTheFirstElementGreaterThanAValue() {
        double[] sorted = {-1, 0, 0, 2};

        assertThat(Distributions.firstGreaterThan(sorted, -2)).isZero();
        assertThat(Distributions.firstGreaterThan(sorted, 0)).isEqualTo(3);
        assertThat(Distributions.firstGreaterThan(sorted, 2)).isEqualTo(4);
    }

    @Test
    void computesPoissonQuantilesForSmallAndLargeMeans() {
        double[] levels = {0.005, 0.5, 0.995};

        assertThat(Distributions.poissonQuantiles(0.5, levels)).containsExactly(0, 0, 3);
        assertThat(Distributions.poissonQuantiles(0, levels)).containsExactly(0, 0, 0);
        // exp(-lambda) underflows for lambda = 1e6; the median is within one of lambda, the tails about 2.576 sd away.
        var q = Distributions.poissonQuantiles(1_000_000, levels);
        assertThat(q[1]).isCloseTo(1_000_000, within(1.0));
        assertThat(q[0]).isCloseTo(1_000_000 - 2.576 * 1000, within(5.0));
        assertThat(q[2]).isCloseTo(1_000_000 + 2.576 * 1000, within(5.0));
    }
}
