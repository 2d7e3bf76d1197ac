package io.stockwise.ingestion.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One array-bound upsert per request: every column travels as one text array, cast to its SQL type;
 * a row whose values equal the stored ones is not touched ({@code IS DISTINCT FROM}), so it is
 * neither updated nor announced. Returns, per input row, whether it was created, updated or left.
 */
final class Upserts<T> {
    enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** A column and the SQL type its text form is cast to. */
    record Column(String name, String type) {}

    private final String sql;
    private final List<Column> columns;
    private final Function<T, String[]> row;

    /**
     * @param keys the natural key columns (the table's primary key)
     * @param values the other columns
     * @param row the text form of a record, keys first, in column order
     */
    Upserts(String table, List<Column> keys, List<Column> values, Function<T, String[]> row) {
        this.columns = new java.util.ArrayList<>(keys);
        this.columns.addAll(values);
        this.row = row;
        var names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        var params = columns.stream().map(c -> "?::text[]::" + c.type() + "[]").collect(Collectors.joining(", "));
        var keyNames = keys.stream().map(Column::name).collect(Collectors.joining(", "));
        var set = values.stream().map(c -> c.name() + " = EXCLUDED." + c.name()).collect(Collectors.joining(", "));
        var current = values.stream().map(c -> "t." + c.name()).collect(Collectors.joining(", "));
        var incoming = values.stream().map(c -> "EXCLUDED." + c.name()).collect(Collectors.joining(", "));
        var join = keys.stream().map(c -> "u." + c.name() + " = i." + c.name()).collect(Collectors.joining(" AND "));
        this.sql = "WITH i AS (SELECT * FROM unnest(" + params + ") WITH ORDINALITY AS x(" + names + ", ord)), "
                + "u AS (INSERT INTO " + table + " AS t (" + names + ") SELECT " + names + " FROM i ORDER BY ord "
                + "ON CONFLICT (" + keyNames + ") DO UPDATE SET " + set + ", updated_at = now() "
                + "WHERE (" + current + ") IS DISTINCT FROM (" + incoming + ") "
                + "RETURNING " + keyNames + ", (xmax = 0) AS created) "
                + "SELECT i.ord, u.created FROM u JOIN i ON " + join;
    }

    Outcome[] upsert(Connection c, List<T> records) throws SQLException {
        int n = records.size();
        var arrays = new String[columns.size()][n];
        for (int r = 0; r < n; r++) {
            var values = row.apply(records.get(r));
            for (int col = 0; col < values.length; col++) {
                arrays[col][r] = values[col];
            }
        }
        var out = new Outcome[n];
        java.util.Arrays.fill(out, Outcome.UNCHANGED);
        try (var ps = c.prepareStatement(sql)) {
            for (int col = 0; col < arrays.length; col++) {
                ps.setArray(col + 1, c.createArrayOf("text", arrays[col]));
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out[(int) rs.getLong(1) - 1] = rs.getBoolean(2) ? Outcome.CREATED : Outcome.UPDATED;
                }
            }
        }
        return out;
    }
}
