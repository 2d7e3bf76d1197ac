package io.stockwise.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SalesIngestionTest {
    /** Remembers source ids like the database's primary key does. */
    static final class MemoryStore implements SalesStore {
        final Set<String> ids = new HashSet<>();
        final List<RejectedSale> deadLetters = new ArrayList<>();

        @Override
        public Set<String> store(List<SaleLine> lines, List<RejectedSale> rejections) {
            var fresh = new HashSet<String>();
            for (var l : lines) {
                if (ids.add(l.sourceId())) {
                    fresh.add(l.sourceId());
                }
            }
            deadLetters.addAll(rejections);
            return fresh;
        }

        @Override
        public java.util.Optional<RecordStatus> status(String sourceId) {
            return java.util.Optional.empty();
        }
    }

    @Test
    void keepsGoodRecordsAroundABadOne() {
        var store = new MemoryStore();
        var bad = SaleValidatorTest.with(f -> { f[7] = -1.0; return f; });
        var other = SaleValidatorTest.with(f -> { f[1] = "22423"; return f; });
        var outcome = new SalesIngestion(store).ingest(List.of(SaleValidatorTest.valid(), bad, other), 100);

        assertThat(outcome.received()).isEqualTo(3);
        assertThat(outcome.accepted()).isEqualTo(2);
        assertThat(outcome.rejections()).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo(101);
            assertThat(r.violation().field()).isEqualTo("quantity");
        });
        assertThat(store.deadLetters).hasSize(1);
    }

    @Test
    void resendingStoresNothingNew() {
        var store = new MemoryStore();
        var ingestion = new SalesIngestion(store);
        var batch = List.of(SaleValidatorTest.valid(), SaleValidatorTest.with(f -> { f[1] = "22423"; return f; }));
        ingestion.ingest(batch, 0);
        var again = ingestion.ingest(batch, 0);
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
    }

    @Test
    void countsARepeatWithinOneBatchAsDuplicate() {
        var outcome = new SalesIngestion(new MemoryStore()).ingest(List.of(SaleValidatorTest.valid(), SaleValidatorTest.valid()), 0);
        assertThat(outcome.accepted()).isEqualTo(1);
        assertThat(outcome.duplicates()).isEqualTo(1);
    }
}
