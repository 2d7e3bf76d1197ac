package io.stockwise.feature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockwise.commons.error.FieldViolation;
import io.stockwise.commons.error.StockwiseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTokenTest {
    @Test
    void roundTripsTheLastSeries() {
        var last = new SeriesId("85123A-ü", "UK 1");

        var token = PageToken.encode(last);

        assertThat(token).doesNotContain("85123A").matches("[A-Za-z0-9_-]+");
        assertThat(PageToken.decode(token, "page_token")).contains(last);
    }

    @Test
    void emptyTokenMeansTheFirstPage() {
        assertThat(PageToken.decode("", "page_token")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "czE", "eDEvQS9C"})
    void rejectsTokensItDidNotMake(String token) {
        assertThatThrownBy(() -> PageToken.decode(token, "page_token"))
                .isInstanceOfSatisfying(StockwiseException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("page_token"));
    }

    @Test
    void rejectsATokenWithAnEmptySeries() {
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString("s1//UK".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> PageToken.decode(token, "page_token")).isInstanceOf(StockwiseException.class);
    }
}
