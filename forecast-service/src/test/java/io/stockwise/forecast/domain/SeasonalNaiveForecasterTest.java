package io.stockwise.forecast.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalNaiveForecasterTest {
    private static final SeriesId SERIES = new SeriesId("85123A", "default");
    private static final LocalDate START = LocalDate.of(2011, 1, 3);
    private static final Instant NOW = Instant.parse("2011-03-01T10:00:00Z");
    private static final double[] WEEK = {3, 0, 5, 1, 8, 2, 0};

    private final SeasonalNaiveForecaster forecaster = new SeasonalNaiveForecaster();

    @Test
    void repeatsAPureWeeklyPatternWithZeroWidthQuantiles() {
        var y = new double[28];
        for (int i = 0; i < y.length; i++) {
            y[i] = WEEK[i % 7];
        }

        var f = forecaster.forecast(new DemandHistory(SERIES, START, y), 21, NOW);

        assertThat(f.model()).isEqualTo("seasonal_naive");
        assertThat(f.modelVersion()).isEqualTo("seasonal_naive-1");
        assertThat(f.asOfDate()).isEqualTo(START.plusDays(27));
        assertThat(f.quantileLevels()).isEqualTo(QuantileLevels.STANDARD);
        assertThat(f.createTime()).isEqualTo(NOW);
        assertThat(f.days()).hasSize(21);
        for (int h = 1; h <= 21; h++) {
            var day = f.days().get(h - 1);
            double expected = WEEK[(28 + h - 1) % 7];
            assertThat(day.date()).isEqualTo(START.plusDays(27 + h));
            assertThat(day.mean()).isEqualTo(expected);
            assertThat(day.quantiles()).hasSize(9).containsOnly(expected);
        }
    }

    @Test
    void addsScaledEmpiricalResidualQuantilesToThePointForecast() {
        // Residuals y[t] - y[t-7] are 0..6, so the type-7 residual quantile at level p is 6p.
        double[] y = {1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7};

        var f = forecaster.forecast(new DemandHistory(SERIES, START, y), 9, NOW);

        var levels = QuantileLevels.standard();
        for (int h = 1; h <= 9; h++) {
            var day = f.days().get(h - 1);
            double point = y[7 + (h - 1) % 7];
            double scale = h <= 7 ? 1 : Math.sqrt(2);
            for (int j = 0; j < levels.length; j++) {
                assertThat(day.quantile(j)).as("h=%d level=%s", h, levels[j]).isCloseTo(point + scale * 6 * levels[j], within(1e-12));
            }
            // No clamping binds: the mean is the point forecast plus the scaled mean residual (3).
            assertThat(day.mean()).as("h=%d", h).isCloseTo(point + scale * 3, within(1e-12));
        }
    }

    @Test
    void clampsQuantilesAndMeanAtZero() {
        // Residuals are -5..1; the point forecast for h=1 is 0.
        double[] y = {5, 5, 5, 5, 5, 5, 5, 0, 1, 2, 3, 4, 5, 6};

        var day = forecaster.forecast(new DemandHistory(SERIES, START, y), 1, NOW).days().get(0);

        // Q_e(p) = -5 + 6p, positive only above p = 5/6.
        assertThat(day.quantiles()).containsExactly(new double[] {0, 0, 0, 0, 0, 0, 0.01, 0.85, 0.97}, within(1e-12));
        // Only the residual 1 survives clamping: mean = 1/7.
        assertThat(day.mean()).isCloseTo(1.0 / 7, within(1e-12));
    }

    @Test
    void keepsQuantilesNonNegativeAndNonDecreasingOnNoisyIntermittentDemand() {
        var random = new Random(42);
        var y = new double[400];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextDouble() < 0.8 ? 0 : 1 + random.nextInt(20) + (i % 7 == 5 ? 30 : 0);
        }

        var f = forecaster.forecast(new DemandHistory(SERIES, START, y), 366, NOW);

        assertThat(f.days()).hasSize(366);
        for (var day : f.days()) {
            var q = day.quantiles();
            assertThat(q[0]).isGreaterThanOrEqualTo(0);
            for (int j = 1; j < q.length; j++) {
                assertThat(q[j]).as("%s level %d", day.date(), j).isGreaterThanOrEqualTo(q[j - 1]);
            }
            assertThat(day.mean()).isFinite().isGreaterThanOrEqualTo(0);
        }
        // Uncertainty grows with the number of seasons ahead.
        var week1 = f.days().get(0);
        var week10 = f.days().get(63);
        assertThat(week10.quantile(8) - week10.quantile(0)).isGreaterThan(week1.quantile(8) - week1.quantile(0));
    }

    @Test
    void fallsBackToPoissonAroundTheHistoryMeanBelowTwoWeeks() {
        // 13 days with mean 2.
        double[] y = {0, 4, 2, 2, 0, 3, 1, 2, 5, 0, 2, 1, 4};

        var f = forecaster.forecast(new DemandHistory(SERIES, START, y), 10, NOW);

        assertThat(f.asOfDate()).isEqualTo(START.plusDays(12));
        assertThat(f.days()).hasSize(10).allSatisfy(day -> {
            assertThat(day.mean()).isEqualTo(2.0);
            // Poisson(2): P(Y<=0..6) = .135 .406 .677 .857 .947 .983 .9955.
            assertThat(day.quantiles()).containsExactly(0, 0, 1, 1, 2, 3, 3, 5, 6);
        });
        assertThat(f.days().get(0).date()).isEqualTo(START.plusDays(13));
    }

    @Test
    void forecastsZeroForAShortHistoryWithoutDemand() {
        var f = forecaster.forecast(new DemandHistory(SERIES, START, new double[3]), 2, NOW);

        assertThat(f.days()).allSatisfy(day -> {
            assertThat(day.mean()).isZero();
            assertThat(day.quantiles()).containsOnly(0.0);
        });
    }

    @Test
    void usesTheSeasonalModelFromExactlyTwoWeeks() {
        var y = new double[14];
        for (int i = 0; i < y.length; i++) {
            y[i] = WEEK[i % 7];
        }
        var f = forecaster.forecast(new DemandHistory(SERIES, START, y), 7, NOW);

        for (int h = 1; h <= 7; h++) {
            assertThat(f.days().get(h - 1).quantiles()).containsOnly(WEEK[(h - 1) % 7]);
        }
    }
}
