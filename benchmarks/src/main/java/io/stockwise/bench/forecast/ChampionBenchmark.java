package io.stockwise.bench.forecast;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.TotalAggregator;
import io.stockwise.forecast.core.data.OnlineRetail;
import io.stockwise.forecast.core.ensemble.MultiOriginChampion;
import io.stockwise.forecast.core.ensemble.MultiOriginEvaluation;
import io.stockwise.forecast.core.neural.MqConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Wall time of training the champion as forecast-service does ({@link MultiOriginChampion}: every
 * model at 3 validation origins and at the cutoff, the network 4 times, selection,
 * post-processing) on a whole catalogue:
 *
 * <pre>
 * ./bench io.stockwise.bench.forecast.ChampionBenchmark online-retail FILE
 * ./bench io.stockwise.bench.forecast.ChampionBenchmark generated SERIES DAYS
 * </pre>
 *
 * The baseline in the same run is one fit of the cheapest complete forecaster, the weekday moving
 * average, on the same catalogue.
 */
public final class ChampionBenchmark {
    private ChampionBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<DemandSeries> data;
        if (args.length >= 2 && args[0].equals("online-retail")) {
            data = OnlineRetail.read(Path.of(args[1]));
        } else if (args.length >= 3 && args[0].equals("generated")) {
            data = ForecastBenchmark.generate(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 1);
        } else {
            System.err.println("usage: ChampionBenchmark online-retail FILE | generated SERIES DAYS");
            System.exit(2);
            return;
        }
        int horizon = 28;
        var histories = data.stream().filter(s -> s.firstSaleIndex() < s.length()).toList();
        System.out.printf(Locale.ROOT, "%d series, %d days each, %d cores%n", histories.size(), histories.get(0).length(),
                Runtime.getRuntime().availableProcessors());
        long b0 = System.nanoTime();
        new io.stockwise.forecast.core.model.WeekdayProfile().fitAndForecast(histories, horizon);
        System.out.printf(Locale.ROOT, "baseline weekday_ma fit+forecast %.1f s%n", (System.nanoTime() - b0) / 1e9);
        var champion = new MultiOriginChampion(MultiOriginEvaluation.models(MqConfig.rolling(horizon)),
                MultiOriginChampion.DEFAULT_VALIDATION_ORIGINS, MultiOriginChampion.DEFAULT_STEP_DAYS, new TotalAggregator());
        long t0 = System.nanoTime();
        var f = champion.fit(histories, horizon, false);
        System.out.printf(Locale.ROOT, "champion train + forecast %d series: %.1f s; chose %s, %s, mean %s%n", f.size(),
                (System.nanoTime() - t0) / 1e9, champion.lastReport().choice(),
                champion.lastReport().selection().reconciliation(), champion.lastReport().selection().meanRule());
    }
}
