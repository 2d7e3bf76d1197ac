package io.stockwise.forecast.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class QuantilesTest {
    @Test
    void forecastsRepairCrossingAndNegativeQuantiles() {
        var f = new QuantileForecast("A", LocalDate.of(2024, 1, 1), new double[] {-1},
                new double[][] {{-2, 1, 0.5, 3, 2, 4, 5, 6, Double.NaN}});
        assertThat(f.quantiles()[0]).containsExactly(0, 1, 1, 3, 3, 4, 5, 6, 6);
        assertThat(f.mean()[0]).isZero();
    }

    @Test
    void poissonQuantilesMatchKnownValues() {
        // Poisson(2): P(0)=.135, P(<=1)=.406, P(<=2)=.677, P(<=3)=.857, P(<=4)=.947, P(<=5)=.983, P(<=6)=.9955
        assertThat(Quantiles.countQuantiles(2, 1, Quantiles.levels())).containsExactly(0, 0, 1, 1, 2, 3, 3, 5, 6);
        assertThat(Quantiles.countQuantiles(0, 3, Quantiles.levels())).containsOnly(0.0);
    }

    @Test
    void negativeBinomialIsWiderThanPoissonWithTheSameMean() {
        var nb = Quantiles.countQuantiles(5, 4, Quantiles.levels());
        var po = Quantiles.countQuantiles(5, 1, Quantiles.levels());
        assertThat(nb[8]).isGreaterThan(po[8]);
        assertThat(nb[0]).isLessThanOrEqualTo(po[0]);
    }

    @Test
    void normalQuantileFunctionIsAccurate() {
        assertThat(Normal.inverse(0.975)).isCloseTo(1.959964, within(1e-5));
        assertThat(Normal.inverse(0.5)).isCloseTo(0, within(1e-6));
        assertThat(Normal.cdf(1.959964)).isCloseTo(0.975, within(1e-6));
    }

    @Test
    void inverseInterpolatesTheQuantileFunction() {
        var q = new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(Quantiles.inverse(q, 0.5)).isEqualTo(4);
        assertThat(Quantiles.inverse(q, 0.375)).isCloseTo(3.5, within(1e-12));
        assertThat(Quantiles.inverse(q, 0.001)).isEqualTo(0);
        assertThat(Quantiles.inverse(q, 0.999)).isEqualTo(8);
    }
}
