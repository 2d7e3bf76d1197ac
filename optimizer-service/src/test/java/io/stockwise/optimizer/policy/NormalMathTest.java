package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalMathTest {
    @Test
    void matchesReferenceValues() {
        assertThat(NormalMath.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-15));
        assertThat(NormalMath.complementaryCdf(3)).isCloseTo(0.0013498980316301, within(1e-16));
        assertThat(NormalMath.complementaryCdf(6)).isCloseTo(9.865876450377e-10, within(1e-21));
        assertThat(NormalMath.cdf(-1)).isCloseTo(0.15865525393145707, within(1e-15));
        assertThat(NormalMath.inverseCdf(0.95)).isCloseTo(1.6448536269514722, within(1e-13));
        assertThat(NormalMath.inverseCdf(1e-10)).isCloseTo(-6.361340902404056, within(1e-11));
        // L(0) = phi(0); L2(0) = 1/4
        assertThat(NormalMath.loss(0)).isCloseTo(0.3989422804014327, within(1e-15));
        assertThat(NormalMath.secondOrderLoss(0)).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void inverseRoundTrips() {
        for (double q = 0.001; q < 1; q += 0.001) {
            assertThat(NormalMath.cdf(NormalMath.inverseCdf(q))).isCloseTo(q, within(1e-14));
        }
    }
}
