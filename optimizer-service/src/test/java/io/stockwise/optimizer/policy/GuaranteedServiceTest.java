package io.stockwise.optimizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.commons.error.StockwiseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuaranteedServiceTest {
    private static GuaranteedService.Stage stage(int t, double h, double sd, int maxService) {
        return new GuaranteedService.Stage(t, h, 0, sd, maxService, 0);
    }

    @Test
    void treeMatchesEnumerationOfAllServiceTimes() {
        // 0 -> 1 <- 4, 1 -> 2, 1 -> 3; reference: enumeration of every outbound service time below.
        var stages = List.of(stage(2, 1, 0, 0), stage(1, 2, 0, 0), stage(1, 4, 10, 0), stage(3, 5, 20, 1),
                stage(4, 1, 0, 0));
        var links = List.of(new GuaranteedService.Link(0, 1), new GuaranteedService.Link(1, 2),
                new GuaranteedService.Link(1, 3), new GuaranteedService.Link(4, 1));
        var r = GuaranteedService.solve(stages, links, 1.645, "gsm");
        var best = enumerate(stages, links, 1.645);
        assertThat(r.cost()).isCloseTo(best.cost(), within(1e-9));
        assertThat(r.stages()).extracting(GuaranteedService.StageResult::outboundServiceTime)
                .containsExactly(best.serviceTimes());
    }

    @Test
    void serialSystem() {
        var stages = List.of(stage(3, 1, 0, 0), stage(2, 3, 0, 0), stage(1, 10, 25, 0));
        var links = List.of(new GuaranteedService.Link(0, 1), new GuaranteedService.Link(1, 2));
        var r = GuaranteedService.solve(stages, links, 1.645, "gsm");
        // Enumeration: the optimum quotes S = 0 everywhere, so each stage's net lead time is its own
        // processing time (3, 2, 1) and the cost is 1.645 * 25 * (1 sqrt 3 + 3 sqrt 2 + 10 sqrt 1).
        var best = enumerate(stages, links, 1.645);
        assertThat(best.serviceTimes()).containsExactly(0, 0, 0);
        assertThat(best.cost()).isCloseTo(1.645 * 25 * (Math.sqrt(3) + 3 * Math.sqrt(2) + 10), within(1e-9));
        assertThat(r.cost()).isCloseTo(best.cost(), within(1e-9));
        // cheap upstream stock: with h = (1, 1, 10) the retailer still holds everything it can pool
        var cheap = GuaranteedService.solve(List.of(stage(3, 1, 0, 0), stage(2, 1, 0, 0), stage(1, 10, 25, 0)),
                links, 1.645, "gsm");
        assertThat(cheap.cost()).isLessThanOrEqualTo(r.cost());
    }

    private record Best(double cost, Integer[] serviceTimes) {
    }

    /**
     * Every combination of outbound service times S_j in 0..sum of processing times: SI_j is the
     * largest S_i of j's suppliers (a source's external service time, 0 here), tau_j = SI_j + T_j - S_j
     * must be >= 0, a demand stage quotes at most its maximum; cost sum h_j z sigma_j sqrt(tau_j) with
     * sigma_j^2 the demand variance of the demand stages j supplies (directly or not). Fails on a tie.
     */
    private static Best enumerate(List<GuaranteedService.Stage> stages, List<GuaranteedService.Link> links, double z) {
        int n = stages.size();
        int max = stages.stream().mapToInt(GuaranteedService.Stage::processingTime).sum();
        double[] variance = new double[n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                if (reaches(j, k, links)) {
                    variance[j] += stages.get(k).demandSd() * stages.get(k).demandSd();
                }
            }
        }
        int[] s = new int[n];
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        Integer[] arg = null;
        while (true) {
            double cost = 0;
            for (int j = 0; j < n && cost < Double.POSITIVE_INFINITY; j++) {
                var st = stages.get(j);
                int inbound = st.externalServiceTime();
                boolean demandStage = true;
                for (var l : links) {
                    if (l.downstream() == j) {
                        inbound = Math.max(inbound, s[l.upstream()]);
                    }
                    if (l.upstream() == j) {
                        demandStage = false;
                    }
                }
                int tau = inbound + st.processingTime() - s[j];
                if (tau < 0 || (demandStage && s[j] > st.maxServiceTime())) {
                    cost = Double.POSITIVE_INFINITY;
                } else {
                    cost += st.holdingCost() * z * Math.sqrt(variance[j]) * Math.sqrt(tau);
                }
            }
            if (cost < best - 1e-12) {
                second = best;
                best = cost;
                arg = java.util.Arrays.stream(s).boxed().toArray(Integer[]::new);
            } else {
                second = Math.min(second, cost);
            }
            int j = 0;
            while (j < n && s[j] == max) {
                s[j++] = 0;
            }
            if (j == n) {
                break;
            }
            s[j]++;
        }
        assertThat(second).as("a unique optimum").isGreaterThan(best + 1e-9);
        return new Best(best, arg);
    }

    /** Whether stage j supplies stage k directly or indirectly (or j == k). */
    private static boolean reaches(int j, int k, List<GuaranteedService.Link> links) {
        if (j == k) {
            return true;
        }
        for (var l : links) {
            if (l.upstream() == j && reaches(l.downstream(), k, links)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void rejectsANetworkThatIsNotATree() {
        var stages = List.of(stage(1, 1, 0, 0), stage(1, 1, 5, 0));
        assertThatThrownBy(() -> GuaranteedService.solve(stages, List.of(), 1.645, "guaranteed_service"))
                .isInstanceOf(StockwiseException.class)
                .satisfies(e -> assertThat(((StockwiseException) e).violations().get(0).field())
                        .isEqualTo("guaranteed_service.links"));
    }
}
