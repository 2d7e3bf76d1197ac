package io.stockwise.optimizer.policy;

import static io.stockwise.optimizer.policy.InvalidPolicyInput.finite;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.nonNegative;
import static io.stockwise.optimizer.policy.InvalidPolicyInput.require;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Guaranteed-service model for serial and tree networks (Snyder & Shen, sec. 6.3; Graves & Willems
 * 2000). Stage j has processing time T_j (periods) and holding cost h_j per unit of safety stock
 * per period; it quotes an outbound service time S_j to its customers and waits at most its
 * inbound service time SI_j >= S_i of each supplier i (sources: SI_j = their external supply
 * service time). Its net lead time is tau_j = SI_j + T_j - S_j >= 0 and it holds safety stock
 * z sigma_j sqrt(tau_j), sigma_j^2 the sum of the per-period demand variances of the demand stages
 * it (directly or indirectly) supplies; demand stages quote S_j at most their maximum service
 * time. Objective: minimise sum h_j z sigma_j sqrt(tau_j) (pipeline stock and purchase cost are
 * not in it). Exact: a dynamic program over integer service times on the tree (the network,
 * ignoring edge directions, must be a tree: serial, assembly, distribution or mixed).
 */
public final class GuaranteedService {
    private static final long MAX_WORK = 400_000_000L;

    private GuaranteedService() {
    }

    /**
     * One stage.
     *
     * @param processingTime T_j in whole periods, >= 0
     * @param holdingCost h_j per unit per period, >= 0
     * @param demandMean mean demand per period at a demand stage (0 elsewhere)
     * @param demandSd standard deviation of demand per period at a demand stage (0 elsewhere)
     * @param maxServiceTime largest outbound service time a demand stage may quote (periods)
     * @param externalServiceTime inbound service time of a source stage (periods)
     */
    public record Stage(int processingTime, double holdingCost, double demandMean, double demandSd,
                        int maxServiceTime, int externalServiceTime) {
    }

    /** A supply link: {@code upstream} supplies {@code downstream}. */
    public record Link(int upstream, int downstream) {
    }

    /** Solved stage: service times, net lead time, safety stock and base-stock level. */
    public record StageResult(int index, int inboundServiceTime, int outboundServiceTime, int netLeadTime,
                              double safetyStock, double baseStockLevel) {
    }

    /** The optimum and its per-stage results. */
    public record Result(double cost, List<StageResult> stages) {
    }

    /** Solves; fields named under {@code prefix}. */
    public static Result solve(List<Stage> stages, List<Link> links, double z, String prefix) {
        int n = stages.size();
        require(n > 0 && n <= 500, prefix + ".stages", "must have 1 to 500 stages");
        finite(z, prefix + ".safety_factor");
        nonNegative(z, prefix + ".safety_factor");
        require(links.size() == n - 1, prefix + ".links", "the network must be a tree: stages - 1 links");
        int horizon = 0;
        for (int j = 0; j < n; j++) {
            var s = stages.get(j);
            String f = prefix + ".stages[" + j + "]";
            require(s.processingTime() >= 0 && s.processingTime() <= 10_000, f + ".processing_time_periods", "0 to 10000");
            nonNegative(s.holdingCost(), f + ".holding_cost");
            nonNegative(s.demandMean(), f + ".demand_mean");
            nonNegative(s.demandSd(), f + ".demand_standard_deviation");
            require(s.maxServiceTime() >= 0, f + ".max_service_time_periods", "must be at least 0");
            require(s.externalServiceTime() >= 0 && s.externalServiceTime() <= 10_000, f + ".external_service_time_periods",
                    "0 to 10000");
            horizon += s.processingTime();
        }
        List<List<Integer>> suppliers = new ArrayList<>();
        List<List<Integer>> customers = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            suppliers.add(new ArrayList<>());
            customers.add(new ArrayList<>());
        }
        for (int e = 0; e < links.size(); e++) {
            var l = links.get(e);
            require(l.upstream() >= 0 && l.upstream() < n, prefix + ".links[" + e + "].upstream", "no such stage");
            require(l.downstream() >= 0 && l.downstream() < n && l.downstream() != l.upstream(),
                    prefix + ".links[" + e + "].downstream", "no such stage");
            suppliers.get(l.downstream()).add(l.upstream());
            customers.get(l.upstream()).add(l.downstream());
        }
        int maxExternal = 0;
        for (int j = 0; j < n; j++) {
            if (suppliers.get(j).isEmpty()) {
                maxExternal = Math.max(maxExternal, stages.get(j).externalServiceTime());
            }
        }
        int m = horizon + maxExternal; // no service time ever needs to exceed this
        require((long) n * (m + 1) * (m + 1) <= MAX_WORK, prefix + ".stages", "service-time grid too large");
        // BFS order from stage 0 over the undirected tree
        int[] parent = new int[n];
        java.util.Arrays.fill(parent, -2);
        int[] order = new int[n];
        int count = 0;
        var queue = new ArrayDeque<Integer>();
        queue.add(0);
        parent[0] = -1;
        while (!queue.isEmpty()) {
            int j = queue.poll();
            order[count++] = j;
            for (var list : List.of(suppliers.get(j), customers.get(j))) {
                for (int k : list) {
                    if (parent[k] == -2) {
                        parent[k] = j;
                        queue.add(k);
                    }
                }
            }
        }
        require(count == n, prefix + ".links", "the network must be connected (a tree)");
        // sigma_j^2: variances of demand stages reachable downstream (a tree: each reached once)
        double[] variance = new double[n];
        double[] mean = new double[n];
        for (int j = 0; j < n; j++) {
            var stack = new ArrayDeque<Integer>();
            stack.push(j);
            while (!stack.isEmpty()) {
                int k = stack.pop();
                variance[j] += stages.get(k).demandSd() * stages.get(k).demandSd();
                mean[j] += stages.get(k).demandMean();
                customers.get(k).forEach(stack::push);
            }
        }
        double[] sqrt = new double[2 * m + 1];
        for (int t = 0; t <= 2 * m; t++) {
            sqrt[t] = Math.sqrt(t);
        }
        // c[j][S][SI]: best cost of j's rooted subtree with S_j = S and SI_j = SI (infinite if infeasible);
        // up[j][x] = min over S_j <= x (j supplies its parent), down[j][x] = min over SI_j >= x.
        double[][][] c = new double[n][][];
        double[][] up = new double[n][];
        double[][] down = new double[n][];
        for (int idx = n - 1; idx >= 0; idx--) {
            int j = order[idx];
            var st = stages.get(j);
            double unit = st.holdingCost() * z * Math.sqrt(variance[j]);
            boolean source = suppliers.get(j).isEmpty();
            boolean demand = customers.get(j).isEmpty();
            double[][] cj = new double[m + 1][m + 1];
            for (int s = 0; s <= m; s++) {
                for (int si = 0; si <= m; si++) {
                    double v = Double.POSITIVE_INFINITY;
                    boolean ok = s <= si + st.processingTime()
                            && (!source || si == st.externalServiceTime())
                            && (!demand || s <= st.maxServiceTime());
                    if (ok) {
                        v = unit * sqrt[si + st.processingTime() - s];
                        for (int k : suppliers.get(j)) {
                            if (k != parent[j]) {
                                v += up[k][si];
                            }
                        }
                        for (int k : customers.get(j)) {
                            if (k != parent[j]) {
                                v += down[k][s];
                            }
                        }
                    }
                    cj[s][si] = v;
                }
            }
            c[j] = cj;
            double[] bestS = new double[m + 1]; // min over SI for each S
            double[] bestSi = new double[m + 1]; // min over S for each SI
            java.util.Arrays.fill(bestS, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(bestSi, Double.POSITIVE_INFINITY);
            for (int s = 0; s <= m; s++) {
                for (int si = 0; si <= m; si++) {
                    bestS[s] = Math.min(bestS[s], cj[s][si]);
                    bestSi[si] = Math.min(bestSi[si], cj[s][si]);
                }
            }
            up[j] = new double[m + 1];
            down[j] = new double[m + 1];
            double run = Double.POSITIVE_INFINITY;
            for (int x = 0; x <= m; x++) {
                run = Math.min(run, bestS[x]);
                up[j][x] = run;
            }
            run = Double.POSITIVE_INFINITY;
            for (int x = m; x >= 0; x--) {
                run = Math.min(run, bestSi[x]);
                down[j][x] = run;
            }
        }
        // recover: the root's best (S, SI), then each child's choice consistent with its parent's
        int[] outS = new int[n];
        int[] inS = new int[n];
        double best = Double.POSITIVE_INFINITY;
        int root = order[0];
        for (int s = 0; s <= m; s++) {
            for (int si = 0; si <= m; si++) {
                if (c[root][s][si] < best) {
                    best = c[root][s][si];
                    outS[root] = s;
                    inS[root] = si;
                }
            }
        }
        require(best < Double.POSITIVE_INFINITY, prefix + ".stages", "no feasible service times");
        for (int idx = 1; idx < n; idx++) {
            int j = order[idx];
            int p = parent[j];
            boolean supplier = customers.get(j).contains(p); // j supplies p: S_j <= SI_p
            double target = supplier ? up[j][inS[p]] : down[j][outS[p]];
            search:
            for (int s = 0; s <= m; s++) {
                for (int si = 0; si <= m; si++) {
                    boolean allowed = supplier ? s <= inS[p] : si >= outS[p];
                    if (allowed && c[j][s][si] == target) {
                        outS[j] = s;
                        inS[j] = si;
                        break search;
                    }
                }
            }
        }
        var results = new ArrayList<StageResult>();
        for (int j = 0; j < n; j++) {
            int tau = inS[j] + stages.get(j).processingTime() - outS[j];
            double ss = z * Math.sqrt(variance[j]) * Math.sqrt(tau);
            results.add(new StageResult(j, inS[j], outS[j], tau, ss, mean[j] * tau + ss));
        }
        return new Result(best, results);
    }
}
