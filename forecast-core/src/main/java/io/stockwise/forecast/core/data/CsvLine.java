package io.stockwise.forecast.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into its RFC 4180 fields: quoted fields may hold commas and doubled quotes
 * (the Online Retail descriptions do). Lines never span several physical lines in the data read here.
 */
public final class CsvLine {
    private CsvLine() {}

    /** The fields of {@code line}, unquoted. */
    public static List<String> fields(String line) {
        var out = new ArrayList<String>(8);
        var sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }

    /** {@code field} as a CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    public static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
