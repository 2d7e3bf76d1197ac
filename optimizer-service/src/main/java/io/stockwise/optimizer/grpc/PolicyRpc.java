package io.stockwise.optimizer.grpc;

import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.grpc.GrpcCalls;
import io.stockwise.optimizer.policy.BaseStock;
import io.stockwise.optimizer.policy.DiscreteDistribution;
import io.stockwise.optimizer.policy.EconomicOrderQuantity;
import io.stockwise.optimizer.policy.FiniteHorizonStochastic;
import io.stockwise.optimizer.policy.GuaranteedService;
import io.stockwise.optimizer.policy.IntegerPmf;
import io.stockwise.optimizer.policy.LostSalesBaseStock;
import io.stockwise.optimizer.policy.Newsvendor;
import io.stockwise.optimizer.policy.PeriodicSS;
import io.stockwise.optimizer.policy.PolicySolution;
import io.stockwise.optimizer.policy.ReorderPointQuantity;
import io.stockwise.optimizer.policy.SerialSystem;
import io.stockwise.optimizer.policy.WagnerWhitin;
import io.stockwise.proto.v1.BaseStockPolicyRequest;
import io.stockwise.proto.v1.ComputePolicyRequest;
import io.stockwise.proto.v1.ComputePolicyResponse;
import io.stockwise.proto.v1.FiniteHorizonPolicyRequest;
import io.stockwise.proto.v1.GuaranteedServicePolicyRequest;
import io.stockwise.proto.v1.PolicyStageResult;
import io.stockwise.proto.v1.LostSalesBaseStockPolicyRequest;
import io.stockwise.proto.v1.JointReplenishmentPolicyRequest;
import io.stockwise.proto.v1.NewsvendorPolicyRequest;
import io.stockwise.proto.v1.PeriodicSsPolicyRequest;
import io.stockwise.proto.v1.PolicyDiscreteDemand;
import io.stockwise.proto.v1.PolicyEchelonStageResult;
import io.stockwise.proto.v1.PolicyItemResult;
import io.stockwise.proto.v1.PolicyLognormalDemand;
import io.stockwise.proto.v1.PolicyPeriodResult;
import io.stockwise.proto.v1.QuantityDiscountKind;
import io.stockwise.proto.v1.QuantityDiscountPolicyRequest;
import io.stockwise.proto.v1.ReorderPointQuantityPolicyRequest;
import io.stockwise.proto.v1.SerialSystemPolicyRequest;
import io.stockwise.proto.v1.WagnerWhitinPolicyRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code ReplenishmentService.ComputePolicy}: maps the request's policy family to the
 * {@code io.stockwise.optimizer.policy} computation and its result back to proto. Counts
 * {@code stockwise_policy_computations_total{family, outcome="ok|invalid|error"}}.
 */
@ApplicationScoped
@Unremovable // looked up programmatically by ReplenishmentGrpcService
public class PolicyRpc {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public PolicyRpc(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Answers one ComputePolicy call. */
    public void computePolicy(ComputePolicyRequest request, StreamObserver<ComputePolicyResponse> response) {
        String family = request.getPolicyCase().name().toLowerCase(Locale.ROOT);
        GrpcCalls.unary(response, ReplenishmentGrpcService.DOMAIN, () -> {
            try {
                var result = respond(request);
                count(family, "ok");
                return result;
            } catch (StockwiseException e) {
                count(family, "invalid");
                throw e;
            } catch (RuntimeException e) {
                count(family, "error");
                throw e;
            }
        });
    }

    private void count(String family, String outcome) {
        counters.computeIfAbsent(family + "/" + outcome, k -> Counter.builder("stockwise.policy.computations")
                .description("ComputePolicy calls by policy family and outcome")
                .tag("family", family)
                .tag("outcome", outcome)
                .register(registry)).increment();
    }

    static ComputePolicyResponse respond(ComputePolicyRequest request) {
        if (request.getPolicyCase() == ComputePolicyRequest.PolicyCase.GUARANTEED_SERVICE) {
            return guaranteedService(request.getGuaranteedService());
        }
        if (request.getPolicyCase() == ComputePolicyRequest.PolicyCase.SERIAL_SYSTEM) {
            return serialSystem(request.getSerialSystem());
        }
        return toProto(compute(request));
    }

    private static ComputePolicyResponse guaranteedService(GuaranteedServicePolicyRequest r) {
        var stages = new ArrayList<GuaranteedService.Stage>();
        for (var st : r.getStagesList()) {
            stages.add(new GuaranteedService.Stage(st.getProcessingTimePeriods(), st.getHoldingCost(), st.getDemandMean(),
                    st.getDemandStandardDeviation(), st.getMaxServiceTimePeriods(), st.getExternalServiceTimePeriods()));
        }
        var links = new ArrayList<GuaranteedService.Link>();
        for (var l : r.getLinksList()) {
            links.add(new GuaranteedService.Link(l.getUpstream(), l.getDownstream()));
        }
        var result = GuaranteedService.solve(stages, links, r.getSafetyFactor(), "guaranteed_service");
        var b = ComputePolicyResponse.newBuilder().setMethod("GUARANTEED_SERVICE_TREE_DP").setExact(true)
                .setExpectedCost(result.cost());
        for (var st : result.stages()) {
            b.addStages(PolicyStageResult.newBuilder()
                    .setIndex(st.index())
                    .setInboundServiceTimePeriods(st.inboundServiceTime())
                    .setOutboundServiceTimePeriods(st.outboundServiceTime())
                    .setNetLeadTimePeriods(st.netLeadTime())
                    .setSafetyStock(st.safetyStock())
                    .setBaseStockLevel(st.baseStockLevel()));
        }
        return b.build();
    }

    private static ComputePolicyResponse serialSystem(SerialSystemPolicyRequest r) {
        String p = "serial_system";
        SerialSystem.Demand demand = switch (r.getDemandCase()) {
            case NORMAL -> SerialSystem.Demand.normal(r.getNormal().getMean(), r.getNormal().getStandardDeviation());
            case POISSON -> {
                double mean = r.getPoisson().getMean();
                if (!(mean > 0 && mean <= 1e4)) {
                    throw StockwiseException.invalid(p + ".poisson.mean", "INVALID_VALUE",
                            "must be above 0, at most 10000");
                }
                yield SerialSystem.Demand.integer(IntegerPmf.poisson(mean));
            }
            case DISCRETE -> SerialSystem.Demand.integer(integer(r.getDiscrete(), p + ".discrete"));
            case DEMAND_NOT_SET -> throw StockwiseException.invalid(p + ".demand", "REQUIRED",
                    "set normal, poisson or discrete");
        };
        var stages = new ArrayList<SerialSystem.Stage>();
        for (var st : r.getStagesList()) {
            stages.add(new SerialSystem.Stage(st.getLeadTimePeriods(), st.getEchelonHoldingCost()));
        }
        var result = SerialSystem.solve(demand, stages, r.getStockoutCost(), r.getPointsPerStandardDeviation(), p);
        var b = ComputePolicyResponse.newBuilder()
                .setMethod(result.exact() ? "SERIAL_CLARK_SCARF_EXACT" : "SERIAL_CLARK_SCARF_LATTICE")
                .setExact(result.exact())
                .setExpectedCost(result.expectedCost())
                .setOrderUpToLevel(result.stages().get(0).echelonBaseStockLevel());
        for (var st : result.stages()) {
            b.addEchelonStages(PolicyEchelonStageResult.newBuilder()
                    .setIndex(st.index())
                    .setEchelonBaseStockLevel(st.echelonBaseStockLevel())
                    .setLocalBaseStockLevel(st.localBaseStockLevel())
                    .setStageCost(st.stageCost())
                    .setLeadTimeDemandMean(st.leadTimeDemandMean()));
        }
        return b.build();
    }

    static PolicySolution compute(ComputePolicyRequest request) {
        return switch (request.getPolicyCase()) {
            case NEWSVENDOR -> newsvendor(request.getNewsvendor());
            case EOQ -> EconomicOrderQuantity.eoq(request.getEoq().getDemandRate(), request.getEoq().getFixedCost(),
                    request.getEoq().getHoldingCost(), "eoq");
            case EOQ_PLANNED_BACKORDERS -> {
                var r = request.getEoqPlannedBackorders();
                yield EconomicOrderQuantity.withBackorders(r.getDemandRate(), r.getFixedCost(), r.getHoldingCost(),
                        r.getBackorderCost(), "eoq_planned_backorders");
            }
            case QUANTITY_DISCOUNT -> quantityDiscount(request.getQuantityDiscount());
            case JOINT_REPLENISHMENT -> jointReplenishment(request.getJointReplenishment());
            case BASE_STOCK -> baseStock(request.getBaseStock());
            case REORDER_POINT_QUANTITY -> reorderPointQuantity(request.getReorderPointQuantity());
            case PERIODIC_SS -> periodicSs(request.getPeriodicSs());
            case WAGNER_WHITIN -> wagnerWhitin(request.getWagnerWhitin());
            case FINITE_HORIZON -> finiteHorizon(request.getFiniteHorizon());
            case LOST_SALES_BASE_STOCK -> lostSales(request.getLostSalesBaseStock());
            case GUARANTEED_SERVICE, SERIAL_SYSTEM -> throw new IllegalStateException("answered by respond()");
            case POLICY_NOT_SET -> throw StockwiseException.invalid("policy", "REQUIRED",
                    "set one policy family");
        };
    }

    private static PolicySolution newsvendor(NewsvendorPolicyRequest r) {
        String p = "newsvendor";
        Newsvendor.Costs costs = switch (r.getEconomicsCase()) {
            case COST -> Newsvendor.Costs.costForm(r.getCost().getHoldingCost(), r.getCost().getShortageCost(),
                    p + ".cost");
            case PROFIT -> Newsvendor.Costs.profitForm(r.getProfit().getPrice(), r.getProfit().getUnitCost(),
                    r.getProfit().getSalvageValue(), p + ".profit");
            case ECONOMICS_NOT_SET -> throw StockwiseException.invalid(p + ".economics", "REQUIRED",
                    "set cost or profit");
        };
        return switch (r.getDemandCase()) {
            case NORMAL -> Newsvendor.normal(r.getNormal().getMean(), r.getNormal().getStandardDeviation(), costs,
                    p + ".normal");
            case LOGNORMAL -> lognormal(r.getLognormal(), costs, p + ".lognormal");
            case POISSON -> Newsvendor.poisson(r.getPoisson().getMean(), costs, p + ".poisson");
            case DISCRETE -> Newsvendor.discrete(discrete(r.getDiscrete(), p + ".discrete"), costs);
            case DEMAND_NOT_SET -> throw StockwiseException.invalid(p + ".demand", "REQUIRED",
                    "set normal, lognormal, poisson or discrete");
        };
    }

    private static PolicySolution lognormal(PolicyLognormalDemand d, Newsvendor.Costs costs, String prefix) {
        if (d.getLogStandardDeviation() != 0) {
            return Newsvendor.lognormal(d.getLogMean(), d.getLogStandardDeviation(), costs, prefix);
        }
        return Newsvendor.lognormalFromMoments(d.getMean(), d.getStandardDeviation(), costs, prefix);
    }

    private static DiscreteDistribution discrete(PolicyDiscreteDemand d, String prefix) {
        return DiscreteDistribution.of(toArray(d.getValuesList()), toArray(d.getProbabilitiesList()), prefix);
    }

    private static IntegerPmf integer(PolicyDiscreteDemand d, String prefix) {
        if (d.getValuesCount() == 0) {
            throw StockwiseException.invalid(prefix + ".values", "REQUIRED", "must not be empty");
        }
        if (d.getProbabilitiesCount() != 0 && d.getProbabilitiesCount() != d.getValuesCount()) {
            throw StockwiseException.invalid(prefix + ".probabilities", "INVALID_VALUE",
                    "must be empty (equal weights) or have one entry per value");
        }
        int max = 0;
        for (int i = 0; i < d.getValuesCount(); i++) {
            double v = d.getValues(i);
            if (!(v >= 0 && v <= 100_000 && v == Math.rint(v))) {
                throw StockwiseException.invalid(prefix + ".values[" + i + "]", "INVALID_VALUE",
                        "must be a whole number from 0 to 100000");
            }
            max = Math.max(max, (int) v);
        }
        double[] pmf = new double[max + 1];
        for (int i = 0; i < d.getValuesCount(); i++) {
            double w = d.getProbabilitiesCount() == 0 ? 1.0 / d.getValuesCount() : d.getProbabilities(i);
            if (!(w >= 0 && Double.isFinite(w))) {
                throw StockwiseException.invalid(prefix + ".probabilities[" + i + "]", "INVALID_VALUE",
                        "must be a finite number at least 0");
            }
            pmf[(int) d.getValues(i)] += w;
        }
        return IntegerPmf.of(pmf, prefix + ".probabilities");
    }

    private static PolicySolution quantityDiscount(QuantityDiscountPolicyRequest r) {
        String p = "quantity_discount";
        var kind = switch (r.getKind()) {
            case QUANTITY_DISCOUNT_KIND_ALL_UNITS -> EconomicOrderQuantity.DiscountKind.ALL_UNITS;
            case QUANTITY_DISCOUNT_KIND_INCREMENTAL -> EconomicOrderQuantity.DiscountKind.INCREMENTAL;
            default -> throw StockwiseException.invalid(p + ".kind", "REQUIRED", "set ALL_UNITS or INCREMENTAL");
        };
        int n = r.getBracketsCount();
        double[] breakpoints = new double[n];
        double[] prices = new double[n];
        for (int j = 0; j < n; j++) {
            breakpoints[j] = r.getBrackets(j).getMinQuantity();
            prices[j] = r.getBrackets(j).getUnitPrice();
        }
        return EconomicOrderQuantity.quantityDiscount(r.getDemandRate(), r.getFixedCost(), r.getHoldingRate(),
                breakpoints, prices, kind, p);
    }

    private static PolicySolution jointReplenishment(JointReplenishmentPolicyRequest r) {
        int n = r.getItemsCount();
        double[] lambda = new double[n];
        double[] h = new double[n];
        double[] k = new double[n];
        for (int j = 0; j < n; j++) {
            lambda[j] = r.getItems(j).getDemandRate();
            h[j] = r.getItems(j).getHoldingCost();
            k[j] = r.getItems(j).getMinorFixedCost();
        }
        var method = switch (r.getMethod()) {
            case JOINT_REPLENISHMENT_METHOD_POWER_OF_TWO -> EconomicOrderQuantity.JointMethod.POWER_OF_TWO;
            case JOINT_REPLENISHMENT_METHOD_SILVER -> EconomicOrderQuantity.JointMethod.SILVER;
            default -> EconomicOrderQuantity.JointMethod.INTEGER_MULTIPLES;
        };
        return EconomicOrderQuantity.jointReplenishment(r.getMajorFixedCost(), lambda, h, k, method,
                "joint_replenishment");
    }

    private static PolicySolution baseStock(BaseStockPolicyRequest r) {
        String p = "base_stock";
        var terms = BaseStock.Terms.of(r.getHoldingCost(), r.getShortageCost(), r.getLeadTimePeriods(),
                r.getTargetCycleServiceLevel(), p);
        return switch (r.getDemandCase()) {
            case NORMAL -> BaseStock.normal(r.getNormal().getMean(), r.getNormal().getStandardDeviation(), terms,
                    p + ".normal");
            case POISSON -> BaseStock.poisson(r.getPoisson().getMean(), terms, p + ".poisson");
            case DISCRETE -> BaseStock.discrete(integer(r.getDiscrete(), p + ".discrete"), terms,
                    "BASE_STOCK_DISCRETE");
            case DEMAND_NOT_SET -> throw StockwiseException.invalid(p + ".demand", "REQUIRED",
                    "set normal, poisson or discrete");
        };
    }

    private static PolicySolution reorderPointQuantity(ReorderPointQuantityPolicyRequest r) {
        String p = "reorder_point_quantity";
        var terms = ReorderPointQuantity.Terms.of(r.getDemandRate(), r.getFixedCost(), r.getHoldingCost(),
                r.getBackorderCost(), p);
        ReorderPointQuantity.Approximation approx = switch (r.getMethod()) {
            case REORDER_POINT_QUANTITY_METHOD_EOQB -> ReorderPointQuantity.Approximation.EOQB;
            case REORDER_POINT_QUANTITY_METHOD_EOQ_SS -> ReorderPointQuantity.Approximation.EOQ_SS;
            case REORDER_POINT_QUANTITY_METHOD_EIL -> ReorderPointQuantity.Approximation.EIL;
            case REORDER_POINT_QUANTITY_METHOD_LOSS_FUNCTION -> ReorderPointQuantity.Approximation.LOSS_FUNCTION;
            default -> null;
        };
        double mean;
        double sd;
        String demandField;
        switch (r.getLeadTimeDemandCase()) {
            case NORMAL -> {
                mean = r.getNormal().getMean();
                sd = r.getNormal().getStandardDeviation();
                demandField = p + ".normal";
            }
            case NORMAL_RATE -> {
                double lead = r.getNormalRate().getLeadTime();
                if (!(lead > 0 && Double.isFinite(lead))) {
                    throw StockwiseException.invalid(p + ".normal_rate.lead_time", "INVALID_VALUE", "must be greater than 0");
                }
                mean = r.getDemandRate() * lead;
                sd = r.getNormalRate().getStandardDeviation() * Math.sqrt(lead);
                demandField = p + ".normal_rate";
            }
            case POISSON -> {
                if (approx != null) {
                    throw StockwiseException.invalid(p + ".method", "INVALID_VALUE",
                            "approximations are for normal demand; Poisson is solved exactly");
                }
                return ReorderPointQuantity.poissonExact(r.getPoisson().getMean(), terms, p + ".poisson");
            }
            default -> throw StockwiseException.invalid(p + ".lead_time_demand", "REQUIRED",
                    "set normal, normal_rate or poisson");
        }
        return approx == null
                ? ReorderPointQuantity.normalExact(mean, sd, terms, demandField)
                : ReorderPointQuantity.normalApproximation(mean, sd, terms, approx, demandField, p + ".method");
    }

    private static PolicySolution periodicSs(PeriodicSsPolicyRequest r) {
        String p = "periodic_ss";
        return switch (r.getDemandCase()) {
            case POISSON -> PeriodicSS.poissonExact(r.getPoisson().getMean(), r.getFixedCost(), r.getHoldingCost(),
                    r.getShortageCost(), r.getLeadTimePeriods(), p);
            case DISCRETE -> PeriodicSS.exact(integer(r.getDiscrete(), p + ".discrete"), r.getFixedCost(),
                    r.getHoldingCost(), r.getShortageCost(), r.getLeadTimePeriods(), p);
            case NORMAL -> PeriodicSS.powerApproximation(r.getNormal().getMean(), r.getNormal().getStandardDeviation(),
                    r.getFixedCost(), r.getHoldingCost(), r.getShortageCost(), r.getLeadTimePeriods(), p);
            case DEMAND_NOT_SET -> throw StockwiseException.invalid(p + ".demand", "REQUIRED",
                    "set poisson, discrete or normal");
        };
    }

    private static PolicySolution wagnerWhitin(WagnerWhitinPolicyRequest r) {
        int n = r.getPeriodsCount();
        double[] d = new double[n];
        double[] k = new double[n];
        double[] h = new double[n];
        double[] c = new double[n];
        for (int t = 0; t < n; t++) {
            var period = r.getPeriods(t);
            d[t] = period.getDemand();
            k[t] = period.getFixedCost();
            h[t] = period.getHoldingCost();
            c[t] = period.getUnitCost();
        }
        return WagnerWhitin.solve(d, k, h, c, "wagner_whitin");
    }

    private static PolicySolution finiteHorizon(FiniteHorizonPolicyRequest r) {
        String p = "finite_horizon";
        var periods = new ArrayList<FiniteHorizonStochastic.Period>();
        for (int t = 0; t < r.getPeriodsCount(); t++) {
            var period = r.getPeriods(t);
            String f = p + ".periods[" + t + "]";
            IntegerPmf demand = switch (period.getDemandCase()) {
                case POISSON -> {
                    double mean = period.getPoisson().getMean();
                    if (!(mean >= 0 && mean <= 1e5)) {
                        throw StockwiseException.invalid(f + ".poisson.mean", "INVALID_VALUE", "must be 0 to 100000");
                    }
                    yield IntegerPmf.poisson(mean);
                }
                case DISCRETE -> integer(period.getDiscrete(), f + ".discrete");
                case DEMAND_NOT_SET -> throw StockwiseException.invalid(f + ".demand", "REQUIRED",
                        "set poisson or discrete");
            };
            periods.add(new FiniteHorizonStochastic.Period(demand, period.getFixedCost(), period.getUnitCost(),
                    period.getHoldingCost(), period.getShortageCost()));
        }
        return FiniteHorizonStochastic.solve(periods, r.getInitialInventory(), r.getLeadTimePeriods(), p);
    }

    private static PolicySolution lostSales(LostSalesBaseStockPolicyRequest r) {
        String p = "lost_sales_base_stock";
        IntegerPmf demand = switch (r.getDemandCase()) {
            case POISSON -> {
                double mean = r.getPoisson().getMean();
                if (!(mean > 0 && mean <= 1e4)) {
                    throw StockwiseException.invalid(p + ".poisson.mean", "INVALID_VALUE", "must be above 0, at most 10000");
                }
                yield IntegerPmf.poisson(mean);
            }
            case DISCRETE -> integer(r.getDiscrete(), p + ".discrete");
            case DEMAND_NOT_SET -> throw StockwiseException.invalid(p + ".demand", "REQUIRED", "set poisson or discrete");
        };
        return LostSalesBaseStock.best(demand, r.getLeadTimePeriods(), r.getHoldingCost(), r.getLostSaleCost(), p);
    }

    private static double[] toArray(java.util.List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    static ComputePolicyResponse toProto(PolicySolution s) {
        var b = ComputePolicyResponse.newBuilder()
                .setMethod(s.method())
                .setExact(s.exact())
                .setExpectedCost(s.expectedCost());
        s.orderUpToLevel().ifPresent(b::setOrderUpToLevel);
        s.reorderPoint().ifPresent(b::setReorderPoint);
        s.orderQuantity().ifPresent(b::setOrderQuantity);
        s.cycleTime().ifPresent(b::setCycleTime);
        s.criticalFractile().ifPresent(b::setCriticalFractile);
        s.safetyStock().ifPresent(b::setSafetyStock);
        s.fillRate().ifPresent(b::setFillRate);
        s.cycleServiceLevel().ifPresent(b::setCycleServiceLevel);
        s.expectedProfit().ifPresent(b::setExpectedProfit);
        s.unitPrice().ifPresent(b::setUnitPrice);
        s.maxBackorders().ifPresent(b::setMaxBackorders);
        for (var item : s.items()) {
            b.addItems(PolicyItemResult.newBuilder()
                    .setIndex(item.index())
                    .setMultiple(item.multiple())
                    .setCycleTime(item.cycleTime())
                    .setOrderQuantity(item.orderQuantity()));
        }
        for (var period : s.periods()) {
            var pb = PolicyPeriodResult.newBuilder().setPeriod(period.period());
            period.orderQuantity().ifPresent(pb::setOrderQuantity);
            period.reorderPoint().ifPresent(pb::setReorderPoint);
            period.orderUpToLevel().ifPresent(pb::setOrderUpToLevel);
            b.addPeriods(pb);
        }
        return b.build();
    }
}
