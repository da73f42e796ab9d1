package dev.streamlog.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request latencies in nanoseconds, kept exactly (a growing array per producer thread, merged and sorted at the
 * end), and their percentiles.
 *
 * <p>Not thread-safe: one per thread, merged by the reporting thread after the load stopped.
 */
final class Latencies {

    private long[] values = new long[4096];
    private int count;

    void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    /** Adds every latency of {@code other}, unsorted. */
    void addAll(Latencies other) {
        if (count + other.count > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, count + other.count));
        }
        System.arraycopy(other.values, 0, values, count, other.count);
        count += other.count;
    }

    int count() {
        return count;
    }

    /** All latencies of {@code parts}, sorted. */
    static long[] merged(Iterable<Latencies> parts) {
        int total = 0;
        for (Latencies part : parts) {
            total += part.count;
        }
        long[] all = new long[total];
        int at = 0;
        for (Latencies part : parts) {
            System.arraycopy(part.values, 0, all, at, part.count);
            at += part.count;
        }
        Arrays.sort(all);
        return all;
    }

    /** These latencies, sorted. */
    static long[] sorted(Latencies latencies) {
        return merged(List.of(latencies));
    }

    /** p50, p95, p99 and max of sorted latencies, in milliseconds. */
    static Map<String, Object> percentiles(long[] sorted) {
        Map<String, Object> percentiles = new LinkedHashMap<>();
        percentiles.put("p50", percentileMillis(sorted, 0.50));
        percentiles.put("p95", percentileMillis(sorted, 0.95));
        percentiles.put("p99", percentileMillis(sorted, 0.99));
        percentiles.put("max", percentileMillis(sorted, 1.0));
        return percentiles;
    }

    /** The {@code quantile} (0..1) of sorted latencies in milliseconds; 0 when there are none. */
    static double percentileMillis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
