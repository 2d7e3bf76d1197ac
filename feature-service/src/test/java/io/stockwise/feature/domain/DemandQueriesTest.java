package io.stockwise.feature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.StockwiseException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemandQueriesTest {
    private static final SeriesId A = new SeriesId("A", "L1");
    private static final SeriesId B = new SeriesId("B", "L1");
    private static final SeriesId C = new SeriesId("C", "L2");

    private final InMemoryDemandStore store = new InMemoryDemandStore()
            .put(A, jan(1), 5).put(A, jan(3), 1).put(A, jan(6), 4)
            .put(B, jan(2), 10)
            .put(C, jan(4), 1);
    private final DemandQueries queries = new DemandQueries(store);

    private static LocalDate jan(int day) {
        return LocalDate.of(2024, 1, day);
    }

    @Test
    void historyDefaultsToTheSeriesActiveRange() {
        var h = queries.history(A, Optional.empty(), Optional.empty());

        assertThat(h.startDate()).isEqualTo(jan(1));
        assertThat(h.quantities()).containsExactly(5, 0, 1, 0, 0, 4);
    }

    @Test
    void endDateCutsOffLaterDemand() {
        var h = queries.history(A, Optional.of(LocalDate.of(2023, 12, 30)), Optional.of(jan(3)));

        assertThat(h.startDate()).isEqualTo(LocalDate.of(2023, 12, 30));
        assertThat(h.quantities()).containsExactly(0, 0, 5, 0, 1);
    }

    @Test
    void endDateAloneStartsAtTheFirstDemand() {
        assertThat(queries.history(A, Optional.empty(), Optional.of(jan(4))).quantities()).containsExactly(5, 0, 1, 0);
    }

    @Test
    void startDateAfterTheLastDemandGivesAnEmptyHistory() {
        var h = queries.history(A, Optional.of(jan(9)), Optional.empty());

        assertThat(h.length()).isZero();
        assertThat(h.startDate()).isEqualTo(jan(9));
    }

    @Test
    void unknownSeriesIsNotFound() {
        assertThatThrownBy(() -> queries.history(new SeriesId("X", "L1"), Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(SeriesNotFound.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.reason()).isEqualTo("SERIES_NOT_FOUND");
                });
    }

    @Test
    void seriesWithoutDemandAsOfTheEndDateIsNotFound() {
        assertThatThrownBy(() -> queries.history(C, Optional.empty(), Optional.of(jan(3))))
                .isInstanceOf(SeriesNotFound.class);
    }

    @Test
    void rejectsStartAfterEnd() {
        assertThatThrownBy(() -> queries.history(A, Optional.of(jan(5)), Optional.of(jan(4))))
                .isInstanceOfSatisfying(StockwiseException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("start_date"));
    }

    @Test
    void rejectsOverlongRanges() {
        assertThatThrownBy(() -> queries.history(A, Optional.of(LocalDate.of(1800, 1, 1)), Optional.of(jan(1))))
                .isInstanceOfSatisfying(StockwiseException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::reason).containsExactly("OUT_OF_RANGE"));
    }

    @Test
    void pagesThroughAllSeriesInOrder() {
        var first = queries.listSeries(2, "");
        assertThat(first.series()).extracting(SeriesSummary::series).containsExactly(A, B);
        assertThat(first.nextPageToken()).isNotEmpty();
        assertThat(first.series().get(0)).isEqualTo(new SeriesSummary(A, jan(1), jan(6), 10, 3));

        var second = queries.listSeries(2, first.nextPageToken());
        assertThat(second.series()).extracting(SeriesSummary::series).containsExactly(C);
        assertThat(second.nextPageToken()).isEmpty();
    }

    @Test
    void exactlyFullLastPageHasNoNextToken() {
        assertThat(queries.listSeries(3, "").nextPageToken()).isEmpty();
    }

    @Test
    void defaultsAndCapsThePageSize() {
        assertThat(queries.listSeries(0, "").series()).hasSize(3);
        assertThat(queries.listSeries(5_000, "").series()).hasSize(3);
        assertThatThrownBy(() -> queries.listSeries(-1, "")).isInstanceOf(StockwiseException.class);
    }

    @Test
    void streamsEverySeriesInBatchesInOrder() {
        var batches = stream(List.of(), Optional.empty(), 2);

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).extracting(DemandHistory::series).containsExactly(A, B);
        assertThat(batches.get(1)).extracting(DemandHistory::series).containsExactly(C);
        assertThat(batches.get(0).get(0).quantities()).containsExactly(5, 0, 1, 0, 0, 4);
        assertThat(batches.get(0).get(1).quantities()).containsExactly(10);
    }

    @Test
    void streamsRequestedSeriesOnlyAsOfTheEndDateLeavingOutSeriesWithoutDemandByThen() {
        var batches = stream(List.of(C, A, new SeriesId("X", "L9"), B, A), Optional.of(jan(3)), 0);

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).extracting(DemandHistory::series).containsExactly(A, B);
        assertThat(batches.get(0).get(0).quantities()).containsExactly(5, 0, 1);
    }

    @Test
    void cutsBatchesThatWouldBeTooLargeForOneMessage() {
        var big = new InMemoryDemandStore();
        var s1 = new SeriesId("S1", "L");
        var s2 = new SeriesId("S2", "L");
        var start = LocalDate.of(1000, 1, 1);
        big.put(s1, start, 1).put(s1, start.plusDays(DemandQueries.MAX_VALUES_PER_MESSAGE - 10), 1);
        big.put(s2, start, 1).put(s2, start.plusDays(100), 1);
        var batches = new ArrayList<List<DemandHistory>>();

        new DemandQueries(big).streamHistories(List.of(), Optional.empty(), 10, batches::add);

        assertThat(batches).extracting(List::size).containsExactly(1, 1);
    }

    @Test
    void stopsWhenTheSinkSaysSo() {
        var batches = new ArrayList<List<DemandHistory>>();

        queries.streamHistories(List.of(), Optional.empty(), 1, b -> {
            batches.add(b);
            return false;
        });

        assertThat(batches).hasSize(1);
        assertThat(store.scanSizes).containsExactly(1);
    }

    @Test
    void rejectsBatchSizesOutOfRange() {
        assertThatThrownBy(() -> stream(List.of(), Optional.empty(), 1_001))
                .isInstanceOfSatisfying(StockwiseException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("batch_size"));
        assertThatThrownBy(() -> stream(List.of(), Optional.empty(), -1)).isInstanceOf(StockwiseException.class);
    }

    private List<List<DemandHistory>> stream(List<SeriesId> series, Optional<LocalDate> end, int batchSize) {
        var batches = new ArrayList<List<DemandHistory>>();
        queries.streamHistories(series, end, batchSize, batches::add);
        return batches;
    }
}
