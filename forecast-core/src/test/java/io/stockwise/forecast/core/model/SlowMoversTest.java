package io.stockwise.forecast.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.DemandSeries;
import org.junit.jupiter.api.Test;

class SlowMoversTest {
    private static final double[] LEVELS = {0.1, 0.5, 0.9};

    @Test
    void monthlySeasonalNaiveRepeatsLastYear() {
        var y = new double[36];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 12;
        }
        var f = SeasonalNaive.forBucket(Bucket.MONTH).forecast(DemandSeries.of("M", Bucket.time(600), y), 12, LEVELS);
        for (int h = 0; h < 12; h++) {
            assertThat(f.mean()[h]).isEqualTo(h);
            assertThat(f.quantiles()[h]).containsOnly((double) h);
        }
        assertThat(f.firstDate()).isEqualTo(Bucket.time(636));
    }

    @Test
    void shortWeeklyHistoriesFallBackToTheNaiveRule() {
        // 20 weeks: fewer than 52 + 1, so seasonal naive uses lag 1 and ETS drops its season.
        var y = new double[20];
        java.util.Arrays.fill(y, 4);
        y[19] = 6;
        var s = DemandSeries.of("W", Bucket.time(2800), y);
        var sn = SeasonalNaive.forBucket(Bucket.WEEK).forecast(s, 8, LEVELS);
        assertThat(sn.quantile(0, 1)).isEqualTo(6);
        var constant = DemandSeries.of("C", Bucket.time(2800), new double[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5});
        var ets = Ets.forBucket(Bucket.WEEK).forecast(constant, 8, LEVELS);
        for (int h = 0; h < 8; h++) {
            assertThat(ets.mean()[h]).isCloseTo(5, within(1e-9));
        }
    }

    @Test
    void hurdleQuantilesAreZeroUpToTheNoDemandProbability() {
        // A demand of 3 every fourth month for 20 years: TSB's probability settles near 1/4.
        var y = new double[240];
        for (int i = 0; i < y.length; i += 4) {
            y[i] = 3;
        }
        var s = DemandSeries.of("H", Bucket.time(0), java.util.Arrays.copyOf(y, 237));
        var f = new CountModel(CountModel.Method.HURDLE).forecast(s, 3, new double[] {0.5, 0.7, 0.8, 0.95});
        var pi = CountModel.Tsb.fit(s.demand(), 0, CountModel.ALPHA).pi();
        assertThat(pi).isBetween(0.15, 0.35);
        assertThat(f.quantile(0, 0)).isZero();
        // Every size is 3: the positive part is exactly 3 (1 + a negative binomial of mean 2 with no extra dispersion: Poisson).
        assertThat(f.quantile(0, 3)).isGreaterThanOrEqualTo(1);
        assertThat(f.mean()[0]).isCloseTo(pi * 3, within(1e-6));
        var nb = new CountModel(CountModel.Method.NEGBIN).forecast(s, 3, LEVELS);
        assertThat(nb.mean()[0]).isCloseTo(f.mean()[0], within(1e-12));
    }

    @Test
    void adidaAndImapaRecoverTheRateOfARegularIntermittentSeries() {
        // 6 units every third month: rate 2 per month.
        var y = new double[120];
        for (int i = 2; i < y.length; i += 3) {
            y[i] = 6;
        }
        var s = DemandSeries.of("A", Bucket.time(0), y);
        var adida = new TemporalAggregation(TemporalAggregation.Method.ADIDA).forecast(s, 6, LEVELS);
        // Blocks of 3 months each hold exactly 6: SES on a constant gives 6, shared over 3 months.
        assertThat(adida.mean()[0]).isCloseTo(2, within(1e-9));
        var imapa = new TemporalAggregation(TemporalAggregation.Method.IMAPA).forecast(s, 6, LEVELS);
        assertThat(imapa.mean()[5]).isBetween(1.5, 2.5);
    }

    @Test
    void theBucketModelSetFollowsTheBucket() {
        assertThat(Baselines.forBucket(Bucket.MONTH)).extracting(m -> m.name()).containsExactly("seasonal_naive", "ets",
                "croston", "sba", "tsb", "adida", "imapa", "negbin", "hurdle");
        assertThat(Baselines.forBucket(Bucket.DAY)).extracting(m -> m.name()).contains("weekday_ma");
    }
}
