package io.stockwise.feature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemandHistoryTest {
    private static final SeriesId A = new SeriesId("A", "L1");

    private static LocalDate jan(int day) {
        return LocalDate.of(2024, 1, day);
    }

    @Test
    void fillsDaysWithoutDemandWithZeros() {
        var h = DemandHistory.dense(A, jan(1), jan(6), List.of(new DailyDemand(jan(1), 5), new DailyDemand(jan(3), 1),
                new DailyDemand(jan(6), 4)));

        assertThat(h.startDate()).isEqualTo(jan(1));
        assertThat(h.quantities()).containsExactly(5, 0, 1, 0, 0, 4);
    }

    @Test
    void clipsRowsOutsideTheRange() {
        var h = DemandHistory.dense(A, jan(2), jan(4), List.of(new DailyDemand(jan(1), 5), new DailyDemand(jan(3), 1),
                new DailyDemand(jan(6), 4)));

        assertThat(h.quantities()).containsExactly(0, 1, 0);
    }

    @Test
    void rangeMayExtendBeyondTheRowsAndAcrossMonths() {
        var h = DemandHistory.dense(A, LocalDate.of(2023, 12, 30), jan(2), List.of(new DailyDemand(jan(1), 2)));

        assertThat(h.quantities()).containsExactly(0, 0, 2, 0);
    }

    @Test
    void aRangeEndingTheDayBeforeItStartsIsEmpty() {
        var h = DemandHistory.dense(A, jan(5), jan(4), List.of(new DailyDemand(jan(5), 2)));

        assertThat(h.length()).isZero();
        assertThat(h.startDate()).isEqualTo(jan(5));
    }

    @Test
    void rejectsAnInvertedRange() {
        assertThatThrownBy(() -> DemandHistory.dense(A, jan(5), jan(2), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
