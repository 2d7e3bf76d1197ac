package io.stockwise.optimizer.domain;

/**
 * One series ready to be ordered for: its sampled demand, position, costs, service level and
 * order-quantity lattice. Orders are 0 or whole case packs between {@link #minOrder()} and the
 * unconstrained order {@link #unconstrainedOrder()}.
 *
 * <p>Cost of an order q (the Snyder &amp; Shen periodic-review base-stock cost, per review cycle of R
 * days, backorders): with y = position + q and D the protection-interval demand,
 * {@code g(q) = h R E[(y - D)^+] + p E[(D - y)^+]}. It is convex in y.
 */
final class SeriesModel {
    final int index;
    final ProtectionDemand demand;
    final double position;
    final double holdingPerDay;
    final int reviewDays;
    final double penalty;
    final double level;
    final double orderUpTo;
    final double reorderPoint;
    final double expectedDemand;
    final long pack;
    final double minOrder;
    final double unconstrainedOrder;
    final OrderQuantity unconstrained;
    final double leadMean;
    final double unitCost;
    final double unitVolume;
    final double raw;

    SeriesModel(int index, ProtectionDemand demand, double position, double holdingPerDay, int reviewDays,
            double penalty, double level, double orderUpTo, double reorderPoint, double expectedDemand, long pack,
            double minOrder, OrderQuantity unconstrained, double raw, double unitCost, double unitVolume) {
        this.index = index;
        this.demand = demand;
        this.position = position;
        this.holdingPerDay = holdingPerDay;
        this.reviewDays = reviewDays;
        this.penalty = penalty;
        this.level = level;
        this.orderUpTo = orderUpTo;
        this.reorderPoint = reorderPoint;
        this.expectedDemand = expectedDemand;
        this.pack = pack;
        this.minOrder = minOrder;
        this.unconstrained = unconstrained;
        this.unconstrainedOrder = unconstrained.quantity();
        this.leadMean = demand.leadMean();
        this.raw = raw;
        this.unitCost = unitCost;
        this.unitVolume = unitVolume;
    }

    double holdingCost(double q) {
        return holdingPerDay * reviewDays * demand.leftover(position + q);
    }

    double shortageCost(double q) {
        return penalty * demand.shortage(position + q);
    }

    /** g(q): expected holding + shortage cost of the cycle. */
    double cost(double q) {
        return holdingCost(q) + shortageCost(q);
    }

    /** The expected fill rate over the whole protection interval with an order of {@code q}. */
    double fillRate(double q) {
        return demand.fillRate(position, position + q);
    }

    /** The steady-state fill rate of the cycle with an order-up-to level {@code y}. */
    double cycleFillRate(double y) {
        return demand.cycleFillRate(y, leadMean);
    }

    /** The next larger allowed order, or NaN when none. */
    double next(double q) {
        double n = q <= 0 ? minOrder : q + pack;
        return n <= unconstrainedOrder + 1e-9 ? n : Double.NaN;
    }

    /** The next smaller allowed order (0 below the minimum). */
    double previous(double q) {
        return q - pack < minOrder - 1e-9 ? 0 : q - pack;
    }

    /**
     * The allowed order minimising {@code g(q) + mu q} (mu: the price of the resources one unit
     * takes). g is convex, so on the lattice the minimum is next to the continuous minimiser, the
     * {@code (p - mu) / (p + h R)} quantile of demand; 0 is compared too (minimum order).
     */
    double best(double mu) {
        if (unconstrainedOrder <= 0) {
            return 0;
        }
        double bestQ = 0;
        double bestValue = cost(0);
        double ratio = (penalty - mu) / (penalty + holdingPerDay * reviewDays);
        if (ratio <= 0) {
            return 0;
        }
        double target = demand.quantile(Math.min(ratio, 1)) - position;
        double lo = Math.floor(target / pack) * pack;
        for (double q : new double[] {lo, lo + pack}) {
            double c = Math.min(Math.max(q, minOrder), unconstrainedOrder);
            if (c <= 0) {
                continue;
            }
            double value = cost(c) + mu * c;
            if (value < bestValue - 1e-12 * Math.abs(bestValue)) {
                bestValue = value;
                bestQ = c;
            }
        }
        return bestQ;
    }

    /** {@code g(q) + mu q}. */
    double lagrangian(double q, double mu) {
        return cost(q) + mu * q;
    }
}
