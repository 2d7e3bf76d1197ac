package io.stockwise.forecast.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.forecast.core.model.Intermittent;
import io.stockwise.forecast.core.model.SeasonalNaive;
import org.junit.jupiter.api.Test;

class LevelsTest {
    @Test
    void validatesLevels() {
        assertThat(Levels.parse("0.9,0.1,0.5")).containsExactly(0.9, 0.1, 0.5);
        assertThatThrownBy(() -> Levels.parse("0.1,1")).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> Levels.parse("0,0.5")).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> Levels.parse("0.1,abc")).hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> Levels.parse("0.1,0.1")).hasMessageContaining("given twice");
        var many = new double[100];
        for (int i = 0; i < many.length; i++) {
            many[i] = (i + 1) / 101.0;
        }
        assertThatThrownBy(() -> Levels.check(many)).hasMessageContaining("at most 99");
        assertThat(Levels.check(java.util.Arrays.copyOf(many, 99))).hasSize(99);
        assertThat(Levels.column(0.1)).isEqualTo("q0.1");
        assertThat(Levels.column(0.975)).isEqualTo("q0.975");
    }

    @Test
    void interpolatesBetweenKnownLevelsAndExtendsTailsInNormalScores() {
        var known = Quantiles.levels();
        var q = new double[] {0.2, 2, 4, 5, 8, 11, 12, 14, 15};
        assertThat(Levels.interpolate(known, q, 0.5)).isEqualTo(8);
        // Halfway between 0.25 (5) and 0.5 (8).
        assertThat(Levels.interpolate(known, q, 0.375)).isCloseTo(6.5, within(1e-12));
        double z995 = Normal.inverse(0.995);
        double z975 = Normal.inverse(0.975);
        double expected = 15 + (15 - 14) / (z995 - z975) * (Normal.inverse(0.999) - z995);
        assertThat(Levels.interpolate(known, q, 0.999)).isCloseTo(expected, within(1e-9)).isGreaterThan(15);
        // Lower tail goes down, clamped at zero.
        assertThat(Levels.interpolate(known, q, 0.001)).isEqualTo(0);
    }

    @Test
    void modelsAnswerRequestedLevelsDirectlyAndTheNineExactly() {
        var s = TestData.panel(3, 200, 3).get(1);
        var nine = new SeasonalNaive().forecast(s, 14);
        var asLevels = new SeasonalNaive().forecast(s, 14, Quantiles.levels());
        assertThat(asLevels.toStandard().quantiles()).isDeepEqualTo(nine.quantiles());
        var tsb = new Intermittent(Intermittent.Method.TSB);
        var f = tsb.forecast(s, 7, new double[] {0.1, 0.5, 0.9, 0.999});
        assertThat(f.levels()).containsExactly(0.1, 0.5, 0.9, 0.999);
        assertThat(f.quantile(0, 3)).isGreaterThanOrEqualTo(f.quantile(0, 2));
        assertThat(f.mean()[0]).isEqualTo(tsb.forecast(s, 7).mean()[0]);
    }

    @Test
    void aLevelForecastReadsOtherLevelsOffItsQuantileFunction() {
        var f = LevelForecast.of(new QuantileForecast("x", TestData.START, new double[] {3},
                new double[][] {{0, 0, 1, 2, 3, 4, 5, 7, 9}}));
        var at = f.at(new double[] {0.5, 0.625});
        assertThat(at.quantile(0, 0)).isEqualTo(3);
        assertThat(at.quantile(0, 1)).isCloseTo(3.5, within(1e-12));
        assertThat(at.mean()[0]).isEqualTo(3);
    }
}
