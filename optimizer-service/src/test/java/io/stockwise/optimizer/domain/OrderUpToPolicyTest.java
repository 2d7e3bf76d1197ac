package io.stockwise.optimizer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderUpToPolicyTest {
    private static final SeriesId SERIES = new SeriesId("SKU-1", "store-1");
    private final OrderUpToPolicy policy = new OrderUpToPolicy(new MonteCarloDemandSum());

    private static ReplenishmentTerms terms(int lead, int review, double csl, long pack, double moq) {
        return new ReplenishmentTerms(lead, review, csl, pack, moq, 2.5);
    }

    @Test
    void deterministicForecastOrdersUpToTheExactSumOfMeans() {
        double[] means = {10, 12, 8, 11, 9, 10, 14, 99};
        var forecast = Forecasts.deterministic(means);
        var stock = new StockPosition(20, 15, 5);
        for (double csl : new double[] {0.01, 0.5, 0.95, 0.999}) {
            var line = policy.plan(SERIES, terms(4, 3, csl, 1, 0), stock, forecast);

            // every quantile is the mean: S = the 7 days' demand 10 + 12 + 8 + 11 + 9 + 10 + 14 = 74,
            // r = the 4 lead-time days' 10 + 12 + 8 + 11 = 41, position 20 + 15 - 5 = 30
            assertThat(line.orderUpToLevel()).isEqualTo(10 + 12 + 8 + 11 + 9 + 10 + 14);
            assertThat(line.expectedDemand()).isEqualTo(74.0);
            assertThat(line.safetyStock()).isZero();
            assertThat(line.reorderPoint()).isEqualTo(10 + 12 + 8 + 11);
            assertThat(line.inventoryPosition()).isEqualTo(20 + 15 - 5);
            assertThat(line.orderQuantity()).isEqualTo(74.0 - 30.0);
            assertThat(line.rounding()).isEqualTo(OrderRounding.NONE);
            assertThat(line.orderValue()).isEqualTo(44 * 2.5);
            assertThat(line.protectionIntervalDays()).isEqualTo(7);
        }
    }

    @Test
    void deterministicFractionalDemandIsSummedExactly() {
        var forecast = Forecasts.deterministic(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1);
        var line = policy.plan(SERIES, terms(6, 4, 0.9, 1, 0), new StockPosition(0, 0, 0), forecast);

        double sum = 0;
        for (double m : new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1}) {
            sum += m;
        }
        assertThat(line.orderUpToLevel()).isEqualTo(sum);
        assertThat(line.safetyStock()).isZero();
        assertThat(line.rawOrderQuantity()).isEqualTo(sum);
        assertThat(line.orderQuantity()).isEqualTo(Math.ceil(sum)); // 5.6 units rounded up to whole units
        assertThat(line.rounding()).isEqualTo(OrderRounding.WHOLE_UNITS);
    }

    @Test
    void normalDailyDemandMatchesTheTextbookOrderUpToLevel() {
        double mu = 100;
        double sigma = 20;
        int lead = 6;
        int review = 2;
        var levelSets = new double[][] {
            Forecasts.twentieths(),
            {0.005, 0.025, 0.165, 0.25, 0.5, 0.75, 0.835, 0.975, 0.995},
        };
        for (var levels : levelSets) {
            var forecast = Forecasts.normal(lead + review, mu, sigma, levels);
            // The upper tail beyond the highest level is a linear guess, so only targets the levels reach are exact.
            for (double csl : levels[levels.length - 1] >= 0.99 ? new double[] {0.8, 0.9, 0.95, 0.99} : new double[] {0.8, 0.9, 0.95}) {
                double z = Normal.inverse(csl);
                var line = policy.plan(SERIES, terms(lead, review, csl, 1, 0), new StockPosition(300, 0, 0), forecast);

                double s = mu * (lead + review) + z * sigma * Math.sqrt(lead + review);
                double r = mu * lead + z * sigma * Math.sqrt(lead);
                assertThat(line.orderUpToLevel()).as("S at %s", csl).isCloseTo(s, within(0.01 * s));
                assertThat(line.reorderPoint()).as("r at %s", csl).isCloseTo(r, within(0.01 * r));
                assertThat(line.expectedDemand()).isEqualTo(800.0);
                assertThat(line.safetyStock()).isCloseTo(s - 800, within(0.01 * s));
                assertThat(line.orderQuantity()).isEqualTo(Math.ceil(line.orderUpToLevel() - 300));
            }
        }
    }

    @Test
    void higherServiceLevelNeverLowersTheOrderUpToLevel() {
        var normal = Forecasts.normal(10, 40, 15, Forecasts.twentieths());
        // Intermittent demand: most days nothing, sometimes a few units.
        var intermittent = Forecasts.build(21, new double[] {0.5, 0.7, 0.9, 0.95, 0.99},
                d -> new ForecastDay(0.6, new double[] {0, 0, 2, 3, 6 + d % 3}));
        for (var forecast : new DemandForecast[] {normal, intermittent}) {
            double previousS = -1;
            double previousR = -1;
            for (double csl : new double[] {0.05, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999}) {
                var line = policy.plan(SERIES, terms(5, 3, csl, 1, 0), new StockPosition(0, 0, 0), forecast);
                assertThat(line.orderUpToLevel()).isGreaterThanOrEqualTo(previousS);
                assertThat(line.reorderPoint()).isGreaterThanOrEqualTo(previousR);
                assertThat(line.orderUpToLevel()).isGreaterThanOrEqualTo(line.reorderPoint());
                previousS = line.orderUpToLevel();
                previousR = line.reorderPoint();
            }
        }
    }

    @Test
    void casePackAndMinimumOrderQuantityAlwaysHold() {
        var random = new SplittableRandom(7);
        for (int n = 0; n < 300; n++) {
            long pack = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 50);
            double moq = random.nextBoolean() ? 0 : random.nextInt(0, 400) / 4.0;
            double mu = random.nextDouble(0, 30);
            var forecast = Forecasts.normal(12, mu, mu / 3, Forecasts.twentieths());
            var stock = new StockPosition(random.nextDouble(0, 200), random.nextDouble(0, 50), random.nextDouble(0, 40));
            var line = policy.plan(SERIES, new ReplenishmentTerms(random.nextInt(0, 8), random.nextInt(1, 5), 0.95,
                    Math.max(1, pack), moq, 1), stock, forecast);

            double q = line.orderQuantity();
            double raw = Math.max(0, line.orderUpToLevel() - line.inventoryPosition());
            assertThat(line.rawOrderQuantity()).isEqualTo(raw);
            if (raw == 0) {
                assertThat(q).isZero();
                continue;
            }
            long unit = Math.max(1, pack);
            assertThat(q % unit).as("multiple of %s: %s", unit, q).isZero();
            assertThat(q).isGreaterThanOrEqualTo(raw - 1e-9).isGreaterThanOrEqualTo(moq);
            // Never more than one case above what the bound needs.
            assertThat(q).isLessThan(Math.max(raw, moq) + unit);
            assertThat(line.orderValue()).isEqualTo(q);
        }
    }

    @Test
    void casePackRoundsUpAndTheExplanationSaysSo() {
        var forecast = Forecasts.deterministic(10, 10, 10, 10, 10, 10, 10);
        var line = policy.plan(SERIES, terms(5, 2, 0.95, 12, 0), new StockPosition(20, 0, 0), forecast);

        // S = 7 days x 10 = 70, position 20, shortfall 50 -> ceil(50 / 12) = 5 cases of 12
        assertThat(line.orderQuantity()).isEqualTo(Math.ceil(50 / 12.0) * 12);
        assertThat(line.rounding()).isEqualTo(OrderRounding.CASE_PACK);
        assertThat(line.explanation()).isEqualTo("Order 60 units: S = 70 units is the 95% quantile of demand over the"
                + " 7-day protection interval, the inventory position is 20 units, and the shortfall of 50 units"
                + " was rounded up to a multiple of the case pack of 12.");
    }

    @Test
    void minimumOrderQuantityRaisesSmallOrdersThenRoundsToCasePacks() {
        var forecast = Forecasts.deterministic(10, 10, 10);
        var line = policy.plan(SERIES, terms(2, 1, 0.9, 12, 50), new StockPosition(25, 0, 0), forecast);

        // S = 3 x 10 = 30, position 25: the shortfall 5 is raised to the minimum 50, then to 5 cases of 12
        assertThat(line.orderQuantity()).isEqualTo(Math.ceil(50 / 12.0) * 12);
        assertThat(line.rounding()).isEqualTo(OrderRounding.MIN_ORDER_QUANTITY);
        assertThat(line.explanation()).contains("90% quantile", "S = 30 units", "inventory position is 25 units",
                "raised to the minimum order quantity of 50 units and then up to a multiple of the case pack of 12");
    }

    @Test
    void zeroDemandOrdersNothingWhenThePositionIsNotNegative() {
        var forecast = Forecasts.deterministic(0, 0, 0, 0, 0);
        for (var stock : new StockPosition[] {new StockPosition(0, 0, 0), new StockPosition(5, 3, 8)}) {
            var line = policy.plan(SERIES, terms(3, 2, 0.99, 6, 10), stock, forecast);
            assertThat(line.orderQuantity()).isZero();
            assertThat(line.orderValue()).isZero();
            assertThat(line.rounding()).isEqualTo(OrderRounding.NO_ORDER);
            assertThat(line.orderUpToLevel()).isZero();
            assertThat(line.explanation()).startsWith("No order: the inventory position of").contains("S = 0 units",
                    "99% quantile");
        }
    }

    @Test
    void zeroDemandStillCoversBackorders() {
        var forecast = Forecasts.deterministic(0, 0);
        var line = policy.plan(SERIES, terms(1, 1, 0.95, 1, 0), new StockPosition(2, 0, 9), forecast);

        // position = 2 on hand - 9 backordered; S = 0, so the order is the 7 owed
        assertThat(line.inventoryPosition()).isEqualTo(2 - 9);
        assertThat(line.orderQuantity()).isEqualTo(7.0);
    }

    @Test
    void zeroLeadTimeHasAZeroReorderPoint() {
        var forecast = Forecasts.normal(3, 10, 3, Forecasts.DECILES);
        var line = policy.plan(SERIES, terms(0, 3, 0.95, 1, 0), new StockPosition(0, 0, 0), forecast);

        assertThat(line.reorderPoint()).isZero();
        assertThat(line.orderUpToLevel()).isGreaterThan(30);
    }
}
