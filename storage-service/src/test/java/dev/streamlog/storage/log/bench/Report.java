package dev.streamlog.storage.log.bench;

import java.util.List;
import java.util.Locale;

/** Turns the measurements into the console tables and the markdown summary. */
final class Report {

    private static final double TARGET_1_KIB = 0.8;
    private static final double TARGET_100_B = 0.6;

    private final List<AppendBench.Result> appends;
    private final LookupBench.Result small;
    private final LookupBench.Result large;
    private final int lookups;

    Report(List<AppendBench.Result> appends, LookupBench.Result small, LookupBench.Result large, int lookups) {
        this.appends = appends;
        this.small = small;
        this.large = large;
        this.lookups = lookups;
    }

    /** The four sections, one table each. */
    String details() {
        return appendSection() + sequentialReadSection() + timestampSection() + offsetReadSection();
    }

    /** A markdown block for a README. */
    String summary(double runSeconds, double scale) {
        TextTable table = new TextTable("Benchmark", "Raw FileChannel", "Engine", "Engine / raw", "Target");
        for (AppendBench.Result result : appends) {
            Comparison append = result.append();
            table.row("Append, " + label(result) + " records", rate(append.raw()), rate(append.engine()),
                    format("%.2f", append.ratio()), targetCell(result));
        }
        for (AppendBench.Result result : appends) {
            Comparison read = result.read();
            table.row("Sequential read, " + label(result) + " records", megabytes(read.raw()),
                    megabytes(read.engine()), format("%.2f", read.ratio()), "");
        }
        for (LookupBench.Result result : List.of(small, large)) {
            table.row("offsetForTimestamp, " + count(result) + " records", "",
                    format("%,.0f lookups/s; ", result.timestampLookupsPerSecond()) + latency(result.timestamp()),
                    "", "");
        }
        for (LookupBench.Result result : List.of(small, large)) {
            double p50Ratio = ratio(result.offsetRead(), result.rawRead(), 50);
            table.row("Random-offset read, " + count(result) + " records", latency(result.rawRead()),
                    latency(result.offsetRead()), format("%.2f (p50)", p50Ratio), "");
        }
        table.row("Random-offset read, " + count(large) + " vs " + count(small),
                ratios(large.rawRead(), small.rawRead()), ratios(large.offsetRead(), small.offsetRead()), "",
                "engine near 1");
        return format("%nSUMMARY (markdown; scale %s, %d CPUs, Java %s, run took %.0f s)%n%n", scale,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), runSeconds)
                + table.markdown();
    }

    private String appendSection() {
        TextTable table = new TextTable("Records", "Batch", "Raw rec/s", "Raw MB/s", "Engine rec/s", "Engine MB/s",
                "Engine/raw", "Target");
        for (AppendBench.Result result : appends) {
            Comparison append = result.append();
            table.row(label(result), format("%,d B", result.batchBytes()),
                    format("%,.0f", append.raw().recordsPerSecond()),
                    format("%,.0f", append.raw().megabytesPerSecond()),
                    format("%,.0f", append.engine().recordsPerSecond()),
                    format("%,.0f", append.engine().megabytesPerSecond()), format("%.2f", append.ratio()),
                    targetCell(result));
        }
        return "\n1. APPEND (prebuilt batches, " + AppendBench.ROUNDS + " rounds, raw and engine taking turns in "
                + (AppendBench.CHUNK_BYTES >> 20) + " MiB chunks; raw = FileChannel.write"
                + " loop of the same bytes;\n   rates are the median runs, engine/raw the median of the per-round"
                + " ratios; MB = 10^6 bytes)\n" + table.render();
    }

    private String sequentialReadSection() {
        TextTable table = new TextTable("Records", "Log size", "Segments", "Raw MB/s", "Engine MB/s", "Engine/raw");
        for (AppendBench.Result result : appends) {
            Comparison read = result.read();
            table.row(label(result), format("%,d MiB", read.engine().bytes() >> 20),
                    Integer.toString(result.segments()), format("%,.0f", read.raw().megabytesPerSecond()),
                    format("%,.0f", read.engine().megabytesPerSecond()), format("%.2f", read.ratio()));
        }
        return "\n2. SEQUENTIAL READ (whole log from offset 0, 1 MiB reads copied into a direct buffer;"
                + " raw = 1 MiB FileChannel reads;\n   " + AppendBench.ROUNDS + " rounds as above)\n" + table.render();
    }

    private String timestampSection() {
        TextTable table = new TextTable("Log records", "Segments", "Lookups/s", "Mean us", "p50 us", "p99 us");
        for (LookupBench.Result result : List.of(small, large)) {
            Latencies latencies = result.timestamp();
            table.row(count(result), Integer.toString(result.segments()),
                    format("%,.0f", result.timestampLookupsPerSecond()), format("%.1f", latencies.meanMicros()),
                    format("%.1f", latencies.percentileMicros(50)), format("%.1f", latencies.percentileMicros(99)));
        }
        return "\n3. offsetForTimestamp (random timestamps, " + format("%,d", lookups) + " lookups per log)\n"
                + table.render();
    }

    private String offsetReadSection() {
        TextTable table = new TextTable("Log records", "Log size", "Segments", "Engine mean/p50/p99 us",
                "Raw mean/p50/p99 us");
        for (LookupBench.Result result : List.of(small, large)) {
            table.row(count(result), format("%,d MiB", result.logBytes() >> 20), Integer.toString(result.segments()),
                    triple(result.offsetRead()), triple(result.rawRead()));
        }
        String sizes = count(large) + " vs " + count(small) + " records";
        return "\n4. RANDOM-OFFSET READ (read(offset, 1, MAX) + copy of the one batch, 100-byte values, "
                + format("%,d", lookups) + " lookups per log;\n   raw = positional FileChannel read of one random"
                + " batch from the first segment file)\n" + table.render()
                + format("  %s, engine: %s (target: near 1)%n", sizes, ratios(large.offsetRead(), small.offsetRead()))
                + format("  %s, raw:    %s (the memory hierarchy alone)%n", sizes,
                        ratios(large.rawRead(), small.rawRead()))
                + format("  engine p50 minus raw p50 (index search, header reads, checks): %.1f us and %.1f us%n",
                        overheadMicros(small), overheadMicros(large));
    }

    /** {@code a} over {@code b} at a percentile, or of the means for percentile 0. */
    private static double ratio(Latencies a, Latencies b, double percentile) {
        return percentile == 0 ? a.meanMicros() / b.meanMicros()
                : a.percentileMicros(percentile) / b.percentileMicros(percentile);
    }

    private static String ratios(Latencies a, Latencies b) {
        return format("mean x%.2f, p50 x%.2f, p99 x%.2f", ratio(a, b, 0), ratio(a, b, 50), ratio(a, b, 99));
    }

    private static double overheadMicros(LookupBench.Result result) {
        return result.offsetRead().percentileMicros(50) - result.rawRead().percentileMicros(50);
    }

    /** The target and whether the ratio, as printed (two decimals), meets it. */
    private static String targetCell(AppendBench.Result result) {
        double target = result.valueSize() >= 1024 ? TARGET_1_KIB : TARGET_100_B;
        boolean met = Math.round(result.append().ratio() * 100) >= Math.round(target * 100);
        return format(">= %.1f %s", target, met ? "met" : "NOT met");
    }

    private static String label(AppendBench.Result result) {
        return LogEngineBenchmark.label(result.valueSize());
    }

    private static String count(LookupBench.Result result) {
        return LogEngineBenchmark.count(result.records());
    }

    private static String rate(Throughput throughput) {
        return format("%.2f M rec/s, %,.0f MB/s", throughput.recordsPerSecond() / 1e6, throughput.megabytesPerSecond());
    }

    private static String megabytes(Throughput throughput) {
        return format("%,.0f MB/s", throughput.megabytesPerSecond());
    }

    private static String latency(Latencies latencies) {
        return format("mean %.1f us, p50 %.1f us, p99 %.1f us", latencies.meanMicros(), latencies.percentileMicros(50),
                latencies.percentileMicros(99));
    }

    private static String triple(Latencies latencies) {
        return format("%.1f / %.1f / %.1f", latencies.meanMicros(), latencies.percentileMicros(50),
                latencies.percentileMicros(99));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
