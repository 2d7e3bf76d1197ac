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
                "--horizon", "12", "--quantiles", "0.1,0.5,0.9", "--out", out.toString(), "--score-after");
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
}
