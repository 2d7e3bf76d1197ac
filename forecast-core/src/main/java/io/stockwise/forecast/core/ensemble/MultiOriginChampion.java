package io.stockwise.forecast.core.ensemble;

import io.stockwise.forecast.core.Backtest;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.ForecastPostProcessor;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.TotalAggregator;
import io.stockwise.forecast.core.metrics.Score;
import io.stockwise.forecast.core.metrics.Segment;
import io.stockwise.forecast.core.model.WeekdayProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The champion chosen on several rolling origins: every base model is fitted at
 * {@code validationOrigins} origins {@code stepDays} apart, the last one {@code horizon} days
 * before the cutoff (so every scored day is on or before it), and {@link ChampionSelector} picks
 * per segment a weighted quantile average and the reconciliation with a direct total forecast;
 * then the chosen models are refitted at the cutoff and assembled the same way
 * ({@link #apply}). {@link MultiOriginEvaluation} runs exactly this procedure at each of its
 * origins, so its scores are those of what this model serves.
 */
public final class MultiOriginChampion implements ForecastModel {
    public static final String NAME = "champion";
    /** Validation origins by default. */
    public static final int DEFAULT_VALIDATION_ORIGINS = 3;
    /** Days between validation origins by default. */
    public static final int DEFAULT_STEP_DAYS = 7;

    private final List<ForecastModel> models;
    private final int validationOrigins;
    private final int stepDays;
    private final TotalAggregator aggregator;
    private final int rounds;
    private volatile Report last;

    /**
     * What the last fit chose and measured.
     *
     * @param selection the choice (per segment weights, reconciliation)
     * @param selector what the selector measured, or {@code null} when it fell back (too little history)
     * @param validation per model (and {@value #NAME}, in-sample) the scores averaged over the validation
     *     origins (totals from {@link #selectionAggregator()}'s 100 draws)
     * @param origins the validation origins used
     * @param factors the reconciliation factor per horizon day at the cutoff (all 1 for bottom-up)
     * @param finalForecasts per base model refitted at the cutoff its forecasts
     */
    public record Report(Selection selection, ChampionSelector.Result selector, Map<String, Score> validation,
            List<LocalDate> origins, double[] factors, Map<String, List<QuantileForecast>> finalForecasts) {
        /** The description per segment. */
        public Map<Segment, String> choice() {
            return selection.choice();
        }
    }

    /** The champion's forecasts at one origin and the reconciliation factors applied. */
    public record Applied(List<QuantileForecast> forecasts, double[] factors) {}

    /**
     * @param models the base models, in tie-breaking order
     * @param aggregator aggregates totals when scoring
     */
    public MultiOriginChampion(List<ForecastModel> models, int validationOrigins, int stepDays, TotalAggregator aggregator) {
        this(models, validationOrigins, stepDays, aggregator, ChampionSelector.ROUNDS);
    }

    /** @param rounds most rounds of the ensemble selection (1: single models per segment only) */
    public MultiOriginChampion(List<ForecastModel> models, int validationOrigins, int stepDays, TotalAggregator aggregator,
            int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be positive");
        }
        this.rounds = rounds;
        if (validationOrigins < 1 || stepDays < 1) {
            throw new IllegalArgumentException("validation origins and step days must be positive");
        }
        this.models = List.copyOf(models);
        this.validationOrigins = validationOrigins;
        this.stepDays = stepDays;
        this.aggregator = aggregator;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The last fit's report, or {@code null}. */
    public Report lastReport() {
        return last;
    }

    /**
     * The aggregator the selector scores totals with: fewer draws than the reports' (the same seed
     * for every candidate, so their comparison shares its sampling noise).
     */
    public static TotalAggregator selectionAggregator() {
        return new TotalAggregator(100, 20111013L);
    }

    /** The validation origins of a cutoff, ascending: the last one {@code horizon} days before it. */
    public static List<LocalDate> validationOrigins(LocalDate cutoff, int horizon, int count, int stepDays) {
        var out = new ArrayList<LocalDate>(count);
        for (int i = count - 1; i >= 0; i--) {
            out.add(cutoff.minusDays(horizon + (long) stepDays * i));
        }
        return out;
    }

    @Override
    public List<QuantileForecast> fitAndForecast(List<DemandSeries> histories, int horizon) {
        return fit(histories, horizon, false);
    }

    /** Like {@link #fitAndForecast}; with {@code allModels} every base model is refitted at the cutoff (for reports). */
    public List<QuantileForecast> fit(List<DemandSeries> histories, int horizon, boolean allModels) {
        LocalDate cutoff = histories.get(0).lastDate();
        var runs = new ArrayList<OriginRun>();
        for (var origin : validationOrigins(cutoff, horizon, validationOrigins, stepDays)) {
            var run = OriginRun.compute(histories, origin, horizon, models, true);
            if (!run.histories().isEmpty() && !run.forecasts().isEmpty()) {
                runs.add(run);
            }
        }
        var names = models.stream().map(ForecastModel::name).toList();
        ChampionSelector.Result result = null;
        Selection selection;
        if (runs.isEmpty()) {
            // Too little history before the cutoff to choose: the weekday moving average serves.
            selection = Selection.single(names.contains(WeekdayProfile.NAME) ? WeekdayProfile.NAME : names.get(0));
        } else {
            result = ChampionSelector.select(runs, names, selectionAggregator(), rounds);
            selection = result.selection();
        }
        var needed = allModels ? models : models.stream().filter(m -> selection.models().contains(m.name())).toList();
        var finalRun = OriginRun.compute(histories, cutoff, horizon, needed, false);
        var applied = apply(selection, finalRun);
        last = new Report(selection, result, validationScores(runs, selection), runs.stream().map(OriginRun::origin).toList(),
                applied.factors(), finalRun.forecasts());
        return applied.forecasts();
    }

    /**
     * The selection applied to a run's base forecasts: per segment ensembles, reconciled, then
     * post-processed ({@link ForecastPostProcessor} with the selection's mean rule) as served.
     */
    public static Applied apply(Selection selection, OriginRun run) {
        var segments = run.histories().stream().map(Segment::of).toList();
        var assembled = selection.assemble(segments, run.forecasts());
        var total = Reconciliation.totalModel(selection.reconciliation());
        var direct = total == null ? null : run.directTotals().get(total);
        var factors = Reconciliation.factors(selection.reconciliation(), assembled, direct);
        // The served forecasts' last step (one distribution, closed days, obsolete items).
        return new Applied(selection.postProcessor().apply(run.histories(), Reconciliation.apply(assembled, factors)),
                factors);
    }

    private Map<String, Score> validationScores(List<OriginRun> runs, Selection selection) {
        var out = new LinkedHashMap<String, Score>();
        if (runs.isEmpty()) {
            return out;
        }
        var perModel = new LinkedHashMap<String, List<Score>>();
        // The report's totals need not the final scores' precision: the selector's cheaper draws
        // (scoring every model's total at every origin dominated training on large catalogues).
        var aggregator = selectionAggregator();
        for (var run : runs) {
            run.forecasts().forEach((name, f) -> perModel.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(Backtest.score(name, run.histories(), run.actuals(), f, aggregator, 0).score()));
            var champion = apply(selection, run).forecasts();
            perModel.computeIfAbsent(NAME, k -> new ArrayList<>())
                    .add(Backtest.score(NAME, run.histories(), run.actuals(), champion, aggregator, 0).score());
        }
        perModel.forEach((name, scores) -> out.put(name, Scores.mean(scores)));
        return out;
    }
}
