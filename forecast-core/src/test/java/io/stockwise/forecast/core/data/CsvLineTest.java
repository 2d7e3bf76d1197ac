package io.stockwise.forecast.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvLineTest {
    @Test
    void splitsQuotedFieldsWithCommasAndDoubledQuotes() {
        var line = "\"536365\",\"84029E\",\"RED WOOLLY HOTTIE, \"\"D\"\" HEART.\",6,\"2010-12-01 08:26:00\",3.39,17850,\"United Kingdom\"";
        assertThat(CsvLine.fields(line)).containsExactly("536365", "84029E", "RED WOOLLY HOTTIE, \"D\" HEART.", "6",
                "2010-12-01 08:26:00", "3.39", "17850", "United Kingdom");
    }

    @Test
    void keepsEmptyFields() {
        assertThat(CsvLine.fields("\"A\",,\"\",7,")).containsExactly("A", "", "", "7", "");
    }
}
