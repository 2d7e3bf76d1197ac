package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.nonNegative;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.require;

import java.util.ArrayList;
import java.util.List;

/**
 * Multi-echelon serial system under the stochastic-service model: exact echelon base-stock levels
 * by the Clark-Scarf decomposition in the form of Chen and Zheng (1994), as in Snyder & Shen, 2nd
 * ed., sec. 6.2 (stochastic-service models, serial systems).
 *
 * <p>Stages 1..N, stage 1 faces the customer, stage N orders from an outside supplier with
 * unlimited stock. Periodic review, backorders, i.i.d. demand per period at stage 1. L_j whole
 * periods of shipment lead time into stage j; h_j the echelon holding cost (local cost of stage j
 * minus that of stage j + 1) per unit of echelon inventory per period; p per unit backordered at
 * stage 1 per period; purchase cost excluded. Echelon inventory levels are charged at the end of
 * each period and the lead-time demand of stage j spans L_j periods (S&S's serial-system
 * convention: stage j orders after the period's demand, the shipment arrives L_j periods later
 * before demand). With h'_1 = h_1 + ... + h_N (stage 1's local holding cost):
 *
 * <pre>
 *   Cbar_0(x) = (p + h'_1) x^-
 *   Chat_j(x) = h_j x + Cbar_{j-1}(x)
 *   C_j(y)    = E[Chat_j(y - D_j)],   D_j = demand over L_j periods
 *   S*_j      = argmin C_j(y),        Cbar_j(x) = C_j(min(S*_j, x))
 * </pre>
 *
 * and the optimal expected cost per period is C_N(S*_N). Integer demand (Poisson, discrete) is
 * solved exactly on the integers; normal demand on a lattice of step delta (by default a
 * hundredth of one period's standard deviation), the lead-time demand N(mu L_j, sigma^2 L_j) being
 * given the mass of each lattice cell: the levels are exact to the lattice and the cost to about
 * delta^2. Below the computed range each C_j is replaced by its exact asymptote
 * -(p + h'_{j+1}) (y - E[D_1 + ... + D_j]).
 */
public final class SerialSystem {
    private static final int MAX_STAGES = 50;
    private static final int MAX_LEAD = 1000;
    /** Lattice cells per standard deviation of one period's normal demand, when not given. */
    public static final int DEFAULT_POINTS_PER_SD = 100;
    private static final long MAX_WORK = 400_000_000L;

    private SerialSystem() {
    }

    /** Stage j: L_j periods of shipment lead time in, h_j echelon holding cost per unit per period. */
    public record Stage(int leadTimePeriods, double echelonHoldingCost) {
    }

    /** Demand of one period at stage 1: normal (mean, sd > 0) or on whole numbers (pmf). */
    public record Demand(double mean, double standardDeviation, IntegerPmf pmf) {
        public static Demand normal(double mean, double standardDeviation) {
            return new Demand(mean, standardDeviation, null);
        }

        public static Demand integer(IntegerPmf pmf) {
            return new Demand(pmf.mean(), Math.sqrt(pmf.variance()), pmf);
        }

        boolean isInteger() {
            return pmf != null;
        }
    }

    /**
     * Stage j's result.
     *
     * @param index position in the request, from 0 (stage 1)
     * @param echelonBaseStockLevel S~*_j: target for the echelon inventory position (stage j's
     *     stock, everything downstream of it and in transit to it, minus stage-1 backorders)
     * @param localBaseStockLevel S_j = S~_j - S~_{j-1} (S_1 = S~_1) after taking S~_j = min over
     *     i >= j, the installation base-stock level of the same policy
     * @param stageCost C_j(S~*_j), the stage-j subproblem's optimal cost per period
     * @param leadTimeDemandMean E[D_j] = mean per period x L_j
     */
    public record StageResult(int index, double echelonBaseStockLevel, double localBaseStockLevel, double stageCost,
                              double leadTimeDemandMean) {
    }

    /** The policy and its optimal expected cost per period. */
    public record Result(List<StageResult> stages, double expectedCost, double latticeStep, boolean exact) {
    }

    /**
     * Solves; fields named {@code prefix.*}. {@code pointsPerSd} (normal only) is the number of
     * lattice cells per standard deviation of one period's demand; 0 means the default.
     */
    public static Result solve(Demand demand, List<Stage> stages, double stockoutCost, int pointsPerSd,
                               String prefix) {
        int n = stages.size();
        require(n >= 1 && n <= MAX_STAGES, prefix + ".stages", "must have 1 to " + MAX_STAGES + " stages");
        double p = nonNegative(stockoutCost, prefix + ".stockout_cost");
        require(p > 0, prefix + ".stockout_cost", "must be greater than 0");
        double[] h = new double[n + 2];
        int[] lead = new int[n + 1];
        for (int j = 1; j <= n; j++) {
            var st = stages.get(j - 1);
            String f = prefix + ".stages[" + (j - 1) + "]";
            h[j] = nonNegative(st.echelonHoldingCost(), f + ".echelon_holding_cost");
            require(st.leadTimePeriods() >= 1 && st.leadTimePeriods() <= MAX_LEAD, f + ".lead_time_periods",
                    "must be 1 to " + MAX_LEAD);
            lead[j] = st.leadTimePeriods();
        }
        require(pointsPerSd >= 0 && pointsPerSd <= 10_000, prefix + ".points_per_standard_deviation",
                "must be 0 to 10000");
        double mu = demand.mean();
        double sd = demand.standardDeviation();
        if (!demand.isInteger()) {
            require(Double.isFinite(mu) && mu >= 0, prefix + ".normal.mean", "must be a finite number at least 0");
            require(Double.isFinite(sd) && sd > 0, prefix + ".normal.standard_deviation", "must be greater than 0");
        }
        require(sd > 0, prefix + ".demand", "must not be deterministic");
        // h'_j: local holding cost of stage j = sum of echelon costs from j up
        double[] local = new double[n + 2];
        for (int j = n; j >= 1; j--) {
            local[j] = local[j + 1] + h[j];
        }
        double delta = demand.isInteger() ? 1 : sd / (pointsPerSd == 0 ? DEFAULT_POINTS_PER_SD : pointsPerSd);

        // lattice distribution of each stage's lead-time demand: mass[m] at (first + m) delta
        long[] first = new long[n + 1];
        double[][] mass = new double[n + 1][];
        double[] echelonMean = new double[n + 1];
        double[] echelonSd = new double[n + 1];
        long work = 0;
        int cumulative = 0;
        for (int j = 1; j <= n; j++) {
            cumulative += lead[j];
            echelonMean[j] = mu * cumulative;
            echelonSd[j] = sd * Math.sqrt(cumulative);
            if (demand.isInteger()) {
                require((long) demand.pmf().maxValue() * lead[j] <= 2_000_000, prefix + ".stages[" + (j - 1)
                        + "].lead_time_periods", "lead-time demand too large");
                mass[j] = demand.pmf().sumOf(lead[j]).probabilities();
                first[j] = 0;
            } else {
                double m = mu * lead[j];
                double s = sd * Math.sqrt(lead[j]);
                long lo = (long) Math.floor((m - 10 * s) / delta);
                long hi = (long) Math.ceil((m + 10 * s) / delta);
                double[] q = new double[(int) (hi - lo + 1)];
                double prev = NormalMath.cdf(((lo - 0.5) * delta - m) / s);
                for (int k = 0; k < q.length; k++) {
                    double cur = NormalMath.cdf(((lo + k + 0.5) * delta - m) / s);
                    q[k] = cur - prev;
                    prev = cur;
                }
                mass[j] = q;
                first[j] = lo;
            }
        }
        // C_j on lattice indices [a_j, b_j]
        long[] a = new long[n + 1];
        long[] b = new long[n + 1];
        for (int j = 1; j <= n; j++) {
            a[j] = (long) Math.floor((echelonMean[j] - 12 * echelonSd[j]) / delta) - 2;
            b[j] = (long) Math.ceil((echelonMean[j] + 12 * echelonSd[j]) / delta) + 2;
            if (demand.isInteger()) {
                a[j] = Math.min(a[j], -1);
            }
            work += (b[j] - a[j] + 1) * (long) mass[j].length;
        }
        require(work <= MAX_WORK, prefix + ".stages", "system too large to solve exactly (lead times x demand)");

        double[][] c = new double[n + 1][];
        long[] best = new long[n + 1];
        double[] bestCost = new double[n + 1];
        for (int j = 1; j <= n; j++) {
            int size = (int) (b[j] - a[j] + 1);
            double[] cj = new double[size];
            double[] q = mass[j];
            // Chat_j on the indices y - d can take: [a_j - dmax, b_j - dmin]
            long from = a[j] - (first[j] + q.length - 1);
            long to = b[j] - first[j];
            double[] chat = new double[(int) (to - from + 1)];
            for (int i = 0; i < chat.length; i++) {
                long x = from + i;
                chat[i] = h[j] * x * delta + cbar(j - 1, x, delta, p, local, c, a, best, echelonMean);
            }
            for (int i = 0; i < size; i++) {
                long y = a[j] + i;
                // y - d for d = first + m: chat index (y - first - m) - from
                int base = (int) (y - first[j] - from);
                double s = 0;
                for (int m = 0; m < q.length; m++) {
                    s += q[m] * chat[base - m];
                }
                cj[i] = s;
            }
            int arg = 0;
            for (int i = 1; i < size; i++) {
                if (cj[i] < cj[arg]) {
                    arg = i;
                }
            }
            if (arg == 0 || arg == size - 1) {
                throw new IllegalStateException("Clark-Scarf optimum on the edge of the computed range at stage " + j);
            }
            c[j] = cj;
            best[j] = a[j] + arg;
            bestCost[j] = cj[arg];
        }
        var results = new ArrayList<StageResult>();
        double downstream = 0;
        for (int j = 1; j <= n; j++) {
            double echelon = best[j] * delta;
            double effective = echelon;
            for (int i = j + 1; i <= n; i++) {
                effective = Math.min(effective, best[i] * delta);
            }
            double localLevel = j == 1 ? effective : effective - downstream;
            downstream = effective;
            results.add(new StageResult(j - 1, echelon, localLevel, bestCost[j], mu * lead[j]));
        }
        return new Result(results, bestCost[n], delta, demand.isInteger());
    }

    /** Cbar_j(x) at lattice index x: C_j(min(S*_j, x)), its asymptote below the range, and Cbar_0. */
    private static double cbar(int j, long x, double delta, double p, double[] local, double[][] c, long[] a,
                               long[] best, double[] echelonMean) {
        if (j == 0) {
            return x < 0 ? -(p + local[1]) * x * delta : 0;
        }
        long y = Math.min(x, best[j]);
        if (y < a[j]) {
            return -(p + local[j + 1]) * (y * delta - echelonMean[j]);
        }
        return c[j][(int) (y - a[j])];
    }
}
