package io.stockwise.forecast.core.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.Quantiles;
import io.stockwise.forecast.core.TotalAggregator;
import io.stockwise.forecast.core.metrics.Segment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The champion's choice on origins with known scores: hand-made forecasts whose errors are known
 * by construction (exact, shifted, scaled), so the best candidate per segment is known in advance.
 */
class ChampionSelectorTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 120;
    private static final int H = 7;
    private static final TotalAggregator AGG = new TotalAggregator(100, 1);

    /** Two fast, two intermittent and one new series, with their actuals after day {@code DAYS}. */
    private static List<DemandSeries> histories(int shift) {
        var out = new ArrayList<DemandSeries>();
        for (int i = 0; i < 2; i++) {
            var y = new double[DAYS];
            for (int t = 0; t < DAYS; t++) {
                y[t] = 4 + (t + i + shift) % 3;
            }
            out.add(DemandSeries.of("F" + i, START, y));
        }
        for (int i = 0; i < 2; i++) {
            var y = new double[DAYS];
            for (int t = 0; t < DAYS; t += 4) {
                y[t] = 3 + i;
            }
            out.add(DemandSeries.of("I" + i, START, y));
        }
        var y = new double[DAYS];
        for (int t = 100; t < DAYS; t++) {
            y[t] = 3 + t % 2;
        }
        out.add(DemandSeries.of("N0", START, y));
        return out;
    }

    private static double[] actual(int i, int shift) {
        var a = new double[H];
        for (int h = 0; h < H; h++) {
            a[h] = switch (i) {
                case 0, 1 -> 4 + (h + i + shift) % 3;
                case 2, 3 -> h % 4 == 0 ? 3 + i - 2 : 0;
                default -> 3 + h % 2;
            };
        }
        return a;
    }

    /** A point-mass forecast: every quantile equals the mean. */
    private static QuantileForecast point(String id, double[] mean) {
        var q = new double[mean.length][Quantiles.COUNT];
        for (int h = 0; h < mean.length; h++) {
            java.util.Arrays.fill(q[h], Math.max(0, mean[h]));
        }
        return new QuantileForecast(id, START.plusDays(DAYS), mean, q);
    }

    /** A run whose model forecasts are {@code f(series index, actual)}, with a perfect direct total when asked. */
    private static OriginRun run(int shift, Map<String, BiFunction<Integer, double[], double[]>> models, boolean perfectTotal) {
        var histories = histories(shift);
        var actuals = new ArrayList<double[]>();
        for (int i = 0; i < histories.size(); i++) {
            actuals.add(actual(i, shift));
        }
        var forecasts = new LinkedHashMap<String, List<QuantileForecast>>();
        models.forEach((name, f) -> {
            var list = new ArrayList<QuantileForecast>();
            for (int i = 0; i < histories.size(); i++) {
                list.add(point(histories.get(i).id(), f.apply(i, actuals.get(i))));
            }
            forecasts.put(name, list);
        });
        var totals = new LinkedHashMap<String, QuantileForecast>();
        if (perfectTotal) {
            var sum = new double[H];
            actuals.forEach(a -> {
                for (int h = 0; h < H; h++) {
                    sum[h] += a[h];
                }
            });
            totals.put("ets", point("_TOTAL", sum));
        }
        return new OriginRun(START.plusDays(DAYS - 1), H, histories, actuals, forecasts, totals);
    }

    private static double[] plus(double[] a, double d) {
        var out = a.clone();
        for (int h = 0; h < out.length; h++) {
            out[h] += d;
        }
        return out;
    }

    private static double[] times(double[] a, double k) {
        var out = a.clone();
        for (int h = 0; h < out.length; h++) {
            out[h] *= k;
        }
        return out;
    }

    @Test
    void theHistoriesCoverEverySegment() {
        assertThat(histories(0).stream().map(Segment::of).toList())
                .containsExactly(Segment.FAST, Segment.FAST, Segment.INTERMITTENT, Segment.INTERMITTENT, Segment.NEW);
    }

    @Test
    void choosesPerSegmentTheModelThatScoredBestThere() {
        var models = new LinkedHashMap<String, BiFunction<Integer, double[], double[]>>();
        // "fast_good" is exact on fast series and 2 units off elsewhere; "slow_good" the reverse;
        // "new_good" is exact only on the new series; "flat" is 1 unit off everywhere.
        models.put("flat", (i, a) -> plus(a, 1));
        models.put("fast_good", (i, a) -> i < 2 ? a : plus(a, 2));
        models.put("slow_good", (i, a) -> i >= 2 && i < 4 ? a : plus(a, 2));
        models.put("new_good", (i, a) -> i == 4 ? a : plus(a, 3));
        var runs = List.of(run(0, models, false), run(1, models, false));
        var result = ChampionSelector.select(runs, List.copyOf(models.keySet()), AGG);
        var w = result.selection().weights();
        assertThat(w.get(Segment.FAST)).containsExactly(Map.entry("fast_good", 1.0));
        assertThat(w.get(Segment.INTERMITTENT)).containsExactly(Map.entry("slow_good", 1.0));
        assertThat(w.get(Segment.NEW)).containsExactly(Map.entry("new_good", 1.0));
        assertThat(result.selection().reconciliation()).isEqualTo(Reconciliation.BOTTOM_UP);
        // An exact forecast scores 0 against the best single model's error: objective 0.
        assertThat(result.objectives().get(Segment.FAST)).isCloseTo(0, within(1e-6));
    }

    @Test
    void tiesGoToTheModelListedFirst() {
        var models = new LinkedHashMap<String, BiFunction<Integer, double[], double[]>>();
        models.put("twin_a", (i, a) -> plus(a, 1));
        models.put("twin_b", (i, a) -> plus(a, 1));
        var runs = List.of(run(0, models, false));
        var first = ChampionSelector.select(runs, List.of("twin_a", "twin_b"), AGG).selection();
        var reversed = ChampionSelector.select(runs, List.of("twin_b", "twin_a"), AGG).selection();
        for (var seg : Segment.values()) {
            assertThat(first.weights().get(seg)).containsExactly(Map.entry("twin_a", 1.0));
            assertThat(reversed.weights().get(seg)).containsExactly(Map.entry("twin_b", 1.0));
        }
    }

    @Test
    void ensembleWeightsAreThoseOfTheBestScoringAverage() {
        // "high" over-forecasts by 2 and "low" under-forecasts by 2 (no actual is below 2 on the
        // fast and new series); their equal average is exact there, and no other mixture of the
        // grid is: the weights must be one half each. On the intermittent series "low" is clamped
        // at 0 and "exact_slow" is exact, so it wins alone there.
        var models = new LinkedHashMap<String, BiFunction<Integer, double[], double[]>>();
        models.put("high", (i, a) -> plus(a, 2));
        models.put("low", (i, a) -> plus(a, -2));
        models.put("exact_slow", (i, a) -> i >= 2 && i < 4 ? a : plus(a, 5));
        var runs = List.of(run(0, models, false), run(2, models, false));
        var w = ChampionSelector.select(runs, List.copyOf(models.keySet()), AGG).selection().weights();
        assertThat(w.get(Segment.FAST)).containsOnlyKeys("high", "low");
        assertThat(w.get(Segment.FAST).get("high")).isCloseTo(0.5, within(1e-12));
        assertThat(w.get(Segment.NEW).get("low")).isCloseTo(0.5, within(1e-12));
        assertThat(w.get(Segment.INTERMITTENT)).containsExactly(Map.entry("exact_slow", 1.0));
    }

    @Test
    void topDownIsChosenWhenTheDirectTotalIsRightAndTheSeriesAreBiased() {
        var models = new LinkedHashMap<String, BiFunction<Integer, double[], double[]>>();
        models.put("half", (i, a) -> times(a, 0.5));
        var biased = ChampionSelector.select(List.of(run(0, models, true)), List.of("half"), AGG);
        assertThat(biased.selection().reconciliation()).isEqualTo("top_down:ets");
        assertThat(biased.reconciliationScores().get("ensemble/top_down:ets/CARRIED")[0])
                .isLessThan(biased.reconciliationScores().get("ensemble/" + Reconciliation.BOTTOM_UP + "/CARRIED")[0]);

        models.put("half", (i, a) -> a);
        // Exact series: every method gives factor 1, a tie that bottom-up (listed first) wins.
        var exact = ChampionSelector.select(List.of(run(0, models, true)), List.of("half"), AGG);
        assertThat(exact.selection().reconciliation()).isEqualTo(Reconciliation.BOTTOM_UP);
    }

    @Test
    void theImpliedMeanRuleIsChosenWhenTheQuantilesAreRightAndTheMeanIsNot() {
        var histories = histories(0);
        var actuals = new ArrayList<double[]>();
        var f = new ArrayList<QuantileForecast>();
        for (int i = 0; i < histories.size(); i++) {
            var a = actual(i, 0);
            actuals.add(a);
            var q = new double[H][Quantiles.COUNT];
            for (int h = 0; h < H; h++) {
                java.util.Arrays.fill(q[h], a[h]);
            }
            // Exact point-mass quantiles, a mean half the actual.
            f.add(new QuantileForecast(histories.get(i).id(), START.plusDays(DAYS), times(a, 0.5), q));
        }
        var run = new OriginRun(START.plusDays(DAYS - 1), H, histories, actuals, Map.of("biased_mean", f), Map.of());
        var chosen = ChampionSelector.select(List.of(run), List.of("biased_mean"), AGG).selection();
        assertThat(chosen.meanRule()).isEqualTo(io.stockwise.forecast.core.ForecastPostProcessor.MeanRule.IMPLIED);
    }

    @Test
    void selectionRoundTripsThroughItsDescription() {
        var w = new LinkedHashMap<String, Double>();
        w.put("mq_mlp", 0.75);
        w.put("ets", 0.25);
        assertThat(Selection.describe(w)).isEqualTo("0.75*mq_mlp+0.25*ets");
        assertThat(Selection.parse("0.75*mq_mlp+0.25*ets")).isEqualTo(w);
        assertThat(Selection.parse("ets+mq_mlp")).containsEntry("ets", 0.5).containsEntry("mq_mlp", 0.5);
        assertThat(Selection.parse("tsb")).containsExactly(Map.entry("tsb", 1.0));
    }
}
