package io.stockwise.forecast.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockwise.forecast.core.Bucket;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongFormatTest {
    @Test
    void readsMonthsFillingGapsWithZeroAndMarkingEndedSeries() throws Exception {
        var csv = """
                series_id,period,value
                A,2024-01,3
                A,2024-04,2
                B,2024-02,1
                B,2024-03,0
                A,2024-03,1
                C,2024-01,5
                """;
        var r = LongFormat.read(new StringReader(csv), null, null);
        assertThat(r.bucket()).isEqualTo(Bucket.MONTH);
        assertThat(r.rejected()).isEmpty();
        var a = r.series().get(0);
        assertThat(a.id()).isEqualTo("A");
        assertThat(a.demand()).containsExactly(3, 0, 1, 2);
        assertThat(Bucket.MONTH.period(a.firstDate())).isEqualTo("2024-01");
        assertThat(Bucket.MONTH.period(r.lastPeriod())).isEqualTo("2024-04");
        // B stops at 2024-03 and C at 2024-01, before 2024-04: ended, not forecast.
        assertThat(r.ended()).containsExactly("B", "C");
        assertThat(r.active()).extracting(s -> s.id()).containsExactly("A");
    }

    @Test
    void rejectsEachMalformedRowWithItsLineNumberAndKeepsTheGoodOnes() throws Exception {
        var csv = """
                series_id,period,value
                A,2024-W01,3
                A,2024-W02
                ,2024-W03,1
                A,2024-W54,1
                A,2024-02,1
                A,2024-W03,abc
                A,2024-W04,-1
                A,2024-W05,NaN
                A,2024-W01,7
                "A",2024-W06,2
                """;
        var r = LongFormat.read(new StringReader(csv), null, null);
        assertThat(r.bucket()).isEqualTo(Bucket.WEEK);
        assertThat(r.rejected()).extracting(LongFormat.Rejected::line).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(r.rejected().get(0).reason()).contains("expected 3 fields").contains("found 2");
        assertThat(r.rejected().get(1).reason()).contains("series_id is empty");
        assertThat(r.rejected().get(2).reason()).contains("weeks 1 to 52");
        assertThat(r.rejected().get(3).reason()).contains("not a week").contains("it is a month");
        assertThat(r.rejected().get(4).reason()).contains("'abc' is not a number");
        assertThat(r.rejected().get(5).reason()).contains("finite and non-negative");
        assertThat(r.rejected().get(6).reason()).contains("finite and non-negative");
        assertThat(r.rejected().get(7).reason()).contains("second row for series A and period 2024-W01");
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.series().get(0).demand()).containsExactly(3, 0, 0, 0, 0, 2);
    }

    @Test
    void ignoresRowsAfterTheCutoffWithoutReadingTheirValues() throws Exception {
        var csv = "series_id,period,value\nA,2024-01-01,1\nA,2024-01-02,2\nA,2024-01-03,oops\n";
        var r = LongFormat.read(new StringReader(csv), Bucket.DAY, "2024-01-02");
        assertThat(r.rejected()).isEmpty();
        assertThat(r.series().get(0).demand()).containsExactly(1, 2);
        assertThatThrownBy(() -> LongFormat.read(new StringReader(csv), Bucket.DAY, "2024-01"))
                .hasMessageContaining("cutoff").hasMessageContaining("not a day");
    }

    @Test
    void rejectsAWrongHeader() {
        assertThatThrownBy(() -> LongFormat.read(new StringReader("sku,date,qty\n"), null, null))
                .hasMessageContaining("line 1").hasMessageContaining("series_id,period,value");
    }

    @Test
    void aGeneratedCatalogueRoundTripsThroughAGzippedFile(@TempDir Path dir) throws Exception {
        var cat = IntermittentCatalogue.generate(50, 36, YearMonth.of(2021, 1), 11);
        assertThat(IntermittentCatalogue.generate(50, 36, YearMonth.of(2021, 1), 11)).isEqualTo(cat);
        var file = dir.resolve("c.csv.gz");
        LongFormat.write(file, Bucket.MONTH, cat);
        assertThat(Files.size(file)).isPositive();
        var r = LongFormat.read(file, null, null);
        assertThat(r.bucket()).isEqualTo(Bucket.MONTH);
        // Leading zero months of a series are rows too (its first row is where it was introduced).
        assertThat(r.series()).hasSize(cat.size());
        for (int i = 0; i < cat.size(); i++) {
            assertThat(r.series().get(i).demand()).containsExactly(cat.get(i).demand());
            assertThat(r.series().get(i).firstDate()).isEqualTo(cat.get(i).firstDate());
        }
    }

    @Test
    void theGeneratorMakesAMostlyZeroCatalogueWithEndedAndObsoleteItems() {
        var cat = IntermittentCatalogue.generate(1000, 48, YearMonth.of(2021, 1), 7);
        assertThat(IntermittentCatalogue.zeroShare(cat)).isBetween(0.65, 0.85);
        long last = cat.stream().mapToLong(s -> s.lastDate().toEpochDay()).max().orElseThrow();
        long ended = cat.stream().filter(s -> s.lastDate().toEpochDay() < last).count();
        assertThat(ended).isBetween(10L, 60L);
        long lateStarts = cat.stream().filter(s -> s.firstDate().toEpochDay() > Bucket.MONTH.parse("2021-01")).count();
        assertThat(lateStarts).isBetween(100L, 220L);
    }
}
