package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalMathTest {
    @Test
    void matchesAnIndependentHighPrecisionReference() {
        // Reference: ReferenceNormal, the Taylor series of erf in wide decimal arithmetic (nothing shared
        // with NormalMath), itself checked here against Simpson's rule on the density.
        for (double x : new double[] {-1, 1.96, 3}) {
            assertThat(ReferenceNormal.cdf(x)).as("Phi(%s)", x).isCloseTo(0.5 + simpson(x), within(1e-13));
        }

        assertThat(NormalMath.cdf(1.96)).isCloseTo(ReferenceNormal.cdf(1.96), within(1e-15));
        assertThat(NormalMath.cdf(-1)).isCloseTo(ReferenceNormal.cdf(-1), within(1e-15));
        assertThat(NormalMath.complementaryCdf(3)).isCloseTo(ReferenceNormal.complementaryCdf(3), within(1e-16));
        double tail6 = ReferenceNormal.complementaryCdf(6);
        assertThat(tail6).isBetween(9.8e-10, 9.9e-10);
        assertThat(NormalMath.complementaryCdf(6)).isCloseTo(tail6, within(1e-21));
        assertThat(NormalMath.inverseCdf(0.95)).isCloseTo(ReferenceNormal.inverseCdf(0.95), within(1e-13));
        assertThat(NormalMath.inverseCdf(1e-10)).isCloseTo(ReferenceNormal.inverseCdf(1e-10), within(1e-11));
        // closed forms: L(0) = phi(0) = 1 / sqrt(2 pi); L2(0) = ((0 + 1)(1 - 1/2) - 0) / 2 = 1/4
        assertThat(NormalMath.loss(0)).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(1e-15));
        assertThat(NormalMath.secondOrderLoss(0)).isCloseTo(0.25, within(1e-15));
        for (double z : new double[] {-2.5, -0.7, 0.3, 1.8, 4}) {
            assertThat(NormalMath.loss(z)).as("L(%s)", z).isCloseTo(ReferenceNormal.loss(z), within(1e-14));
            assertThat(NormalMath.secondOrderLoss(z)).as("L2(%s)", z)
                    .isCloseTo(ReferenceNormal.secondOrderLoss(z), within(1e-14));
        }
    }

    /** Integral of the normal density from 0 to x by Simpson's rule (40,000 intervals). */
    private static double simpson(double x) {
        int n = 40_000;
        double step = x / n;
        double sum = density(0) + density(x);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * density(i * step);
        }
        return sum * step / 3;
    }

    private static double density(double t) {
        return Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void inverseRoundTrips() {
        for (double q = 0.001; q < 1; q += 0.001) {
            assertThat(NormalMath.cdf(NormalMath.inverseCdf(q))).isCloseTo(q, within(1e-14));
        }
    }
}
