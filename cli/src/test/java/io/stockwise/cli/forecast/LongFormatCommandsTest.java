package io.stockwise.cli.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongFormatCommandsTest {
    @Test
    void generatesAMonthlyCatalogueAndForecastsItAtTheRequestedLevels(@TempDir Path dir) throws Exception {
        var csv = dir.resolve("spares.csv.gz");
        var gen = CliRun.run("long-csv", "--generate", "120", "--months", "36", "--seed", "3", "--out", csv.toString());
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        var out = dir.resolve("f.csv");
        var run = CliRun.run("forecast-eval", "--format", "long", "--input", csv.toString(), "--cutoff", "2022-12",
                "--horizon", "12", "--quantiles", "0.1,0.5,0.9", "--out", out.toString(), "--score-after", "--no-network");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var rows = Files.readAllLines(out);
        assertThat(rows.get(0)).isEqualTo("series_id,period,mean,q0.1,q0.5,q0.9");
        assertThat(rows.get(1)).matches("P\\d{5},2023-01,.*");
        assertThat((rows.size() - 1) % 12).isZero();
    }

    @Test
    void rejectsBadLevelsBucketsAndMissingInput(@TempDir Path dir) throws Exception {
        var csv = dir.resolve("x.csv");
        Files.writeString(csv, "series_id,period,value\nA,2024-01,1\nA,2024-02,2\n");
        var out = dir.resolve("o.csv").toString();
        var level = CliRun.run("forecast-eval", "--format", "long", "--input", csv.toString(), "--quantiles", "0.1,1.5",
                "--out", out);
        assertThat(level.exitCode()).isEqualTo(2);
        assertThat(level.err()).contains("--quantiles").contains("strictly between 0 and 1");
        var bucket = CliRun.run("forecast-eval", "--format", "long", "--input", csv.toString(), "--bucket", "year",
                "--out", out);
        assertThat(bucket.exitCode()).isEqualTo(2);
        assertThat(bucket.err()).contains("--bucket").contains("day, week or month");
        var wrongCutoff = CliRun.run("forecast-eval", "--format", "long", "--input", csv.toString(), "--cutoff",
                "2024-W05", "--out", out);
        assertThat(wrongCutoff.exitCode()).isEqualTo(2);
        assertThat(wrongCutoff.err()).contains("cutoff").contains("not a month");
        var noInput = CliRun.run("forecast-eval", "--format", "long", "--out", out);
        assertThat(noInput.exitCode()).isEqualTo(2);
        assertThat(noInput.err()).contains("--input is required");
        var noCutoff = CliRun.run("forecast-eval", "--transactions", csv.toString(), "--out", out);
        assertThat(noCutoff.exitCode()).isEqualTo(2);
        assertThat(noCutoff.err()).contains("--cutoff is required");
    }

    @Test
    void rewritesANineLevelCsvAtTheRequestedLevels(@TempDir Path dir) throws Exception {
        var csv = dir.resolve("nine.csv");
        Files.writeString(csv, "series_id,date,mean,q0.005,q0.025,q0.165,q0.25,q0.5,q0.75,q0.835,q0.975,q0.995\n"
                + "85123A,2011-10-14,8.0,1,2,4,5,8,11,12,14,15\n");
        ForecastEvalCommand.relevel(csv, new double[] {0.9, 0.5, 0.375}, java.util.List.of("q0.90", "q0.5", "q0.375"));
        var rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("series_id,date,mean,q0.90,q0.5,q0.375");
        // 0.9 lies between 0.835 (12) and 0.975 (14): 12 + 2 * 0.065 / 0.14; 0.375 halfway between 5 and 8.
        assertThat(rows.get(1)).isEqualTo(String.format(java.util.Locale.ROOT, "85123A,2011-10-14,8.0,%.4f,8.0000,6.5000",
                12 + 2 * 0.065 / 0.14));
    }
}
