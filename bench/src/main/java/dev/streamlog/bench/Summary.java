package dev.streamlog.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one measured load did.
 *
 * @param target          the target's name
 * @param seconds         measured time
 * @param records         records acknowledged
 * @param recordsPerSecond acknowledged records per second
 * @param megabytesPerSecond acknowledged value megabytes (10^6 bytes) per second
 * @param p50Millis       request latency percentiles and maximum, in milliseconds
 * @param p95Millis       95th percentile
 * @param p99Millis       99th percentile
 * @param maxMillis       slowest request
 * @param errors          refused or failed requests by error code ({@code http_<status>} without a code,
 *                        {@code transport} without an answer)
 */
record Summary(String target, double seconds, long records, double recordsPerSecond, double megabytesPerSecond,
               double p50Millis, double p95Millis, double p99Millis, double maxMillis, Map<String, Long> errors) {

    /** The summary of a finished load from its counts, sorted latencies and errors. */
    static Summary of(String target, double seconds, long records, double megabytes, long[] sortedLatencies,
                      Map<String, LongAdder> errors) {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((code, count) -> counts.put(code, count.sum()));
        return new Summary(target, seconds, records, records / seconds, megabytes / seconds,
                Latencies.percentileMillis(sortedLatencies, 0.50), Latencies.percentileMillis(sortedLatencies, 0.95),
                Latencies.percentileMillis(sortedLatencies, 0.99), Latencies.percentileMillis(sortedLatencies, 1.0),
                counts);
    }

    /** One line for people. */
    String line() {
        return String.format(Locale.ROOT, "%-22s %,12.0f rec/s %9.1f MB/s   p50 %6.1f  p95 %6.1f  p99 %6.1f  max %7.1f ms"
                        + "   errors %s", target, recordsPerSecond, megabytesPerSecond, p50Millis, p95Millis,
                p99Millis, maxMillis, errors.isEmpty() ? "none" : errors);
    }
}
