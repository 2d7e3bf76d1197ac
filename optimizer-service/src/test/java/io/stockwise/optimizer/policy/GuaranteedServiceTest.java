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
        // 0 -> 1 <- 4, 1 -> 2, 1 -> 3; reference: enumeration of all outbound service times (python).
        var stages = List.of(stage(2, 1, 0, 0), stage(1, 2, 0, 0), stage(1, 4, 10, 0), stage(3, 5, 20, 1),
                stage(4, 1, 0, 0));
        var links = List.of(new GuaranteedService.Link(0, 1), new GuaranteedService.Link(1, 2),
                new GuaranteedService.Link(1, 3), new GuaranteedService.Link(4, 1));
        var r = GuaranteedService.solve(stages, links, 1.645, "gsm");
        assertThat(r.cost()).isCloseTo(462.93813101037415, within(1e-9));
        assertThat(r.stages()).extracting(GuaranteedService.StageResult::outboundServiceTime)
                .containsExactly(2, 0, 0, 1, 4);
        // The enumeration, here: every feasible outbound service time of every stage. Sources 0 and 4
        // (external service 0) supply 1, which supplies the demand stages 2 (at most 0) and 3 (at most
        // 1); the upstream stages see the pooled demand sd sqrt(10^2 + 20^2).
        double pooled = Math.hypot(10, 20);
        double[] sigma = {pooled, pooled, 10, 20, pooled};
        double best = Double.POSITIVE_INFINITY;
        int[] argBest = null;
        for (int s0 = 0; s0 <= 2; s0++) {
            for (int s4 = 0; s4 <= 4; s4++) {
                int in1 = Math.max(s0, s4);
                for (int s1 = 0; s1 <= in1 + 1; s1++) {
                    for (int s2 = 0; s2 <= Math.min(0, s1 + 1); s2++) {
                        for (int s3 = 0; s3 <= Math.min(1, s1 + 3); s3++) {
                            int[] tau = {2 - s0, in1 + 1 - s1, s1 + 1 - s2, s1 + 3 - s3, 4 - s4};
                            double cost = 0;
                            for (int j = 0; j < 5; j++) {
                                cost += stages.get(j).holdingCost() * 1.645 * sigma[j] * Math.sqrt(tau[j]);
                            }
                            if (cost < best - 1e-9) {
                                best = cost;
                                argBest = new int[] {s0, s1, s2, s3, s4};
                            }
                        }
                    }
                }
            }
        }
        assertThat(r.cost()).isCloseTo(best, within(1e-9));
        assertThat(r.stages()).extracting(GuaranteedService.StageResult::outboundServiceTime)
                .containsExactly(java.util.Arrays.stream(argBest).boxed().toArray(Integer[]::new));
    }

    @Test
    void serialSystem() {
        var stages = List.of(stage(3, 1, 0, 0), stage(2, 3, 0, 0), stage(1, 10, 25, 0));
        var links = List.of(new GuaranteedService.Link(0, 1), new GuaranteedService.Link(1, 2));
        var r = GuaranteedService.solve(stages, links, 1.645, "gsm");
        assertThat(r.cost()).isCloseTo(1.645 * 25 * (Math.sqrt(3) + 3 * Math.sqrt(2) + 10), within(1e-9));
        // cheap upstream stock: with h = (1, 1, 10) the retailer still holds everything it can pool
        var cheap = GuaranteedService.solve(List.of(stage(3, 1, 0, 0), stage(2, 1, 0, 0), stage(1, 10, 25, 0)),
                links, 1.645, "gsm");
        assertThat(cheap.cost()).isLessThanOrEqualTo(r.cost());
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
