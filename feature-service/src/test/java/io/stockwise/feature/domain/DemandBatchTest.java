package io.stockwise.feature.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemandBatchTest {
    private static final SeriesId A = new SeriesId("A", "L1");
    private static final SeriesId B = new SeriesId("B", "L1");
    private static final LocalDate D1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate D2 = LocalDate.of(2024, 1, 2);
    private static final LocalDate D5 = LocalDate.of(2024, 1, 5);

    private static SaleFact sale(String id, SeriesId s, LocalDate d, double q) {
        return new SaleFact(id, s, d, q, 1.0, SaleKind.SALE, null);
    }

    @Test
    void keepsTheFirstOfRepeatedEventIds() {
        var batch = DemandBatch.of(List.of(sale("e2", A, D1, 1), sale("e1", A, D1, 2), sale("e2", A, D2, 9)));

        assertThat(batch.events()).extracting(SaleFact::eventId).containsExactly("e1", "e2");
        assertThat(batch.events().get(1).quantity()).isEqualTo(1);
        assertThat(batch.repeatedInBatch()).isEqualTo(1);
    }

    @Test
    void sumsNewDemandLinesPerSeriesAndDay() {
        var batch = DemandBatch.of(List.of(sale("e1", B, D2, 4), sale("e2", A, D5, 1), sale("e3", A, D1, 2),
                sale("e4", A, D1, 3)));

        var changes = batch.accept(Set.of("e1", "e2", "e3", "e4"));

        assertThat(changes.increments()).containsExactly(new DailyIncrement(A, D1, 5), new DailyIncrement(A, D5, 1),
                new DailyIncrement(B, D2, 4));
        assertThat(changes.seriesChanges()).containsExactly(new SeriesChange(A, D1, D5), new SeriesChange(B, D2, D2));
        assertThat(changes.counted()).isEqualTo(4);
        assertThat(changes.notDemand()).isZero();
        assertThat(changes.duplicates()).isZero();
    }

    @Test
    void linesStoredBeforeDoNotCountAgain() {
        var batch = DemandBatch.of(List.of(sale("old", A, D1, 7), sale("new", A, D2, 1), sale("new", A, D2, 1)));

        var changes = batch.accept(Set.of("new"));

        assertThat(changes.increments()).containsExactly(new DailyIncrement(A, D2, 1));
        assertThat(changes.counted()).isEqualTo(1);
        assertThat(changes.duplicates()).isEqualTo(2);
    }

    @Test
    void nonDemandLinesAreRecordedButChangeNothing() {
        var cancel = new SaleFact("c", A, D1, 3, 1.0, SaleKind.CANCELLATION, null);
        var free = new SaleFact("f", A, D1, 3, 0.0, SaleKind.SALE, null);

        var changes = DemandBatch.of(List.of(cancel, free)).accept(Set.of("c", "f"));

        assertThat(changes.increments()).isEmpty();
        assertThat(changes.seriesChanges()).isEmpty();
        assertThat(changes.notDemand()).isEqualTo(2);
    }

    @Test
    void replayingABatchChangesNothing() {
        var batch = DemandBatch.of(List.of(sale("e1", A, D1, 7), sale("e2", B, D1, 1)));

        var replay = batch.accept(Set.of());

        assertThat(replay.increments()).isEmpty();
        assertThat(replay.seriesChanges()).isEmpty();
        assertThat(replay.duplicates()).isEqualTo(2);
    }
}
