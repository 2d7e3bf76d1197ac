package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SerialSystemTest {
    /**
     * Snyder & Shen, Fundamentals of Supply Chain Theory, 2nd ed., Example 6.1 (stockpyl instance
     * example_6_1): stage 1 first; echelon h = (3, 2, 2) (local 7, 4, 2), L = (1, 1, 2), p = 37.12.
     */
    private static final List<SerialSystem.Stage> EXAMPLE_6_1 = List.of(new SerialSystem.Stage(1, 3),
            new SerialSystem.Stage(1, 2), new SerialSystem.Stage(2, 2));
    private static final double[] ECHELON_H = {3, 2, 2};
    private static final int[] LEAD = {1, 1, 2};

    @Test
    void snyderShenExample61() {
        var r = SerialSystem.solve(SerialSystem.Demand.normal(5, 1), EXAMPLE_6_1, 37.12, 0, "s");
        // the book: local levels (6.49, 5.53, 10.69) (the levels of stockpyl's example_6_1 instance),
        // so echelon levels (6.49, 12.02, 22.71); expected cost 47.66
        assertThat(r.stages()).extracting(SerialSystem.StageResult::echelonBaseStockLevel)
                .containsExactly(6.49, 12.02, 22.71);
        assertThat(r.stages().get(1).localBaseStockLevel()).isCloseTo(12.02 - 6.49, within(1e-9));
        assertThat(r.stages().get(2).localBaseStockLevel()).isCloseTo(22.71 - 12.02, within(1e-9));
        assertThat(r.expectedCost()).isCloseTo(47.66, within(0.005));
        assertThat(r.exact()).isFalse();
        // an independent check of the book's figures: the Chen-Zheng recursion below on its own lattice
        // (step 0.01, cell masses by the midpoint rule on the normal density)
        double step = 0.01;
        var pmfs = new double[3][];
        int[] first = new int[3];
        for (int j = 0; j < 3; j++) {
            double mean = 5.0 * LEAD[j];
            double sd = Math.sqrt(LEAD[j]);
            first[j] = (int) Math.floor((mean - 9 * sd) / step);
            int last = (int) Math.ceil((mean + 9 * sd) / step);
            pmfs[j] = new double[last - first[j] + 1];
            double total = 0;
            for (int m = 0; m < pmfs[j].length; m++) {
                double z = ((first[j] + m) * step - mean) / sd;
                pmfs[j][m] = Math.exp(-z * z / 2);
                total += pmfs[j][m];
            }
            for (int m = 0; m < pmfs[j].length; m++) {
                pmfs[j][m] /= total;
            }
        }
        var lattice = ChenZheng.solve(pmfs, first, step, ECHELON_H, 37.12, -4000, 6000);
        for (int j = 0; j < 3; j++) {
            assertThat(lattice.levels()[j] * step).as("stage %d", j + 1)
                    .isCloseTo(r.stages().get(j).echelonBaseStockLevel(), within(0.0101));
        }
        assertThat(lattice.cost()).isCloseTo(47.66, within(0.005)).isCloseTo(r.expectedCost(), within(1e-3));
        // a finer lattice moves the cost by less than 1e-4
        var fine = SerialSystem.solve(SerialSystem.Demand.normal(5, 1), EXAMPLE_6_1, 37.12, 250, "s");
        assertThat(fine.expectedCost()).isCloseTo(r.expectedCost(), within(1e-4));
    }

    @Test
    void poissonIsExactOnTheIntegers() {
        // Reference: the Chen-Zheng recursion written out below (ChenZheng) on the integers, Poisson(5 L_j)
        // lead-time demand by its probability recursion.
        var r = SerialSystem.solve(SerialSystem.Demand.integer(IntegerPmf.poisson(5)), EXAMPLE_6_1, 37.12, 0, "s");
        var pmfs = new double[3][];
        for (int j = 0; j < 3; j++) {
            pmfs[j] = NewsvendorTest.poisson(5.0 * LEAD[j], 80);
        }
        var ref = ChenZheng.solve(pmfs, new int[3], 1, ECHELON_H, 37.12, -300, 300);
        assertThat(r.exact()).isTrue();
        assertThat(r.stages()).extracting(SerialSystem.StageResult::echelonBaseStockLevel)
                .containsExactly((double) ref.levels()[0], (double) ref.levels()[1], (double) ref.levels()[2]);
        assertThat(r.stages().get(0).stageCost()).isCloseTo(ref.stageCosts()[0], within(1e-9));
        assertThat(r.stages().get(1).stageCost()).isCloseTo(ref.stageCosts()[1], within(1e-9));
        assertThat(r.expectedCost()).isCloseTo(ref.cost(), within(1e-9));
    }

    /** Levels (lattice indices), C_j(S_j) per stage, and the total C_N(S_N). */
    private record Recursion(int[] levels, double[] stageCosts, double cost) {
    }

    /**
     * The Chen-Zheng (1994) form of Clark & Scarf's recursion (S&S sec. 6.2), on lattice indices
     * lo..hi: Cbar_0(x) = (p + h'_1) max(-x, 0) with h'_1 = sum of echelon h; Chat_j(x) = h_j x +
     * Cbar_{j-1}(x); C_j(y) = E Chat_j(y - D_j), D_j's mass pmfs[j][m] at index first[j] + m;
     * S_j = argmin C_j; Cbar_j(x) = C_j(min(S_j, x)); index i stands for the quantity i * step.
     */
    private static final class ChenZheng {
        static Recursion solve(double[][] pmfs, int[] first, double step, double[] echelonH, double p, int lo, int hi) {
            int n = pmfs.length;
            double local = 0;
            for (double v : echelonH) {
                local += v;
            }
            int size = hi - lo + 1;
            double[] cbar = new double[size];
            for (int i = 0; i < size; i++) {
                cbar[i] = (p + local) * Math.max(-(lo + i) * step, 0);
            }
            int validLo = lo; // cbar is exact on indices validLo..hi
            int[] levels = new int[n];
            double[] stageCosts = new double[n];
            for (int j = 0; j < n; j++) {
                int maxShift = first[j] + pmfs[j].length - 1;
                int from = validLo + Math.max(maxShift, 0);
                int to = hi + Math.min(first[j], 0);
                double[] c = new double[size];
                java.util.Arrays.fill(c, Double.NaN);
                int best = -1;
                for (int y = from; y <= to; y++) {
                    double sum = 0;
                    for (int m = 0; m < pmfs[j].length; m++) {
                        int x = y - first[j] - m;
                        sum += pmfs[j][m] * (echelonH[j] * x * step + cbar[x - lo]);
                    }
                    c[y - lo] = sum;
                    if (best < 0 || sum < c[best - lo]) {
                        best = y;
                    }
                }
                assertThat(best).as("stage %d optimum inside the range", j + 1).isBetween(from + 1, to - 1);
                levels[j] = best;
                stageCosts[j] = c[best - lo];
                double[] next = new double[size];
                for (int x = from; x <= hi; x++) {
                    next[x - lo] = c[Math.min(best, x) - lo];
                }
                cbar = next;
                validLo = from;
            }
            return new Recursion(levels, stageCosts, stageCosts[n - 1]);
        }
    }

    @Test
    void oneStageIsTheBaseStockModel() {
        // N = 1 with L_1 = L + 1 periods is periodic-review base-stock with lead time L (D over L + 1)
        for (int lead = 0; lead <= 3; lead++) {
            var one = List.of(new SerialSystem.Stage(lead + 1, 0.8));
            var poisson = SerialSystem.solve(SerialSystem.Demand.integer(IntegerPmf.poisson(4)), one, 6, 0, "s");
            var reference = BaseStock.poisson(4, BaseStock.Terms.of(0.8, 6, lead, 0, "b"), "b");
            assertThat(poisson.stages().get(0).echelonBaseStockLevel())
                    .isEqualTo(reference.orderUpToLevel().getAsDouble());
            assertThat(poisson.expectedCost()).isCloseTo(reference.expectedCost(), within(1e-9));

            var normal = SerialSystem.solve(SerialSystem.Demand.normal(50, 8), one, 0.70, 0, "s");
            var nv = BaseStock.normal(50, 8, BaseStock.Terms.of(0.8, 0.70, lead, 0, "b"), "b");
            double step = 8.0 / SerialSystem.DEFAULT_POINTS_PER_SD;
            assertThat(normal.stages().get(0).echelonBaseStockLevel())
                    .isCloseTo(nv.orderUpToLevel().getAsDouble(), within(step));
            assertThat(normal.expectedCost()).isCloseTo(nv.expectedCost(), within(1e-3 * nv.expectedCost()));
        }
    }

    @Test
    void simulatedCostOfTheLevelsMatchesTheOptimum() {
        // Poisson(5), three stages: simulate the echelon base-stock policy with the computed levels.
        var r = SerialSystem.solve(SerialSystem.Demand.integer(IntegerPmf.poisson(5)), EXAMPLE_6_1, 37.12, 0, "s");
        long[] levels = r.stages().stream().mapToLong(s -> (long) s.echelonBaseStockLevel()).toArray();
        double[] h = ECHELON_H;
        int[] lead = LEAD;
        int periods = 400_000;
        int batches = 20;
        double[] batchMean = simulate(levels, h, lead, 37.12, 5, periods, batches, 2026);
        double mean = 0;
        for (double b : batchMean) {
            mean += b / batches;
        }
        double var = 0;
        for (double b : batchMean) {
            var += (b - mean) * (b - mean) / (batches - 1);
        }
        double standardError = Math.sqrt(var / batches);
        assertThat(standardError).isLessThan(0.3);
        assertThat(Math.abs(mean - r.expectedCost())).isLessThan(4 * standardError);
        // and a non-optimal level costs visibly more
        long[] worse = {levels[0], levels[1] - 3, levels[2]};
        double[] worseMeans = simulate(worse, h, lead, 37.12, 5, periods / 4, 5, 7);
        double worseMean = java.util.Arrays.stream(worseMeans).average().orElseThrow();
        assertThat(worseMean).isGreaterThan(r.expectedCost() + 1);
    }

    @Test
    void badInputNamesTheField() {
        var d = SerialSystem.Demand.integer(IntegerPmf.poisson(2));
        assertThatThrownBy(() -> SerialSystem.solve(d, List.of(), 1, 0, "serial_system"))
                .hasMessageContaining("serial_system.stages");
        assertThatThrownBy(() -> SerialSystem.solve(d, List.of(new SerialSystem.Stage(1, -1)), 1, 0, "serial_system"))
                .hasMessageContaining("serial_system.stages[0].echelon_holding_cost");
        assertThatThrownBy(() -> SerialSystem.solve(d, List.of(new SerialSystem.Stage(1, 1)), 0, 0, "serial_system"))
                .hasMessageContaining("serial_system.stockout_cost");
    }

    /**
     * A period-by-period simulation of the serial system: arrivals, then demand at stage 1 (first
     * serving backorders), then costs at the end of the period (echelon holding on echelon inventory
     * levels + (p + h'_1) per backorder, i.e. local holding plus p), then, from stage N down, orders
     * that raise each echelon inventory position to its level; stage j + 1 ships what it has, the
     * shipment arriving L_j periods later. Returns the mean cost per period of each batch (after a
     * warm-up).
     */
    static double[] simulate(long[] echelonLevels, double[] h, int[] lead, double p, double poissonMean,
                             int periods, int batches, long seed) {
        int n = echelonLevels.length;
        double localOne = 0;
        for (double v : h) {
            localOne += v;
        }
        var random = new SplittableRandom(seed);
        long[] onHand = new long[n]; // stage j's stock
        long[] owed = new long[n]; // owed[j]: units stage j + 1 owes stage j (the supplier owes nothing)
        long[][] pipeline = new long[n][]; // arrivals to stage j, by periods from now
        for (int j = 0; j < n; j++) {
            pipeline[j] = new long[lead[j] + 1];
        }
        long backorders = 0;
        int warmUp = 1000;
        double[] sums = new double[batches];
        int perBatch = periods / batches;
        for (int t = 0; t < warmUp + perBatch * batches; t++) {
            for (int j = 0; j < n; j++) { // arrivals
                onHand[j] += pipeline[j][0];
                System.arraycopy(pipeline[j], 1, pipeline[j], 0, lead[j]);
                pipeline[j][lead[j]] = 0;
            }
            backorders += poisson(random, poissonMean);
            long served = Math.min(onHand[0], backorders);
            onHand[0] -= served;
            backorders -= served;
            // echelon inventory levels: stock at j and below plus in transit to stages below j
            double cost = (p + localOne) * backorders;
            long echelon = -backorders;
            for (int j = 0; j < n; j++) {
                echelon += onHand[j];
                cost += h[j] * echelon;
                echelon += inTransit(pipeline[j]); // joins echelon j + 1 and above
            }
            if (t >= warmUp) {
                sums[(t - warmUp) / perBatch] += cost;
            }
            // orders, upstream first: echelon position = echelon stock + transit into the echelon +
            // what stage j + 1 still owes stage j (claims between stages inside the echelon are not stock)
            for (int j = n - 1; j >= 0; j--) {
                long position = -backorders + (j < n - 1 ? owed[j] : 0);
                for (int i = 0; i <= j; i++) {
                    position += onHand[i] + inTransit(pipeline[i]);
                }
                long order = Math.max(0, echelonLevels[j] - position);
                if (j == n - 1) {
                    pipeline[j][lead[j] - 1] += order;
                } else {
                    owed[j] += order;
                    long ship = Math.min(onHand[j + 1], owed[j]);
                    onHand[j + 1] -= ship;
                    owed[j] -= ship;
                    pipeline[j][lead[j] - 1] += ship;
                }
            }
        }
        for (int b = 0; b < batches; b++) {
            sums[b] /= perBatch;
        }
        return sums;
    }

    private static long inTransit(long[] pipeline) {
        long s = 0;
        for (long v : pipeline) {
            s += v;
        }
        return s;
    }

    private static long poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
