package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SupplyTermsTest {
    private static final SeriesId A = new SeriesId("A", "dc");
    private static final SeriesId B = new SeriesId("B", "dc");

    private static ReplenishmentItem bare(SeriesId series) {
        return new ReplenishmentItem(series, new StockPosition(10, 0, 0), 0, 0, 0, 0, 0, 0,
                Optional.of(Forecasts.deterministic(java.util.stream.DoubleStream.generate(() -> 5).limit(20).toArray())));
    }

    private static SupplyTerms terms(double mean, double sd, double pack) {
        return new SupplyTerms("SUP", mean, sd, List.of(), 2, 24, pack, 2.5, 40);
    }

    @Test
    void wholeMeanKeepsTheNormalLeadTime() {
        var item = terms(3, 1.5, 12).applyTo(bare(A), Set.of());
        assertThat(item.leadTimeDays()).isEqualTo(3);
        assertThat(item.options().leadTimeSdDays()).isEqualTo(1.5);
        assertThat(item.options().leadTimeDistribution()).isEmpty();
        assertThat(item.reviewPeriodDays()).isEqualTo(2);
        assertThat(item.casePack()).isEqualTo(12);
        assertThat(item.minOrderQuantity()).isEqualTo(24);
        assertThat(item.unitCost()).isEqualTo(2.5);
        assertThat(item.stock()).isEqualTo(bare(A).stock());
    }

    @Test
    void fractionalMeanBecomesADistributionWithTheSameMean() {
        // mean 3.25 without a deviation: days 3 and 4 with 3 x 0.75 + 4 x 0.25 = 3.25
        var twoPoint = terms(3.25, 0, 2.5).applyTo(bare(A), Set.of());
        assertThat(twoPoint.options().leadTimeDistribution()).contains(List.of(
                new ItemOptions.LeadTimePoint(3, 0.75), new ItemOptions.LeadTimePoint(4, 0.25)));
        assertThat(twoPoint.leadTime().mean()).isCloseTo(3.25, within(1e-12));
        assertThat(twoPoint.casePack()).isEqualTo(3); // a fractional pack is rounded up
        var normal = terms(6.4, 2, 0).applyTo(bare(B), Set.of());
        var points = normal.options().leadTimeDistribution().orElseThrow();
        assertThat(points.stream().mapToDouble(ItemOptions.LeadTimePoint::probability).sum()).isCloseTo(1, within(1e-12));
        assertThat(points.get(points.size() - 1).days()).isEqualTo((int) Math.ceil(6.4 + 4 * 2)); // cut at mean + 4 sd
        assertThat(normal.leadTime().mean()).isCloseTo(6.4, within(0.01));
        assertThat(normal.options().leadTimeSdDays()).isZero();
        assertThat(normal.casePack()).isZero();
        PlanRequestValidator.validate(PlanRequest.of(List.of(twoPoint, normal)));
    }

    @Test
    void resolverAppliesStoredTermsOnlyWhereAsked() {
        var source = new SupplyTermsSource() {
            @Override
            public Map<SeriesId, SupplyTerms> find(Collection<SeriesId> series) {
                var out = new HashMap<SeriesId, SupplyTerms>();
                if (series.contains(A)) {
                    out.put(A, terms(3, 0, 12));
                }
                return out;
            }
        };
        var resolver = new SupplyTermsResolver(source);
        var own = new ReplenishmentItem(A, new StockPosition(10, 0, 0), 5, 1, 0, 0, 0, 1,
                Optional.of(Forecasts.deterministic(5, 5, 5, 5, 5, 5, 5, 5)));
        var group = new ConstraintGroup("SUP", OptionalDouble.of(100), OptionalDouble.empty());
        var request = new PlanRequest(List.of(bare(A), own, bare(B)), List.of(group), false, Optional.of(LocalDate.EPOCH));
        // AUTO: the bare item takes the stored terms (and its supplier's group), the item with terms keeps them,
        // a series with no stored terms keeps its zeros
        var bareB = bare(B);
        var auto = resolver.resolve(new PlanRequest(List.of(bare(A), bareB), List.of(group), false, Optional.empty()),
                List.of(SupplyTermsUse.AUTO, SupplyTermsUse.AUTO));
        assertThat(auto.items().get(0).leadTimeDays()).isEqualTo(3);
        assertThat(auto.items().get(0).options().constraintGroupIds()).containsExactly("SUP");
        assertThat(auto.items().get(1)).isSameAs(bareB);
        var mixed = resolver.resolve(new PlanRequest(List.of(own), List.of(), false, Optional.empty()),
                List.of(SupplyTermsUse.AUTO));
        assertThat(mixed.items().get(0)).isSameAs(own);
        var stored = resolver.resolve(new PlanRequest(List.of(own), List.of(), false, Optional.empty()),
                List.of(SupplyTermsUse.STORED));
        assertThat(stored.items().get(0).leadTimeDays()).isEqualTo(3);
        assertThat(stored.items().get(0).casePack()).isEqualTo(12);
        var bareA = bare(A);
        var requestOnly = resolver.resolve(new PlanRequest(List.of(bareA), List.of(), false, Optional.empty()),
                List.of(SupplyTermsUse.REQUEST));
        assertThat(requestOnly.items().get(0)).isSameAs(bareA);
        assertThatThrownBy(() -> resolver.resolve(request, List.of(SupplyTermsUse.AUTO, SupplyTermsUse.AUTO,
                SupplyTermsUse.STORED)))
                .isInstanceOf(SupplyTermsNotFound.class)
                .hasMessageContaining("items[2]");
    }
}
