package io.stockwise.forecast.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.forecast.core.data.IntermittentCatalogue;
import io.stockwise.forecast.core.data.LongFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketEvaluationTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private static Path monthly(Path dir) throws Exception {
        var file = dir.resolve("monthly.csv");
        LongFormat.write(file, Bucket.MONTH, IntermittentCatalogue.generate(150, 36, YearMonth.of(2021, 1), 5));
        return file;
    }

    @Test
    void forecastsAMonthlyCatalogueAtTheRequestedLevelsInTheGivenOrder(@TempDir Path dir) throws Exception {
        var out = dir.resolve("f.csv");
        var o = new BucketEvaluation.Options(monthly(dir), null, "2022-12", 12, new double[] {0.9, 0.1, 0.5},
                List.of("q0.90", "q0.1", "q0.5"), out, true, 3, 0);
        var r = BucketEvaluation.run(o, QUIET);
        assertThat(r.bucket()).isEqualTo(Bucket.MONTH);
        var lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("series_id,period,mean,q0.90,q0.1,q0.5");
        assertThat(lines).hasSize(1 + r.forecasts().size() * 12);
        var first = lines.get(1).split(",");
        assertThat(first[1]).isEqualTo("2023-01");
        assertThat(lines.get(12).split(",")[1]).isEqualTo("2023-12");
        for (var line : lines.subList(1, lines.size())) {
            var f = line.split(",");
            double q90 = Double.parseDouble(f[3]);
            double q10 = Double.parseDouble(f[4]);
            double q50 = Double.parseDouble(f[5]);
            assertThat(q10).isLessThanOrEqualTo(q50);
            assertThat(q50).isLessThanOrEqualTo(q90);
        }
        // Every model and the champion were backtested and scored after the cutoff on the same series.
        assertThat(r.backtest().keySet()).contains("seasonal_naive", "ets", "tsb", "hurdle", BucketEvaluation.CHAMPION);
        assertThat(r.after().keySet()).isEqualTo(r.backtest().keySet());
        var champion = r.backtest().get(BucketEvaluation.CHAMPION).wql();
        // Chosen per segment on the backtest, the champion is at least as good there as any single model.
        r.backtest().values().forEach(s -> assertThat(champion).isLessThanOrEqualTo(s.wql() + 1e-12));
        assertThat(r.choice()).isNotEmpty();
    }

    @Test
    void nothingAfterTheCutoffReachesTheForecast(@TempDir Path dir) throws Exception {
        var file = monthly(dir);
        var changed = dir.resolve("changed.csv");
        var rows = new ArrayList<String>();
        for (var line : Files.readAllLines(file)) {
            var f = line.split(",");
            if (!line.startsWith("series_id") && f[1].compareTo("2022-12") > 0) {
                // Later rows altered, and some made malformed: none of it may matter.
                rows.add(f[0] + "," + f[1] + "," + (f[0].endsWith("7") ? "not-a-number" : Double.parseDouble(f[2]) * 10 + 3));
            } else {
                rows.add(line);
            }
        }
        rows.add("NEW-AFTER,2023-05,40");
        Files.write(changed, rows);
        var a = dir.resolve("a.csv");
        var b = dir.resolve("b.csv");
        BucketEvaluation.run(BucketEvaluation.Options.of(file, null, "2022-12", 6, new double[] {0.1, 0.5, 0.9}, a, false), QUIET);
        BucketEvaluation.run(BucketEvaluation.Options.of(changed, null, "2022-12", 6, new double[] {0.1, 0.5, 0.9}, b, false), QUIET);
        assertThat(Files.readAllLines(b)).isEqualTo(Files.readAllLines(a));
    }

    @Test
    void nothingAfterAWeeklyCutoffReachesTheForecastNetworkIncluded(@TempDir Path dir) throws Exception {
        var weekly = LongFormat.fromDaily(TestData.panel(30, 70 * 7, 4), Bucket.WEEK);
        var file = dir.resolve("w.csv");
        LongFormat.write(file, Bucket.WEEK, weekly);
        var cutoff = Bucket.WEEK.period(weekly.get(1).lastDate().minusDays(10));
        var changed = dir.resolve("w2.csv");
        var rows = new ArrayList<String>();
        for (var line : Files.readAllLines(file)) {
            var f = line.split(",");
            boolean after = !line.startsWith("series_id") && f[1].compareTo(cutoff) > 0;
            rows.add(after ? f[0] + "," + f[1] + "," + (Double.parseDouble(f[2]) * 7 + 1) : line);
        }
        Files.write(changed, rows);
        var a = dir.resolve("a.csv");
        var b = dir.resolve("b.csv");
        var levels = new double[] {0.1, 0.5, 0.9};
        var labels = List.of("q0.1", "q0.5", "q0.9");
        BucketEvaluation.run(new BucketEvaluation.Options(file, null, cutoff, 4, levels, labels, a, false, 2, 100), QUIET);
        var r = BucketEvaluation.run(new BucketEvaluation.Options(changed, null, cutoff, 4, levels, labels, b, false, 2, 100), QUIET);
        assertThat(r.backtest()).containsKey("mq_bucket");
        assertThat(Files.readAllLines(b)).isEqualTo(Files.readAllLines(a));
    }

    @Test
    void endedSeriesAreNotForecast(@TempDir Path dir) throws Exception {
        var file = dir.resolve("e.csv");
        var rows = new ArrayList<String>(List.of(LongFormat.HEADER));
        for (int m = 1; m <= 12; m++) {
            rows.add(String.format("LIVE,2023-%02d,%d", m, m % 3));
            if (m <= 8) {
                rows.add(String.format("GONE,2023-%02d,%d", m, 2));
            }
        }
        Files.write(file, rows);
        var out = dir.resolve("o.csv");
        var r = BucketEvaluation.run(BucketEvaluation.Options.of(file, Bucket.MONTH, null, 3, new double[] {0.5}, out, false), QUIET);
        assertThat(r.forecasts()).extracting(LevelForecast::id).containsExactly("LIVE");
        assertThat(Files.readAllLines(out)).hasSize(4).allMatch(l -> !l.startsWith("GONE"));
    }

    @Test
    void forecastsWeeklyDemandSummedFromDays(@TempDir Path dir) throws Exception {
        // 40 daily series over 90 weeks, summed into ISO weeks (TestData starts on a Monday).
        var weekly = LongFormat.fromDaily(TestData.panel(40, 90 * 7, 9), Bucket.WEEK);
        var file = dir.resolve("w.csv.gz");
        LongFormat.write(file, Bucket.WEEK, weekly);
        var cutoff = Bucket.WEEK.period(weekly.get(1).lastDate().minusDays(8));
        var out = dir.resolve("w-out.csv");
        var r = BucketEvaluation.run(BucketEvaluation.Options.of(file, null, cutoff, 8, new double[] {0.1, 0.5, 0.9}, out, true), QUIET);
        assertThat(r.bucket()).isEqualTo(Bucket.WEEK);
        assertThat(r.forecasts()).hasSize(40);
        assertThat(Files.readAllLines(out).get(1).split(",")[1]).matches("\\d{4}-W\\d{2}");
        assertThat(r.after().get(BucketEvaluation.CHAMPION).wql()).isFinite();
        // Weekly sums of a daily level of 2..21 per open day are far from intermittent: the naive
        // seasonal rule of a 52-week season must not beat ETS and the smoothers by chance here.
        assertThat(r.after().get(BucketEvaluation.CHAMPION).wql()).isLessThan(r.after().get("croston").wql() * 1.5);
    }

    @Test
    void theGlobalNetworkLearnsAcrossTheCatalogueAndIsBacktestedLikeTheOthers(@TempDir Path dir) throws Exception {
        var file = monthly(dir);
        var levels = new double[] {0.1, 0.5, 0.9};
        var o = new BucketEvaluation.Options(file, null, "2022-12", 6, levels, List.of("q0.1", "q0.5", "q0.9"),
                dir.resolve("n.csv"), true, 2, 150);
        var r = BucketEvaluation.run(o, QUIET);
        assertThat(r.backtest()).containsKey("mq_bucket").containsKey("mq_bucket+tsb");
        assertThat(r.after()).containsKey("mq_bucket").containsKey("mq_bucket+hurdle");
        // Chosen per segment among single models and averages, the champion is the backtest's best.
        var champion = r.backtest().get(BucketEvaluation.CHAMPION).wql();
        r.backtest().values().forEach(s -> assertThat(champion).isLessThanOrEqualTo(s.wql() + 1e-12));
        // A network trained on this catalogue must beat forecasting the last year's months back.
        assertThat(r.after().get("mq_bucket").wql()).isLessThan(r.after().get("seasonal_naive").wql());
        // Seeded and single-threaded: the same run gives the same forecasts.
        var again = new io.stockwise.forecast.core.neural.BucketNetwork(Bucket.MONTH, 32, 4, 0, 42);
        var hist = io.stockwise.forecast.core.data.LongFormat.read(file, null, "2022-12").active();
        var a = again.forecastAll(hist, 6, levels);
        var b = new io.stockwise.forecast.core.neural.BucketNetwork(Bucket.MONTH, 32, 4, 0, 42).forecastAll(hist, 6, levels);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).quantiles()).isDeepEqualTo(a.get(i).quantiles());
            for (int h = 0; h < 6; h++) {
                assertThat(a.get(i).quantile(h, 0)).isLessThanOrEqualTo(a.get(i).quantile(h, 2));
            }
        }
    }
}
