package io.stockwise.optimizer.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.commons.error.StockwiseException;
import io.stockwise.proto.v1.BaseStockPolicyRequest;
import io.stockwise.proto.v1.ComputePolicyRequest;
import io.stockwise.proto.v1.EoqPlannedBackordersPolicyRequest;
import io.stockwise.proto.v1.EoqPolicyRequest;
import io.stockwise.proto.v1.FiniteHorizonPeriod;
import io.stockwise.proto.v1.FiniteHorizonPolicyRequest;
import io.stockwise.proto.v1.GuaranteedServiceLink;
import io.stockwise.proto.v1.GuaranteedServicePolicyRequest;
import io.stockwise.proto.v1.GuaranteedServiceStage;
import io.stockwise.proto.v1.JointReplenishmentItem;
import io.stockwise.proto.v1.JointReplenishmentMethod;
import io.stockwise.proto.v1.JointReplenishmentPolicyRequest;
import io.stockwise.proto.v1.LostSalesBaseStockPolicyRequest;
import io.stockwise.proto.v1.NewsvendorPolicyRequest;
import io.stockwise.proto.v1.NewsvendorProfitTerms;
import io.stockwise.proto.v1.PeriodicSsPolicyRequest;
import io.stockwise.proto.v1.PolicyDiscreteDemand;
import io.stockwise.proto.v1.PolicyNormalDemand;
import io.stockwise.proto.v1.PolicyNormalRateDemand;
import io.stockwise.proto.v1.PolicyPoissonDemand;
import io.stockwise.proto.v1.PolicyPriceBracket;
import io.stockwise.proto.v1.QuantityDiscountKind;
import io.stockwise.proto.v1.QuantityDiscountPolicyRequest;
import io.stockwise.proto.v1.ReorderPointQuantityMethod;
import io.stockwise.proto.v1.ReorderPointQuantityPolicyRequest;
import io.stockwise.proto.v1.SerialSystemPolicyRequest;
import io.stockwise.proto.v1.SerialSystemStage;
import io.stockwise.proto.v1.WagnerWhitinPeriod;
import io.stockwise.proto.v1.WagnerWhitinPolicyRequest;
import org.junit.jupiter.api.Test;

/** Proto to domain mapping of every ComputePolicy family, without a server. */
class PolicyRpcMappingTest {
    private static String field(Runnable call) {
        try {
            call.run();
        } catch (StockwiseException e) {
            return e.violations().get(0).field();
        }
        throw new AssertionError("expected INVALID_ARGUMENT");
    }

    @Test
    void newsvendorProfitFormAndDiscreteDemand() {
        var r = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setNewsvendor(NewsvendorPolicyRequest.newBuilder()
                .setDiscrete(PolicyDiscreteDemand.newBuilder().addValues(10).addValues(20).addValues(30).addValues(40))
                .setProfit(NewsvendorProfitTerms.newBuilder().setPrice(1).setUnitCost(0.3).setSalvageValue(0.12)))
                .build());
        assertThat(r.getOrderUpToLevel()).isEqualTo(40);
        assertThat(r.hasExpectedProfit()).isTrue();
    }

    @Test
    void lotSizingFamilies() {
        var eoq = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setEoq(EoqPolicyRequest.newBuilder()
                .setDemandRate(1300).setFixedCost(8).setHoldingCost(0.225)).build());
        assertThat(eoq.getOrderQuantity()).isCloseTo(304.0467800264368, within(1e-9));
        var eoqb = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setEoqPlannedBackorders(
                EoqPlannedBackordersPolicyRequest.newBuilder().setDemandRate(1300).setFixedCost(8).setHoldingCost(0.225)
                        .setBackorderCost(5)).build());
        assertThat(eoqb.getExpectedCost()).isCloseTo(66.92136355097325, within(1e-9));
        var discount = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setQuantityDiscount(
                QuantityDiscountPolicyRequest.newBuilder().setDemandRate(1200).setFixedCost(25).setHoldingRate(0.3)
                        .setKind(QuantityDiscountKind.QUANTITY_DISCOUNT_KIND_ALL_UNITS)
                        .addBrackets(PolicyPriceBracket.newBuilder().setMinQuantity(0).setUnitPrice(10))
                        .addBrackets(PolicyPriceBracket.newBuilder().setMinQuantity(100).setUnitPrice(9.5))
                        .addBrackets(PolicyPriceBracket.newBuilder().setMinQuantity(500).setUnitPrice(9))).build());
        assertThat(discount.getOrderQuantity()).isEqualTo(500);
        var jrp = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setJointReplenishment(
                JointReplenishmentPolicyRequest.newBuilder().setMajorFixedCost(600)
                        .setMethod(JointReplenishmentMethod.JOINT_REPLENISHMENT_METHOD_SILVER)
                        .addItems(JointReplenishmentItem.newBuilder().setDemandRate(1).setHoldingCost(160).setMinorFixedCost(120))
                        .addItems(JointReplenishmentItem.newBuilder().setDemandRate(1).setHoldingCost(20).setMinorFixedCost(840))
                        .addItems(JointReplenishmentItem.newBuilder().setDemandRate(1).setHoldingCost(50).setMinorFixedCost(300)))
                .build());
        assertThat(jrp.getExpectedCost()).isCloseTo(837.8544026261366, within(1e-9));
        assertThat(jrp.getItemsList()).extracting(i -> i.getMultiple()).containsExactly(1, 3, 1);
        var ww = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setWagnerWhitin(WagnerWhitinPolicyRequest.newBuilder()
                .addPeriods(WagnerWhitinPeriod.newBuilder().setDemand(90).setFixedCost(500).setHoldingCost(2))
                .addPeriods(WagnerWhitinPeriod.newBuilder().setDemand(120).setFixedCost(500).setHoldingCost(2))
                .addPeriods(WagnerWhitinPeriod.newBuilder().setDemand(80).setFixedCost(500).setHoldingCost(2))
                .addPeriods(WagnerWhitinPeriod.newBuilder().setDemand(70).setFixedCost(500).setHoldingCost(2))).build());
        assertThat(ww.getExpectedCost()).isEqualTo(1380);
        assertThat(ww.getPeriods(0).getOrderQuantity()).isEqualTo(210);
    }

    @Test
    void stochasticFamilies() {
        var base = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setBaseStock(BaseStockPolicyRequest.newBuilder()
                .setDiscrete(PolicyDiscreteDemand.newBuilder().addValues(0).addValues(1).addValues(2))
                .setLeadTimePeriods(1).setHoldingCost(1).setShortageCost(9)).build());
        assertThat(base.getOrderUpToLevel()).isEqualTo(4); // D over 2 periods on 0..4, F(3) = 8/9 < 0.9 <= F(4)
        var rq = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setReorderPointQuantity(
                ReorderPointQuantityPolicyRequest.newBuilder().setDemandRate(1300).setFixedCost(8).setHoldingCost(0.225)
                        .setBackorderCost(7.5).setMethod(ReorderPointQuantityMethod.REORDER_POINT_QUANTITY_METHOD_EIL)
                        .setNormalRate(PolicyNormalRateDemand.newBuilder().setStandardDeviation(150).setLeadTime(1.0 / 12)))
                .build());
        assertThat(rq.getReorderPoint()).isCloseTo(213.97044213580244, within(1e-4));
        assertThat(rq.getExact()).isFalse();
        var ss = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setPeriodicSs(PeriodicSsPolicyRequest.newBuilder()
                .setNormal(PolicyNormalDemand.newBuilder().setMean(50).setStandardDeviation(8)).setFixedCost(2.5)
                .setHoldingCost(0.18).setShortageCost(0.70)).build());
        assertThat(ss.getReorderPoint()).isCloseTo(40.19461695647407, within(1e-9));
        var dp = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setFiniteHorizon(FiniteHorizonPolicyRequest.newBuilder()
                .addPeriods(FiniteHorizonPeriod.newBuilder().setPoisson(PolicyPoissonDemand.newBuilder().setMean(3))
                        .setFixedCost(10).setUnitCost(1).setHoldingCost(1).setShortageCost(5))
                .addPeriods(FiniteHorizonPeriod.newBuilder().setPoisson(PolicyPoissonDemand.newBuilder().setMean(5))
                        .setUnitCost(1.5).setHoldingCost(1).setShortageCost(5))
                .addPeriods(FiniteHorizonPeriod.newBuilder().setPoisson(PolicyPoissonDemand.newBuilder().setMean(4))
                        .setFixedCost(15).setUnitCost(1).setHoldingCost(2).setShortageCost(5))
                .addPeriods(FiniteHorizonPeriod.newBuilder().setPoisson(PolicyPoissonDemand.newBuilder().setMean(6))
                        .setFixedCost(10).setUnitCost(2).setHoldingCost(1).setShortageCost(8))).build());
        assertThat(dp.getExpectedCost()).isCloseTo(68.31636382911046, within(1e-9));
        assertThat(dp.getPeriodsList()).allSatisfy(p -> assertThat(p.hasOrderUpToLevel()).isTrue());
        var lost = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setLostSalesBaseStock(
                LostSalesBaseStockPolicyRequest.newBuilder().setPoisson(PolicyPoissonDemand.newBuilder().setMean(3))
                        .setLeadTimePeriods(2).setHoldingCost(1).setLostSaleCost(9)).build());
        assertThat(lost.getOrderUpToLevel()).isEqualTo(12);
        var gsm = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setGuaranteedService(
                GuaranteedServicePolicyRequest.newBuilder().setSafetyFactor(1.645)
                        .addStages(GuaranteedServiceStage.newBuilder().setProcessingTimePeriods(3).setHoldingCost(1))
                        .addStages(GuaranteedServiceStage.newBuilder().setProcessingTimePeriods(2).setHoldingCost(3))
                        .addStages(GuaranteedServiceStage.newBuilder().setProcessingTimePeriods(1).setHoldingCost(10)
                                .setDemandMean(100).setDemandStandardDeviation(25))
                        .addLinks(GuaranteedServiceLink.newBuilder().setUpstream(0).setDownstream(1))
                        .addLinks(GuaranteedServiceLink.newBuilder().setUpstream(1).setDownstream(2))).build());
        assertThat(gsm.getExpectedCost()).isCloseTo(1.645 * 25 * (Math.sqrt(3) + 3 * Math.sqrt(2) + 10), within(1e-9));
        assertThat(gsm.getStages(2).getBaseStockLevel()).isCloseTo(100 + 1.645 * 25, within(1e-9));
        // S&S Example 6.1 (2nd ed.): echelon levels (6.49, 12.02, 22.71), cost 47.66
        var serial = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setSerialSystem(
                SerialSystemPolicyRequest.newBuilder().setStockoutCost(37.12)
                        .setNormal(PolicyNormalDemand.newBuilder().setMean(5).setStandardDeviation(1))
                        .addStages(SerialSystemStage.newBuilder().setLeadTimePeriods(1).setEchelonHoldingCost(3))
                        .addStages(SerialSystemStage.newBuilder().setLeadTimePeriods(1).setEchelonHoldingCost(2))
                        .addStages(SerialSystemStage.newBuilder().setLeadTimePeriods(2).setEchelonHoldingCost(2)))
                .build());
        assertThat(serial.getMethod()).isEqualTo("SERIAL_CLARK_SCARF_LATTICE");
        assertThat(serial.getExact()).isFalse();
        assertThat(serial.getEchelonStagesList()).extracting(s -> s.getEchelonBaseStockLevel())
                .containsExactly(6.49, 12.02, 22.71);
        assertThat(serial.getEchelonStages(2).getLocalBaseStockLevel()).isCloseTo(10.69, within(1e-9));
        assertThat(serial.getExpectedCost()).isCloseTo(47.66, within(0.005));
        var poissonSerial = PolicyRpc.respond(ComputePolicyRequest.newBuilder().setSerialSystem(
                SerialSystemPolicyRequest.newBuilder().setStockoutCost(37.12)
                        .setPoisson(PolicyPoissonDemand.newBuilder().setMean(5))
                        .addStages(SerialSystemStage.newBuilder().setLeadTimePeriods(1).setEchelonHoldingCost(3))
                        .addStages(SerialSystemStage.newBuilder().setLeadTimePeriods(1).setEchelonHoldingCost(2)))
                .build());
        assertThat(poissonSerial.getExact()).isTrue();
        assertThat(poissonSerial.getEchelonStagesCount()).isEqualTo(2);
    }

    @Test
    void badInputNamesTheField() {
        assertThat(field(() -> PolicyRpc.respond(ComputePolicyRequest.newBuilder().setBaseStock(
                BaseStockPolicyRequest.newBuilder().setPoisson(PolicyPoissonDemand.newBuilder().setMean(4))
                        .setTargetCycleServiceLevel(1.0)).build()))).isEqualTo("base_stock.target_cycle_service_level");
        assertThat(field(() -> PolicyRpc.respond(ComputePolicyRequest.newBuilder().setNewsvendor(
                NewsvendorPolicyRequest.newBuilder().setDiscrete(PolicyDiscreteDemand.getDefaultInstance())
                        .setProfit(NewsvendorProfitTerms.newBuilder().setPrice(2).setUnitCost(1))).build())))
                .isEqualTo("newsvendor.discrete.values");
        assertThat(field(() -> PolicyRpc.respond(ComputePolicyRequest.newBuilder().setEoq(EoqPolicyRequest.newBuilder()
                .setDemandRate(10).setFixedCost(-1).setHoldingCost(1)).build()))).isEqualTo("eoq.fixed_cost");
        assertThat(field(() -> PolicyRpc.respond(ComputePolicyRequest.newBuilder().setPeriodicSs(
                PeriodicSsPolicyRequest.newBuilder().setDiscrete(PolicyDiscreteDemand.newBuilder().addValues(1.5))
                        .setHoldingCost(1).setShortageCost(1)).build()))).isEqualTo("periodic_ss.discrete.values[0]");
        assertThat(field(() -> PolicyRpc.respond(ComputePolicyRequest.newBuilder().setReorderPointQuantity(
                ReorderPointQuantityPolicyRequest.newBuilder().setDemandRate(1).setFixedCost(1).setHoldingCost(1)
                        .setBackorderCost(1).setMethod(ReorderPointQuantityMethod.REORDER_POINT_QUANTITY_METHOD_EIL)
                        .setPoisson(PolicyPoissonDemand.newBuilder().setMean(2))).build())))
                .isEqualTo("reorder_point_quantity.method");
        assertThat(field(() -> PolicyRpc.respond(ComputePolicyRequest.newBuilder().setSerialSystem(
                SerialSystemPolicyRequest.newBuilder().setStockoutCost(10)
                        .setPoisson(PolicyPoissonDemand.newBuilder().setMean(2))
                        .addStages(SerialSystemStage.newBuilder().setLeadTimePeriods(0).setEchelonHoldingCost(1)))
                .build()))).isEqualTo("serial_system.stages[0].lead_time_periods");
        assertThat(field(() -> PolicyRpc.respond(ComputePolicyRequest.newBuilder().setSerialSystem(
                SerialSystemPolicyRequest.newBuilder().setStockoutCost(10)
                        .setNormal(PolicyNormalDemand.newBuilder().setMean(2))
                        .addStages(SerialSystemStage.newBuilder().setLeadTimePeriods(1).setEchelonHoldingCost(1)))
                .build()))).isEqualTo("serial_system.normal.standard_deviation");
        assertThat(field(() -> PolicyRpc.respond(ComputePolicyRequest.newBuilder().setSerialSystem(
                SerialSystemPolicyRequest.newBuilder().setStockoutCost(-1)
                        .setPoisson(PolicyPoissonDemand.newBuilder().setMean(2))
                        .addStages(SerialSystemStage.newBuilder().setLeadTimePeriods(1).setEchelonHoldingCost(1)))
                .build()))).isEqualTo("serial_system.stockout_cost");
        assertThat(field(() -> PolicyRpc.respond(ComputePolicyRequest.newBuilder().setFiniteHorizon(
                FiniteHorizonPolicyRequest.newBuilder().setLeadTimePeriods(1)
                        .addPeriods(FiniteHorizonPeriod.newBuilder().setPoisson(PolicyPoissonDemand.newBuilder().setMean(3))
                                .setHoldingCost(1).setShortageCost(5))).build())))
                .isEqualTo("finite_horizon.lead_time_periods");
        assertThatThrownBy(() -> PolicyRpc.respond(ComputePolicyRequest.getDefaultInstance()))
                .isInstanceOf(StockwiseException.class);
    }
}
