package io.stockwise.forecast.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BucketTest {
    @Test
    void isoWeeksStartOnMondayAndCrossTheYear() {
        // 2021-01-03 is a Sunday in ISO week 2020-W53; 2021-01-04 a Monday opening 2021-W01.
        long w = Bucket.WEEK.index(LocalDate.of(2021, 1, 3));
        assertThat(Bucket.WEEK.format(w)).isEqualTo("2020-W53");
        assertThat(Bucket.WEEK.start(w)).isEqualTo(LocalDate.of(2020, 12, 28));
        assertThat(Bucket.WEEK.end(w)).isEqualTo(LocalDate.of(2021, 1, 3));
        assertThat(Bucket.WEEK.format(w + 1)).isEqualTo("2021-W01");
        assertThat(Bucket.WEEK.parse("2021-W01")).isEqualTo(w + 1);
        assertThat(Bucket.WEEK.parse("2020-W53")).isEqualTo(w);
        for (long i = w - 600; i < w + 600; i++) {
            assertThat(Bucket.WEEK.start(i).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
            assertThat(Bucket.WEEK.parse(Bucket.WEEK.format(i))).isEqualTo(i);
        }
    }

    @Test
    void rejectsWeeksTheIsoYearDoesNotHave() {
        assertThatThrownBy(() -> Bucket.WEEK.parse("2021-W53")).hasMessageContaining("weeks 1 to 52");
        assertThatThrownBy(() -> Bucket.WEEK.parse("2021-W00")).hasMessageContaining("weeks 1 to 52");
    }

    @Test
    void monthsRoundTripAndRejectOtherNotations() {
        long m = Bucket.MONTH.parse("2024-02");
        assertThat(Bucket.MONTH.start(m)).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(Bucket.MONTH.end(m)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(Bucket.MONTH.format(m + 11)).isEqualTo("2025-01");
        assertThat(Bucket.MONTH.index(LocalDate.of(1969, 12, 31))).isEqualTo(-1);
        assertThatThrownBy(() -> Bucket.MONTH.parse("2024-13")).hasMessageContaining("not a valid month");
        assertThatThrownBy(() -> Bucket.MONTH.parse("2024-W05")).hasMessageContaining("it is a week");
        assertThatThrownBy(() -> Bucket.DAY.parse("2024-02-30")).hasMessageContaining("not a valid day");
        assertThat(Bucket.detect("2024-03-01")).isEqualTo(Bucket.DAY);
        assertThat(Bucket.detect("24-03")).isNull();
    }

    @Test
    void dayBucketTimeIsTheCalendar() {
        var d = LocalDate.of(2024, 3, 5);
        assertThat(Bucket.DAY.timeOf(d)).isEqualTo(d);
        var s = DemandSeries.of("x", d, new double[] {1, 2, 3});
        assertThat(Bucket.DAY.aggregate(s)).isSameAs(s);
        assertThat(Bucket.DAY.season()).isEqualTo(7);
        assertThat(Bucket.WEEK.season()).isEqualTo(52);
        assertThat(Bucket.MONTH.season()).isEqualTo(12);
    }

    @Test
    void aggregatesCompleteWeeksOnlyDroppingPartialEnds() {
        // From Wednesday 2024-01-03 to Thursday 2024-01-25: complete ISO weeks are 01-08..14 and 01-15..21.
        var first = LocalDate.of(2024, 1, 3);
        var y = new double[23];
        for (int i = 0; i < y.length; i++) {
            y[i] = i + 1;
        }
        var w = Bucket.WEEK.aggregate(DemandSeries.of("x", first, y));
        assertThat(Bucket.WEEK.period(w.firstDate())).isEqualTo("2024-W02");
        // Days 6..12 (values 6+..12+1) and 13..19.
        assertThat(w.demand()).containsExactly(6 + 7 + 8 + 9 + 10 + 11 + 12, 13 + 14 + 15 + 16 + 17 + 18 + 19);
        assertThat(Bucket.WEEK.period(w.lastDate())).isEqualTo("2024-W03");
    }

    @Test
    void aggregatesMonthsOfDifferentLengths() {
        var first = LocalDate.of(2024, 1, 1);
        var y = new double[31 + 29 + 31];
        java.util.Arrays.fill(y, 1);
        var m = Bucket.MONTH.aggregate(DemandSeries.of("x", first, y));
        assertThat(m.demand()).containsExactly(31, 29, 31);
        // One day short of March: March is partial and dropped.
        var cut = Bucket.MONTH.aggregate(DemandSeries.of("x", first, java.util.Arrays.copyOf(y, y.length - 1)));
        assertThat(cut.demand()).containsExactly(31, 29);
    }
}
