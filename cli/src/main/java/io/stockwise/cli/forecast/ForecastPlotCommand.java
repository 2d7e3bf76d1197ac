package io.stockwise.cli.forecast;

import io.stockwise.cli.UsageException;
import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.data.OnlineRetail;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stockwise forecast-plot}: fan charts (history, median, 50% and 95% bands) of chosen
 * series from a {@code forecast-eval} CSV and the transactions it was made from.
 */
@Command(
        name = "forecast-plot",
        mixinStandardHelpOptions = true,
        versionProvider = io.stockwise.cli.StockwiseCommand.VersionProvider.class,
        description = {
            "Draws fan charts (history, forecast median, 50%% and 95%% bands) for chosen series from a forecast-eval CSV,",
            "one SVG or PNG file per series in the output directory."
        })
public final class ForecastPlotCommand implements Callable<Integer> {
    @Option(names = "--forecasts", required = true, paramLabel = "FILE", description = "a CSV written by forecast-eval")
    Path forecasts;

    @Option(names = "--transactions", required = true, paramLabel = "FILE", description = "the Online Retail file the forecasts were made from")
    Path transactions;

    @Option(names = "--series", required = true, split = ",", paramLabel = "ID",
            description = "series ids to draw (comma-separated; _TOTAL is the sum of all)")
    List<String> series;

    @Option(names = "--out-dir", defaultValue = ".", paramLabel = "DIR", description = "where to write the charts (default: current directory)")
    Path outDir;

    @Option(names = "--format", defaultValue = "svg", description = "svg or png (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--history-days", defaultValue = "91", description = "days of history before the cutoff to draw (default ${DEFAULT-VALUE})")
    int historyDays;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("svg") && !format.equals("png")) {
            throw new UsageException("--format must be svg or png, was '" + format + "'");
        }
        var rows = readForecasts(forecasts, series);
        for (var id : series) {
            if (!rows.containsKey(id.toUpperCase(Locale.ROOT)) && !rows.containsKey(id)) {
                throw new UsageException("series " + id + " is not in " + forecasts);
            }
        }
        LocalDate first = rows.values().iterator().next().get(0).date;
        LocalDate cutoff = first.minusDays(1);
        var data = OnlineRetail.read(transactions, cutoff);
        var byId = new HashMap<String, DemandSeries>();
        double[] total = null;
        LocalDate start = null;
        for (var s : data) {
            byId.put(s.id(), s.endingOn(cutoff));
            var y = s.endingOn(cutoff).demand();
            if (total == null) {
                total = new double[y.length];
                start = s.firstDate();
            }
            for (int t = 0; t < y.length; t++) {
                total[t] += y[t];
            }
        }
        Files.createDirectories(outDir);
        for (var raw : series) {
            var id = rows.containsKey(raw) ? raw : raw.toUpperCase(Locale.ROOT);
            var f = rows.get(id);
            double[] hist;
            LocalDate histStart;
            if (id.equals("_TOTAL")) {
                hist = total == null ? new double[0] : total;
                histStart = start == null ? cutoff : start;
            } else {
                var s = byId.get(id);
                hist = s == null ? new double[0] : s.demand();
                histStart = s == null ? cutoff : s.firstDate();
            }
            int from = Math.max(0, hist.length - historyDays);
            var shown = java.util.Arrays.copyOfRange(hist, from, hist.length);
            var chart = new FanChart(id, histStart.plusDays(from), shown, first, col(f, 1), col(f, 3), col(f, 4), col(f, 5),
                    col(f, 7));
            var file = outDir.resolve(id.replaceAll("[^A-Za-z0-9_.-]", "_") + "." + format);
            chart.write(file);
            System.out.println("wrote " + file);
        }
        return 0;
    }

    private static double[] col(List<Row> rows, int level) {
        return rows.stream().mapToDouble(r -> r.q[level]).toArray();
    }

    record Row(LocalDate date, double[] q) {}

    static Map<String, List<Row>> readForecasts(Path file, List<String> wanted) throws java.io.IOException {
        var ids = new java.util.HashSet<String>();
        for (var w : wanted) {
            ids.add(w);
            ids.add(w.toUpperCase(Locale.ROOT));
        }
        var out = new LinkedHashMap<String, List<Row>>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var header = r.readLine();
            if (header == null || !header.startsWith("series_id,date,mean,q0.005")) {
                throw new UsageException(file + " is not a forecast-eval CSV");
            }
            String line;
            while ((line = r.readLine()) != null) {
                var f = line.split(",");
                if (!ids.contains(f[0])) {
                    continue;
                }
                var q = new double[9];
                for (int j = 0; j < 9; j++) {
                    q[j] = Double.parseDouble(f[3 + j]);
                }
                out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Row(LocalDate.parse(f[1]), q));
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("none of " + wanted + " is in " + file);
        }
        return out;
    }
}
