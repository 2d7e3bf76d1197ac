package io.stockwise.cli.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ForecastCommandsTest {
    private static final String HEADER =
            "\"InvoiceNo\",\"StockCode\",\"Description\",\"Quantity\",\"InvoiceDate\",\"UnitPrice\",\"CustomerID\",\"Country\"";

    /** 12 SKUs over 120 days (closed Saturdays), one of them first sold after the cutoff. */
    private static Path transactions(Path dir) throws Exception {
        var rnd = new Random(3);
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        var start = LocalDate.of(2011, 1, 3);
        int invoice = 500000;
        for (int d = 0; d < 120; d++) {
            var day = start.plusDays(d);
            if (day.getDayOfWeek().getValue() == 6) {
                continue;
            }
            for (int s = 0; s < 12; s++) {
                if (s == 11 && d < 100 || rnd.nextInt(3) == 0) {
                    continue;
                }
                lines.add(String.format(Locale.ROOT, "\"%d\",\"%05d%s\",\"ITEM, %d\",%d,\"%s 10:00:00\",%.2f,1,\"UK\"",
                        invoice++, 22000 + s, s == 2 ? "b" : "", s, 1 + rnd.nextInt(12), day, 1.5 + s));
            }
        }
        var file = dir.resolve("t.csv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void forecastEvalWritesEveryKnownSkuAndTheTotalThenPlotDrawsThem(@TempDir Path dir) throws Exception {
        var file = transactions(dir);
        var out = dir.resolve("f.csv");
        int code = new CommandLine(new ForecastEvalCommand()).execute("--transactions", file.toString(), "--cutoff",
                "2011-04-12", "--horizon", "28", "--out", out.toString(), "--epochs", "1", "--max-samples", "400",
                "--device", "cpu");
        assertThat(code).isZero();
        var rows = Files.readAllLines(out);
        assertThat(rows.get(0)).isEqualTo("series_id,date,mean,q0.005,q0.025,q0.165,q0.25,q0.5,q0.75,q0.835,q0.975,q0.995");
        // 11 SKUs sold by the cutoff (22011 starts on day 100, after it), 28 days each, plus 28 _TOTAL rows.
        assertThat(rows).hasSize(1 + 11 * 28 + 28);
        assertThat(rows).anyMatch(r -> r.startsWith("22002B,2011-04-13,"));
        assertThat(rows).noneMatch(r -> r.startsWith("22011,"));
        assertThat(rows.get(rows.size() - 1)).startsWith("_TOTAL,2011-05-10,");
        for (var r : rows.subList(1, rows.size())) {
            var f = r.split(",");
            double prev = 0;
            for (int j = 3; j < 12; j++) {
                double q = Double.parseDouble(f[j]);
                assertThat(q).isGreaterThanOrEqualTo(prev);
                prev = q;
            }
            assertThat(Double.parseDouble(f[2])).isGreaterThanOrEqualTo(0);
        }

        var plots = dir.resolve("plots");
        code = new CommandLine(new ForecastPlotCommand()).execute("--forecasts", out.toString(), "--transactions",
                file.toString(), "--series", "22002b,_TOTAL", "--out-dir", plots.toString());
        assertThat(code).isZero();
        assertThat(Files.readString(plots.resolve("22002B.svg"))).startsWith("<svg").contains("<path", "<polyline");
        code = new CommandLine(new ForecastPlotCommand()).execute("--forecasts", out.toString(), "--transactions",
                file.toString(), "--series", "_TOTAL", "--out-dir", plots.toString(), "--format", "png");
        assertThat(code).isZero();
        assertThat(Files.size(plots.resolve("_TOTAL.png"))).isGreaterThan(1000);
    }

    @Test
    void scoreAfterScoresOnlyWhenTheFileHoldsEveryForecastDay(@TempDir Path dir) throws Exception {
        var file = transactions(dir); // trading days up to 2011-05-02
        assertThat(evalOutput(file, dir.resolve("a.csv"), "2011-04-04"))
                .contains("scored on the 28 days after the cutoff").doesNotContain("not scored");
        assertThat(evalOutput(file, dir.resolve("b.csv"), "2011-04-12"))
                .contains("not scored: the file ends on 2011-05-02, before the last forecast day 2011-05-10")
                .doesNotContain("scored on the 28 days after the cutoff");
        assertThat(dir.resolve("b.csv")).exists();
    }

    @Test
    void rollingOriginsPrintEveryModelPerOriginAndOnAverage(@TempDir Path dir) throws Exception {
        var file = transactions(dir); // trading days up to 2011-05-02
        var out = dir.resolve("m.csv");
        var text = capture("--transactions", file.toString(), "--cutoff", "2011-04-25", "--horizon", "7", "--origins",
                "2", "--step-days", "7", "--validation-origins", "2", "--out", out.toString(), "--epochs", "1",
                "--max-samples", "400", "--device", "cpu");
        assertThat(text).contains("origin 2011-04-18 (", "origin 2011-04-25 (", "average over 2 origins",
                "champion vs classical_sbc on average");
        // Each origin's champion is chosen on origins whose scored days end by it.
        assertThat(text).contains("chosen on [2011-04-04, 2011-04-11]", "chosen on [2011-04-11, 2011-04-18]");
        for (var model : java.util.List.of("weekday_ma", "ets", "tsb", "classical_sbc", "mq_mlp", "champion")) {
            assertThat(text).containsPattern("(?m)^  " + model + " +[0-9.]+");
        }
        // All 12 SKUs sold by the last origin (22011 from 2011-04-13), 7 days each, plus the total.
        assertThat(Files.readAllLines(out)).hasSize(1 + 12 * 7 + 7);
        assertThat(capture("--transactions", file.toString(), "--cutoff", "2011-04-30", "--horizon", "7", "--origins",
                "2")).isEmpty();
    }

    /** Runs forecast-eval and returns its standard output (empty when it failed). */
    private static String capture(String... args) {
        var original = System.out;
        var captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new ForecastEvalCommand()).execute(args);
            return code == 0 ? captured.toString(java.nio.charset.StandardCharsets.UTF_8) : "";
        } finally {
            System.setOut(original);
        }
    }

    private static String evalOutput(Path file, Path out, String cutoff) {
        var original = System.out;
        var captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new ForecastEvalCommand()).execute("--transactions", file.toString(), "--cutoff",
                    cutoff, "--horizon", "28", "--out", out.toString(), "--epochs", "1", "--max-samples", "400",
                    "--device", "cpu", "--score-after");
            assertThat(code).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
