package io.stockwise.commons.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.commons.outbox.OutboxRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void namesTheFirstCharacterThatIsNotText() {
        assertThat(Text.problem("85123A ß 😀 naïve")).isNull();
        assertThat(Text.problem("A\u0000B")).isEqualTo("control character U+0000 at position 1");
        assertThat(Text.problem("AB\tC")).isEqualTo("control character U+0009 at position 2");
        assertThat(Text.problem("\u009F")).isEqualTo("control character U+009F at position 0");
        assertThat(Text.problem("A\uD800B")).isEqualTo("unpaired surrogate U+D800 at position 1");
        assertThat(Text.problem("AB\uDC00")).isEqualTo("unpaired surrogate U+DC00 at position 2");
        assertThat(Text.problem("\uD83D")).isEqualTo("unpaired surrogate U+D83D at position 0");
    }

    @Test
    void storableReplacesWhatIsNotTextAndCutsWithAMarker() {
        assertThat(Text.storable("85123A/uk", 256)).isEqualTo("85123A/uk");
        assertThat(Text.storable("A\u0000B\uD800", 256)).isEqualTo("A\uFFFDB\uFFFD");
        assertThat(Text.storable("abcdef", 4)).isEqualTo("abc…");
        // A surrogate pair is never split by the cut.
        assertThat(Text.storable("ab😀cd", 4)).isEqualTo("ab…");
        assertThat(Text.problem(Text.storable("x\u0000".repeat(5000), 100))).isNull();
        assertThat(Text.storable("x".repeat(5000), 100)).hasSize(100);
    }

    @Test
    void validatorRejectsNonTextWithTheFieldNamed() {
        var v = new Validator().maxLength("customer_id", "A\u0000", 64).requireText("series.sku_id", "\uDC00", 64);
        assertThat(v.violations()).extracting(f -> f.field() + ":" + f.reason())
                .containsExactly("customer_id:INVALID_CHARACTERS", "series.sku_id:INVALID_CHARACTERS");
        assertThat(v.violations().get(0).description()).isEqualTo("must be text: control character U+0000 at position 1");
    }

    @Test
    void anOutboxRecordKeepsItsKeyAndHeadersStorableAndBounded() {
        var valid = new OutboxRecord("t", "85123A/uk", new byte[0], Map.of("stockwise.reason", "OUT_OF_RANGE"));
        assertThat(valid.key()).isEqualTo("85123A/uk");
        assertThat(valid.headers()).containsEntry("stockwise.reason", "OUT_OF_RANGE");
        var hostile = new OutboxRecord("t", "\u0000".repeat(1_000_000) + "/uk", new byte[0],
                Map.of("stockwise.description", "was '" + "\u0000x".repeat(10_000) + "'"));
        assertThat(hostile.key()).hasSize(OutboxRecord.MAX_KEY_LENGTH).endsWith("…");
        assertThat(Text.problem(hostile.key())).isNull();
        assertThat(hostile.headers().get("stockwise.description")).hasSize(OutboxRecord.MAX_HEADER_LENGTH);
        assertThat(Text.problem(hostile.headers().get("stockwise.description"))).isNull();
    }
}
