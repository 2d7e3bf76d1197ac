package io.stockwise.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockwise.commons.error.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaleValidatorTest {
    static IncomingSale valid() {
        return new IncomingSale("", "85123a", "uk", 2011, 3, 14, null, 6, 2.55, "GBP", 1, false, "536365", "17850", () -> new byte[0]);
    }

    static IncomingSale with(java.util.function.UnaryOperator<Object[]> change) {
        var v = valid();
        Object[] f = {v.sourceId(), v.skuId(), v.locationId(), v.year(), v.month(), v.day(), v.eventTimeEpochMillis(),
            v.quantity(), v.unitPrice(), v.currencyCode(), v.kindNumber(), v.onPromotion(), v.orderId(), v.customerId()};
        f = change.apply(f);
        return new IncomingSale((String) f[0], (String) f[1], (String) f[2], (int) f[3], (int) f[4], (int) f[5],
                (Long) f[6], (double) f[7], (double) f[8], (String) f[9], (int) f[10], (boolean) f[11], (String) f[12],
                (String) f[13], () -> new byte[0]);
    }

    private static List<String> fields(IncomingSale s) {
        return SaleValidator.check(s).stream().map(FieldViolation::field).toList();
    }

    private static FieldViolation only(IncomingSale s) {
        var v = SaleValidator.check(s);
        assertThat(v).hasSize(1);
        return v.get(0);
    }

    @Test
    void acceptsAnOrdinarySale() {
        assertThat(SaleValidator.check(valid())).isEmpty();
    }

    @Test
    void requiresSku() {
        var v = only(with(f -> { f[1] = ""; return f; }));
        assertThat(v.field()).isEqualTo("series.sku_id");
        assertThat(v.reason()).isEqualTo("REQUIRED");
    }

    @Test
    void requiresLocation() {
        assertThat(only(with(f -> { f[2] = " "; return f; })).field()).isEqualTo("series.location_id");
    }

    @Test
    void rejectsSlashInKeys() {
        var v = only(with(f -> { f[1] = "A/B"; return f; }));
        assertThat(v.field()).isEqualTo("series.sku_id");
        assertThat(v.reason()).isEqualTo("INVALID_FORMAT");
    }

    @Test
    void checksTheSkuLengthAfterUpperCasing() {
        // 64 x 'ß' is 64 characters as sent, 128 ("SS" each) as stored.
        var v = only(with(f -> { f[1] = "ß".repeat(64); return f; }));
        assertThat(v.field()).isEqualTo("series.sku_id");
        assertThat(v.reason()).isEqualTo("TOO_LONG");
        assertThat(SaleValidator.check(with(f -> { f[1] = "ß".repeat(32); return f; }))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0,source_id", "1,series.sku_id", "2,series.location_id", "12,order_id", "13,customer_id"})
    void rejectsControlCharactersAndUnpairedSurrogatesInEveryString(int index, String field) {
        // Inside the value: ids are trimmed, which drops control characters at either end.
        for (var bad : List.of("A\u0000B", "A\u0007B", "\u0085X", "A\uD800B", "\uDC00")) {
            var v = only(with(f -> { f[index] = bad; return f; }));
            assertThat(v.field()).as("%s in %s", bad, field).isEqualTo(field);
            assertThat(v.reason()).isEqualTo("INVALID_CHARACTERS");
        }
        // A character outside the BMP is a valid surrogate pair.
        assertThat(SaleValidator.check(with(f -> { f[index] = "A\uD83D\uDE00"; return f; }))).isEmpty();
    }

    @Test
    void rejectsOverlongSku() {
        var v = only(with(f -> { f[1] = "X".repeat(65); return f; }));
        assertThat(v.reason()).isEqualTo("TOO_LONG");
    }

    @Test
    void requiresBusinessDate() {
        var v = only(with(f -> { f[3] = 0; f[4] = 0; f[5] = 0; return f; }));
        assertThat(v.field()).isEqualTo("business_date");
        assertThat(v.reason()).isEqualTo("REQUIRED");
    }

    @Test
    void rejectsImpossibleDate() {
        var v = only(with(f -> { f[4] = 2; f[5] = 30; return f; }));
        assertThat(v.field()).isEqualTo("business_date");
        assertThat(v.reason()).isEqualTo("INVALID_FORMAT");
    }

    @Test
    void rejectsDateOutOfRange() {
        assertThat(only(with(f -> { f[3] = 1989; return f; })).reason()).isEqualTo("OUT_OF_RANGE");
    }

    @Test
    void rejectsZeroAndNegativeQuantity() {
        assertThat(only(with(f -> { f[7] = 0.0; return f; })).field()).isEqualTo("quantity");
        assertThat(only(with(f -> { f[7] = -3.0; return f; })).reason()).isEqualTo("OUT_OF_RANGE");
    }

    @Test
    void rejectsNonFiniteQuantity() {
        var v = only(with(f -> { f[7] = Double.NaN; return f; }));
        assertThat(v.field()).isEqualTo("quantity");
        assertThat(v.reason()).isEqualTo("NOT_FINITE");
    }

    @Test
    void rejectsNegativePrice() {
        assertThat(only(with(f -> { f[8] = -0.01; return f; })).field()).isEqualTo("unit_price");
    }

    @Test
    void rejectsBadCurrency() {
        assertThat(only(with(f -> { f[9] = "gbp"; return f; })).field()).isEqualTo("currency_code");
    }

    @Test
    void rejectsUnknownKind() {
        var v = only(with(f -> { f[10] = 9; return f; }));
        assertThat(v.field()).isEqualTo("kind");
        assertThat(v.reason()).isEqualTo("UNKNOWN_ENUM");
    }

    @Test
    void rejectsOverlongIds() {
        assertThat(fields(with(f -> { f[0] = "s".repeat(129); f[12] = "o".repeat(65); f[13] = "c".repeat(65); return f; })))
                .containsExactly("source_id", "order_id", "customer_id");
    }

    @Test
    void normalizeUpperCasesSkuAndDerivesAStableSourceId() {
        var a = SaleValidator.normalize(valid());
        var b = SaleValidator.normalize(valid());
        assertThat(a.skuId()).isEqualTo("85123A");
        assertThat(a.kind()).isEqualTo(SaleKind.SALE);
        assertThat(a.sourceId()).startsWith("sha256:").isEqualTo(b.sourceId());
        var other = SaleValidator.normalize(with(f -> { f[7] = 7.0; return f; }));
        assertThat(other.sourceId()).isNotEqualTo(a.sourceId());
    }

    @Test
    void keepsAGivenSourceId() {
        assertThat(SaleValidator.normalize(with(f -> { f[0] = "line-1"; return f; })).sourceId()).isEqualTo("line-1");
    }
}
