package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DailyDemandTest {
    private final DailyDemand day = DailyDemand.fromQuantiles(new double[] {0.1, 0.5, 0.9}, new double[] {4, 10, 20}, 11);

    @Test
    void interpolatesLinearlyBetweenQuantiles() {
        assertThat(day.quantile(0.1)).isEqualTo(4.0);
        assertThat(day.quantile(0.5)).isEqualTo(10.0);
        // linear between (0.1, 4) and (0.5, 10), then between (0.5, 10) and (0.9, 20)
        assertThat(day.quantile(0.3)).isCloseTo(4 + (0.3 - 0.1) / 0.4 * (10 - 4), within(1e-12));
        assertThat(day.quantile(0.7)).isCloseTo(10 + (0.7 - 0.5) / 0.4 * (20 - 10), within(1e-12));
        assertThat(day.mean()).isEqualTo(11.0); // the mean given to fromQuantiles
        assertThat(day.isConstant()).isFalse();
    }

    @Test
    void extrapolatesTheTailsLinearlyAndNeverBelowZero() {
        // Lower tail continues the first segment's slope (10 - 4) / 0.4 = 15 units per unit of probability.
        assertThat(day.quantile(0.05)).isCloseTo(4 - 0.05 * 15, within(1e-12));
        assertThat(day.quantile(0.0)).isCloseTo(4 - 0.1 * 15, within(1e-12));
        // Upper tail continues the last segment's slope (20 - 10) / 0.4 = 25.
        assertThat(day.quantile(0.95)).isCloseTo(20 + 0.05 * 25, within(1e-12));
        assertThat(day.quantile(1.0)).isCloseTo(20 + 0.1 * 25, within(1e-12));

        // slope (5 - 1) / 0.2 = 20: the lower tail 1 - (0.4 - u) 20 reaches 0 at u = 0.35 and is cut there
        var steep = DailyDemand.fromQuantiles(new double[] {0.4, 0.6}, new double[] {1, 5}, 3);
        assertThat(steep.quantile(0.0)).isZero();
        assertThat(steep.quantile(0.2)).isZero();
        assertThat(steep.quantile(0.35)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void equalQuantilesAndSingleQuantilesArePointMasses() {
        var flat = DailyDemand.fromQuantiles(new double[] {0.1, 0.9}, new double[] {7, 7}, 7);
        assertThat(flat.isConstant()).isTrue();
        assertThat(flat.quantile(0.0)).isEqualTo(7.0);
        assertThat(flat.quantile(0.999)).isEqualTo(7.0);

        var single = DailyDemand.fromQuantiles(new double[] {0.5}, new double[] {3}, 3);
        assertThat(single.isConstant()).isTrue();
        assertThat(single.quantile(0.01)).isEqualTo(3.0);
    }
}
