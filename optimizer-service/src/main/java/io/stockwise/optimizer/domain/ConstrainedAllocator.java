package io.stockwise.optimizer.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/**
 * Cuts orders to fit shared budgets and capacities at the least extra expected cost.
 *
 * <p>Problem: choose per series an order q_i in {0} or whole case packs from the minimum order up to
 * its unconstrained order, minimising the sum of the convex cycle costs g_i(q_i) (see
 * {@link SeriesModel}) subject to, for every constraint k (a group's budget or volume capacity),
 * {@code sum_i a_ik q_i <= c_k} (a_ik: unit cost or unit volume). Orders are only ever cut, so a
 * constraint the unconstrained orders keep stays kept and only violated ones get a price.
 *
 * <p>Method: Lagrangian relaxation. For prices lambda_k &gt;= 0 every series independently takes the
 * order minimising {@code g_i(q) + mu_i q} with {@code mu_i = sum_k lambda_k a_ik} (exact on its
 * lattice, minimum order included: {@link SeriesModel#best}); the prices are found by bisection per
 * constraint (the smallest price that keeps it), swept until they settle. Those orders keep every
 * constraint; leftover room is then filled greedily with the next case packs of best value per priced
 * resource, and any constraint still broken (possible when series share several constraints) is
 * repaired by cutting the packs of least value per unit of resource. The dual value at the final
 * prices, {@code sum_i min_q (g_i + mu_i q) - sum_k lambda_k c_k}, is a lower bound on the cost of
 * any feasible plan, so the relative difference to it bounds the optimality gap.
 */
final class ConstrainedAllocator {
    private static final int BISECTIONS = 40;
    private static final int MAX_SWEEPS = 8;
    private static final int PARALLEL_THRESHOLD = 4096;
    private static final double TOLERANCE = 1e-9;

    /** One budget or capacity. */
    record Constraint(int group, String resource, double capacity, int[] members, double[] coefficients) {}

    /**
     * The result.
     *
     * @param orders the order per series
     * @param binding per series, the index of the constraint that cut it, or -1
     * @param lowerBound the dual bound on the cost of the series in violated constraints plus the
     *     fixed cost of the others
     * @param cost the cost of the orders
     */
    record Allocation(double[] orders, int[] binding, double lowerBound, double cost) {}

    private ConstrainedAllocator() {}

    static Allocation allocate(List<SeriesModel> models, List<Constraint> constraints) {
        int n = models.size();
        var q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = models.get(i).unconstrainedOrder;
        }
        var violated = new ArrayList<Constraint>();
        for (var c : constraints) {
            if (usage(c, q) > c.capacity() * (1 + TOLERANCE) + TOLERANCE) {
                violated.add(c);
            }
        }
        var binding = new int[n];
        Arrays.fill(binding, -1);
        if (violated.isEmpty()) {
            double cost = totalCost(models, q);
            return new Allocation(q, binding, cost, cost);
        }
        // Per series, the violated constraints it takes part in.
        var memberOf = new ArrayList<List<int[]>>(n);
        for (int i = 0; i < n; i++) {
            memberOf.add(new ArrayList<>(2));
        }
        for (int k = 0; k < violated.size(); k++) {
            var c = violated.get(k);
            for (int j = 0; j < c.members().length; j++) {
                memberOf.get(c.members()[j]).add(new int[] {k, j});
            }
        }
        var active = new boolean[n];
        for (int i = 0; i < n; i++) {
            active[i] = !memberOf.get(i).isEmpty();
        }
        // Constraints that share no series are independent: one sweep prices them all.
        boolean shared = false;
        for (int i = 0; i < n && !shared; i++) {
            shared = memberOf.get(i).size() > 1;
        }
        var lambda = new double[violated.size()];
        var mu = new double[n];
        if (!shared) {
            // Independent constraints: each price is found once, on both cores.
            IntStream.range(0, violated.size()).parallel()
                    .forEach(k -> lambda[k] = bisect(models, violated, memberOf, lambda, k));
        } else {
            for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
                boolean changed = false;
                for (int k = 0; k < violated.size(); k++) {
                    double before = lambda[k];
                    double found = bisect(models, violated, memberOf, lambda, k);
                    lambda[k] = found;
                    if (Math.abs(found - before) > 1e-9 * Math.max(1, Math.abs(before))) {
                        changed = true;
                    }
                }
                if (!changed) {
                    break;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                mu[i] = price(memberOf.get(i), violated, lambda);
                q[i] = models.get(i).best(mu[i]);
            }
        }
        double bound = 0;
        for (int i = 0; i < n; i++) {
            var m = models.get(i);
            bound += active[i] ? m.lagrangian(q[i], mu[i]) : m.cost(q[i]);
        }
        for (int k = 0; k < violated.size(); k++) {
            bound -= lambda[k] * violated.get(k).capacity();
        }
        repair(models, violated, memberOf, q);
        fill(models, violated, memberOf, active, mu, q);
        for (int i = 0; i < n; i++) {
            if (active[i] && q[i] < models.get(i).unconstrainedOrder - TOLERANCE) {
                int best = -1;
                double bestPrice = -1;
                for (var kj : memberOf.get(i)) {
                    double p = lambda[kj[0]] * violated.get(kj[0]).coefficients()[kj[1]];
                    if (p > bestPrice) {
                        bestPrice = p;
                        best = kj[0];
                    }
                }
                binding[i] = constraints.indexOf(violated.get(best));
            }
        }
        double cost = totalCost(models, q);
        return new Allocation(q, binding, Math.min(bound, cost), cost);
    }

    /** The smallest price of constraint k that keeps it, the other prices fixed. */
    private static double bisect(List<SeriesModel> models, List<Constraint> violated, List<List<int[]>> memberOf,
            double[] lambda, int k) {
        var c = violated.get(k);
        double limit = c.capacity() * (1 + TOLERANCE) + TOLERANCE;
        if (usageAt(models, c, violated, memberOf, lambda, k, 0) <= limit) {
            return 0;
        }
        double hi = 0;
        for (int j = 0; j < c.members().length; j++) {
            hi = Math.max(hi, models.get(c.members()[j]).penalty / c.coefficients()[j]);
        }
        hi = hi * 1.001 + 1e-12;
        double lo = 0;
        for (int it = 0; it < BISECTIONS && hi - lo > 1e-9 * hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (usageAt(models, c, violated, memberOf, lambda, k, mid) <= limit) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        lambda[k] = hi;
        return hi;
    }

    private static double price(List<int[]> memberships, List<Constraint> violated, double[] lambda) {
        double mu = 0;
        for (var kj : memberships) {
            mu += lambda[kj[0]] * violated.get(kj[0]).coefficients()[kj[1]];
        }
        return mu;
    }

    /** Usage of constraint k when its price is {@code value} and the others keep theirs. */
    private static double usageAt(List<SeriesModel> models, Constraint c, List<Constraint> violated,
            List<List<int[]>> memberOf, double[] lambda, int k, double value) {
        lambda[k] = value;
        var members = c.members();
        var range = IntStream.range(0, members.length);
        return (members.length >= PARALLEL_THRESHOLD ? range.parallel() : range).mapToDouble(j -> {
            int i = members[j];
            return c.coefficients()[j] * models.get(i).best(price(memberOf.get(i), violated, lambda));
        }).sum();
    }

    private static double usage(Constraint c, double[] q) {
        double sum = 0;
        for (int j = 0; j < c.members().length; j++) {
            sum += c.coefficients()[j] * q[c.members()[j]];
        }
        return sum;
    }

    private static double totalCost(List<SeriesModel> models, double[] q) {
        double sum = 0;
        for (int i = 0; i < q.length; i++) {
            sum += models.get(i).cost(q[i]);
        }
        return sum;
    }

    /** Cuts the packs of least value per resource unit from broken constraints until none is broken. */
    private static void repair(List<SeriesModel> models, List<Constraint> violated, List<List<int[]>> memberOf,
            double[] q) {
        for (var c : violated) {
            double used = usage(c, q);
            if (used <= c.capacity() * (1 + TOLERANCE) + TOLERANCE) {
                continue;
            }
            var queue = new PriorityQueue<double[]>((a, b) -> Double.compare(a[0], b[0]));
            for (int j = 0; j < c.members().length; j++) {
                offerCut(queue, models.get(c.members()[j]), q, j, c.coefficients()[j]);
            }
            while (used > c.capacity() * (1 + TOLERANCE) + TOLERANCE && !queue.isEmpty()) {
                var top = queue.poll();
                int j = (int) top[1];
                int i = c.members()[j];
                double smaller = models.get(i).previous(q[i]);
                used -= c.coefficients()[j] * (q[i] - smaller);
                q[i] = smaller;
                offerCut(queue, models.get(i), q, j, c.coefficients()[j]);
            }
        }
    }

    private static void offerCut(PriorityQueue<double[]> queue, SeriesModel m, double[] q, int j, double coefficient) {
        int i = m.index;
        if (q[i] <= 0 || coefficient <= 0) {
            return;
        }
        double smaller = m.previous(q[i]);
        double loss = m.cost(smaller) - m.cost(q[i]);
        queue.add(new double[] {loss / (coefficient * (q[i] - smaller)), j});
    }

    /** Adds the next packs of most cost saved per priced resource while every constraint keeps. */
    private static void fill(List<SeriesModel> models, List<Constraint> violated, List<List<int[]>> memberOf,
            boolean[] active, double[] mu, double[] q) {
        var room = new double[violated.size()];
        for (int k = 0; k < room.length; k++) {
            room[k] = violated.get(k).capacity() - usage(violated.get(k), q);
        }
        var queue = new PriorityQueue<double[]>((a, b) -> Double.compare(b[0], a[0]));
        for (int i = 0; i < q.length; i++) {
            if (active[i]) {
                offerAdd(queue, models.get(i), q, mu[i]);
            }
        }
        while (!queue.isEmpty()) {
            var top = queue.poll();
            int i = (int) top[1];
            var m = models.get(i);
            double larger = m.next(q[i]);
            double step = larger - q[i];
            boolean fits = true;
            for (var kj : memberOf.get(i)) {
                double need = violated.get(kj[0]).coefficients()[kj[1]] * step;
                if (need > room[kj[0]] + TOLERANCE * Math.max(1, violated.get(kj[0]).capacity())) {
                    fits = false;
                    break;
                }
            }
            if (!fits) {
                continue;
            }
            for (var kj : memberOf.get(i)) {
                room[kj[0]] -= violated.get(kj[0]).coefficients()[kj[1]] * step;
            }
            q[i] = larger;
            offerAdd(queue, m, q, mu[i]);
        }
    }

    private static void offerAdd(PriorityQueue<double[]> queue, SeriesModel m, double[] q, double mu) {
        int i = m.index;
        double larger = m.next(q[i]);
        if (Double.isNaN(larger)) {
            return;
        }
        double saved = m.cost(q[i]) - m.cost(larger);
        if (saved <= 0) {
            return;
        }
        double step = larger - q[i];
        queue.add(new double[] {saved / (Math.max(mu, 1e-12) * step), i});
    }
}
