package io.stockwise.ingestion.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBatchTest {
    @Test
    void givesBackEveryKeyAndValueInOrder() {
        var batch = new EventBatch(16); // grows past its first capacity
        batch.add("85123A/uk", new byte[] {1, 2, 3});
        batch.add("Ünïcode/loc", new byte[0]);
        batch.add("22423/uk", new byte[300]);

        var seen = new ArrayList<Map.Entry<String, Integer>>();
        int n = EventBatch.forEach(batch.toByteArray(), (k, v) -> seen.add(Map.entry(k, v.length)));

        assertThat(batch.count()).isEqualTo(3);
        assertThat(n).isEqualTo(3);
        assertThat(seen).containsExactly(Map.entry("85123A/uk", 3), Map.entry("Ünïcode/loc", 0), Map.entry("22423/uk", 300));
    }

    @Test
    void refusesAnUnknownVersion() {
        assertThatThrownBy(() -> EventBatch.forEach(new byte[] {9}, (k, v) -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 9");
        assertThat(EventBatch.forEach(new EventBatch(0).toByteArray(), (k, v) -> {})).isZero();
        assertThat(List.of()).isEmpty();
    }
}
