package io.stockwise.cli.forecast;

import io.stockwise.cli.UsageException;
import io.stockwise.forecast.core.Bucket;
import io.stockwise.forecast.core.data.IntermittentCatalogue;
import io.stockwise.forecast.core.data.LongFormat;
import io.stockwise.forecast.core.data.OnlineRetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stockwise long-csv}: writes a long CSV ({@code series_id,period,value}) for
 * {@code forecast-eval --format long}, either a generated intermittent monthly catalogue or an
 * Online Retail file summed into weeks or months.
 */
@Command(
        name = "long-csv",
        mixinStandardHelpOptions = true,
        versionProvider = io.stockwise.cli.StockwiseCommand.VersionProvider.class,
        description = {
            "Writes a long CSV (series_id,period,value) for forecast-eval --format long:",
            "  --generate N        a seeded intermittent monthly catalogue of N items (spare-parts style)",
            "  --transactions F    an Online Retail file summed into --bucket week or month (complete buckets only,",
            "                      each SKU from the bucket of its first sale)"
        })
public final class LongCsvCommand implements Callable<Integer> {
    @Option(names = "--generate", paramLabel = "N", description = "items of a generated monthly catalogue")
    Integer generate;

    @Option(names = "--months", defaultValue = "48", description = "months generated (default ${DEFAULT-VALUE})")
    int months;

    @Option(names = "--start", defaultValue = "2021-01", paramLabel = "YYYY-MM", description = "first month generated (default ${DEFAULT-VALUE})")
    String start;

    @Option(names = "--seed", defaultValue = "7", description = "seed of the generator (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--transactions", paramLabel = "FILE", description = "an Online Retail CSV (optionally .gz) to sum into buckets")
    Path transactions;

    @Option(names = "--bucket", defaultValue = "week", description = "with --transactions: week, month or day (default ${DEFAULT-VALUE})")
    String bucket;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the CSV to write (.gz compresses)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if ((generate == null) == (transactions == null)) {
            throw new UsageException("give exactly one of --generate N and --transactions FILE");
        }
        if (generate != null) {
            if (generate < 1 || generate > 1_000_000) {
                throw new UsageException("--generate must be between 1 and 1,000,000, was " + generate);
            }
            if (months < 2 || months > 600) {
                throw new UsageException("--months must be between 2 and 600, was " + months);
            }
            YearMonth first;
            try {
                first = YearMonth.parse(start);
            } catch (DateTimeParseException e) {
                throw new UsageException("--start must be a month YYYY-MM, was '" + start + "'");
            }
            var cat = IntermittentCatalogue.generate(generate, months, first, seed);
            LongFormat.write(out, Bucket.MONTH, cat);
            System.out.printf(Locale.ROOT, "wrote %s: %d items x up to %d months from %s, %.1f%% of values zero (seed %d)%n", out,
                    cat.size(), months, first, 100 * IntermittentCatalogue.zeroShare(cat), seed);
            return 0;
        }
        if (!Files.isReadable(transactions)) {
            throw new UsageException("cannot read --transactions " + transactions);
        }
        Bucket b;
        try {
            b = Bucket.named(bucket);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--bucket: " + e.getMessage());
        }
        var series = LongFormat.fromDaily(OnlineRetail.read(transactions), b);
        LongFormat.write(out, b, series);
        var last = series.stream().map(s -> s.lastDate()).max(java.time.LocalDate::compareTo);
        System.out.printf(Locale.ROOT, "wrote %s: %d SKUs by %s up to %s (complete %ss only), %.1f%% of values zero%n", out,
                series.size(), b.label(), last.map(b::period).orElse("-"), b.label(),
                100 * IntermittentCatalogue.zeroShare(series));
        return 0;
    }
}
