package io.stockwise.optimizer.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Puts the stored supply terms into the items of a plan request that ask for them. */
public final class SupplyTermsResolver {
    private final SupplyTermsSource source;

    public SupplyTermsResolver(SupplyTermsSource source) {
        this.source = source;
    }

    /**
     * The request with stored terms applied per {@code uses} (one per item, in order).
     *
     * @throws SupplyTermsNotFound when an item must use stored terms and none are stored
     */
    public PlanRequest resolve(PlanRequest request, List<SupplyTermsUse> uses) {
        var items = request.items();
        var wanted = new ArrayList<SeriesId>();
        for (int i = 0; i < items.size(); i++) {
            var use = uses.get(i);
            if (use == SupplyTermsUse.STORED || use == SupplyTermsUse.AUTO && SupplyTerms.absentFrom(items.get(i))) {
                if (items.get(i).series() != null) {
                    wanted.add(items.get(i).series());
                }
            }
        }
        if (wanted.isEmpty()) {
            return request;
        }
        var stored = source.find(wanted);
        var groupIds = new HashSet<String>();
        for (var g : request.groups()) {
            groupIds.add(g.id());
        }
        var resolved = new ArrayList<ReplenishmentItem>(items.size());
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            var use = uses.get(i);
            var terms = use == SupplyTermsUse.REQUEST || item.series() == null ? null : stored.get(item.series());
            if (use == SupplyTermsUse.STORED && terms == null) {
                throw new SupplyTermsNotFound(i, item.series());
            }
            boolean apply = terms != null && (use == SupplyTermsUse.STORED || SupplyTerms.absentFrom(item));
            resolved.add(apply ? terms.applyTo(item, groupIds) : item);
        }
        return new PlanRequest(resolved, request.groups(), request.requireMoqMultipleOfCasePack(), request.planDate());
    }
}
