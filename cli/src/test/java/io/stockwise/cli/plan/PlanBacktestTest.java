package io.stockwise.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.Quantiles;
import io.stockwise.optimizer.domain.MonteCarloDemandSum;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlanBacktestTest {
    private static final PlanBacktest.Terms TERMS = new PlanBacktest.Terms(3, 4, 28, false);

    @Test
    void aKnownPathIsReplayedDayByDay() {
        // L = 1, R = 2, S = 10: day 0 holds 10; orders at days 0, 2, 4 arrive a day later.
        var terms = new PlanBacktest.Terms(1, 2, 5, false);
        var r = PlanBacktest.replay(new double[] {10}, new double[] {4, 4, 12, 0, 3}, terms);
        // Day 0: 10 on hand, no order, demand 4 -> 6. Day 1: demand 4 -> 2. Day 2: order 8 (position 2),
        // demand 12 -> 2 served, net -10. Day 3: 8 arrive -> -2. Day 4: order 12, demand 3 -> -5.
        assertThat(r.ordered()).isEqualTo(20);
        assertThat(r.demanded()).isEqualTo(19); // days 1..4
        assertThat(r.served()).isEqualTo(4 + 2);
        assertThat(r.averageOnHand()).isCloseTo((2 + 0 + 0 + 0) / 4.0, within(1e-12));
        // Cycles: review 0 covers days 1-2 (net -10 at its end), review 1 covers days 3-4 (net -5).
        assertThat(r.cycles()).isEqualTo(2);
        assertThat(r.cyclesServed()).isZero();

        var lost = PlanBacktest.replay(new double[] {10}, new double[] {4, 4, 12, 0, 3}, new PlanBacktest.Terms(1, 2, 5, true));
        // Lost sales: day 2 loses 10 (net 0); day 3: 8 arrive; day 4: order 2, demand 3 served.
        assertThat(lost.served()).isEqualTo(4 + 2 + 3);
        assertThat(lost.cyclesServed()).isEqualTo(1);
    }

    @Test
    void theRealisedServiceLevelMatchesTheTheoreticalOneOnKnownDemand() {
        // Poisson demand of known mean; the forecast is its exact distribution.
        double lambda = 3;
        var levels = Quantiles.levels();
        var q = Quantiles.countQuantiles(lambda, 1, levels);
        var mean = new double[TERMS.windowDays()];
        var quantiles = new double[TERMS.windowDays()][];
        Arrays.fill(mean, lambda);
        for (int d = 0; d < quantiles.length; d++) {
            quantiles[d] = q.clone();
        }
        var forecast = new QuantileForecast("P", LocalDate.of(2024, 1, 1), mean, quantiles);
        var sums = new MonteCarloDemandSum(4000, 5);
        var demand = PlanBacktest.protectionDemand(forecast, TERMS, sums);
        var rnd = new SplittableRandom(42);
        for (double target : new double[] {0.9, 0.95}) {
            var s = new double[demand.length];
            for (int r = 0; r < s.length; r++) {
                s[r] = demand[r].quantile(target);
            }
            // Theory: a cycle is served when Poisson(lambda (L + R)) demand is at most S.
            double theory = poissonCdf(lambda * TERMS.protectionDays(), s[0]);
            int series = 3000;
            int cycles = 0;
            int served = 0;
            for (int i = 0; i < series; i++) {
                var actual = new double[TERMS.windowDays()];
                for (int d = 0; d < actual.length; d++) {
                    actual[d] = poisson(rnd, lambda);
                }
                var o = PlanBacktest.replay(s, actual, TERMS);
                cycles += o.cycles();
                served += o.cyclesServed();
            }
            double realised = served / (double) cycles;
            // Cycles of one series overlap; the series are independent: a conservative error bar.
            double se = Math.sqrt(theory * (1 - theory) / series);
            assertThat(realised).as("target %s: theory %s", target, theory).isCloseTo(theory, within(4 * se));
            // Nine quantiles of a discrete distribution, interpolated, do not hit the target exactly
            // (here above it): what calibration corrects.
            assertThat(theory).isGreaterThanOrEqualTo(target - 0.01);
        }
    }

    @Test
    void calibrationOnEarlierCyclesBringsABiasedForecastToItsTarget() {
        // The forecast says Poisson(3) a day; demand is Poisson(4): uncalibrated S serves too few cycles.
        var levels = Quantiles.levels();
        var mean = new double[TERMS.windowDays()];
        var quantiles = new double[TERMS.windowDays()][];
        Arrays.fill(mean, 3);
        for (int d = 0; d < quantiles.length; d++) {
            quantiles[d] = Quantiles.countQuantiles(3, 1, levels);
        }
        var forecast = new QuantileForecast("B", LocalDate.of(2024, 1, 1), mean, quantiles);
        var demand = PlanBacktest.protectionDemand(forecast, TERMS, new MonteCarloDemandSum(4000, 5));
        var rnd = new SplittableRandom(7);
        double target = 0.95;
        // Earlier cycles: actual demand beside the forecast's levels on the calibration grid.
        var grid = PlanBacktest.calibrationLevels(target);
        var past = new ArrayList<double[]>();
        for (int i = 0; i < 2000; i++) {
            var actual = path(rnd, 4);
            for (int r = 0; r < demand.length; r++) {
                var row = new double[grid.length + 2];
                row[0] = PlanBacktest.protectionActual(actual, r, TERMS);
                row[1] = 4;
                for (int j = 0; j < grid.length; j++) {
                    row[2 + j] = demand[r].quantile(grid[j]);
                }
                past.add(row);
            }
        }
        var fit = PlanBacktest.calibrate(past, grid, target);
        assertThat(fit[0] > target || fit[1] > 1 || fit[2] > 0).as("fit %s", Arrays.toString(fit)).isTrue();
        // Later cycles, replayed with the raw and the calibrated levels.
        int cycles = 0;
        int raw = 0;
        int calibrated = 0;
        for (int i = 0; i < 3000; i++) {
            var actual = path(rnd, 4);
            var sRaw = new double[demand.length];
            var sCal = new double[demand.length];
            for (int r = 0; r < demand.length; r++) {
                sRaw[r] = demand[r].quantile(target);
                sCal[r] = fit[1] * demand[r].quantile(fit[0]) + fit[2] * 4;
            }
            var a = PlanBacktest.replay(sRaw, actual, TERMS);
            cycles += a.cycles();
            raw += a.cyclesServed();
            calibrated += PlanBacktest.replay(sCal, actual, TERMS).cyclesServed();
        }
        assertThat(raw / (double) cycles).isLessThan(0.85);
        assertThat(calibrated / (double) cycles).isCloseTo(target, within(0.015));
        // No history: no change; demand past a level of zero cannot be reached by scaling.
        assertThat(PlanBacktest.calibrate(List.of(), grid, target)).containsExactly(target, 1, 0);
        // Demand that a zero forecast never covers is met by a typical order (here 6 units).
        var zero = new ArrayList<double[]>();
        for (int i = 0; i < 100; i++) {
            var row = new double[grid.length + 2];
            row[0] = i < 10 ? 6 : 0;
            row[1] = 6;
            zero.add(row);
        }
        assertThat(PlanBacktest.calibrate(zero, grid, 0.95)[2]).isEqualTo(1);
        var h = io.stockwise.forecast.core.DemandSeries.of("T", LocalDate.of(2024, 1, 1), new double[] {0, 12, 0, 24, 6, 0, 12});
        assertThat(PlanBacktest.typicalOrder(h)).isEqualTo(12);
        assertThat(PlanBacktest.calibrationFactor(new double[] {0.5, Double.POSITIVE_INFINITY}, 0.9)).isInfinite();
    }

    @Test
    void theSampledProtectionIntervalMeanIsTheSumOfTheServedForecastMeans() {
        // Served forecasts are one distribution per day, so the optimizer's protection-interval sums
        // (the same quantile function, linear tails) have the sum of the daily means as their mean.
        var levels = Quantiles.levels();
        var rnd = new SplittableRandom(3);
        for (double lambda : new double[] {0.05, 0.4, 3, 40}) {
            var mean = new double[TERMS.windowDays()];
            var quantiles = new double[TERMS.windowDays()][];
            for (int d = 0; d < mean.length; d++) {
                double m = lambda * (0.5 + rnd.nextDouble());
                mean[d] = m * 1.2; // a model mean that disagrees with its quantiles
                quantiles[d] = Quantiles.countQuantiles(m, 2, levels);
            }
            var served = io.stockwise.forecast.core.ForecastPostProcessor.consistent(
                    new QuantileForecast("M", LocalDate.of(2024, 1, 1), mean, quantiles),
                    io.stockwise.forecast.core.ForecastPostProcessor.MeanRule.CARRIED);
            var demand = PlanBacktest.protectionDemand(served, TERMS, new MonteCarloDemandSum(20_000, 1));
            for (int r = 0; r < demand.length; r++) {
                double sum = 0;
                for (int d = r * TERMS.reviewPeriodDays(); d < r * TERMS.reviewPeriodDays() + TERMS.protectionDays(); d++) {
                    sum += served.mean()[d];
                }
                if (sum == 0) {
                    assertThat(demand[r].mean()).isZero();
                } else {
                    assertThat(demand[r].mean() / sum).as("lambda %s review %d", lambda, r).isCloseTo(1, within(0.005));
                }
            }
        }
    }

    @Test
    void classicalRulesFollowTheirDefinitions() {
        var y = new double[70];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2 == 0 ? 2 : 4; // mean 3 over the last 8 weeks, sd ~1.009
        }
        var h = io.stockwise.forecast.core.DemandSeries.of("C", LocalDate.of(2024, 1, 1), y);
        double sd = Math.sqrt(56.0 / 55.0);
        assertThat(PlanBacktest.normalLevel(h, TERMS, 0.95))
                .isCloseTo(21 + io.stockwise.forecast.core.Normal.inverse(0.95) * sd * Math.sqrt(7), within(1e-9));
        // Rolling 7-day sums alternate 20 and 22.
        assertThat(PlanBacktest.empiricalLevel(h, TERMS, 0.95)).isEqualTo(22);
        assertThat(PlanBacktest.empiricalLevel(h, TERMS, 0.4)).isEqualTo(20);
    }

    private static double[] path(SplittableRandom rnd, double lambda) {
        var a = new double[TERMS.windowDays()];
        for (int d = 0; d < a.length; d++) {
            a[d] = poisson(rnd, lambda);
        }
        return a;
    }

    private static double poisson(SplittableRandom rnd, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double poissonCdf(double mean, double x) {
        double p = Math.exp(-mean);
        double cdf = p;
        for (int k = 1; k <= (int) Math.floor(x + 1e-9); k++) {
            p *= mean / k;
            cdf += p;
        }
        return cdf;
    }
}
