package dev.streamlog.storage.log.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, with their mean and percentiles in microseconds. */
final class Latencies {

    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    void add(long sampleNanos) {
        nanos[count++] = sampleNanos;
    }

    int count() {
        return count;
    }

    double meanMicros() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += nanos[i];
        }
        return total / (count * 1_000.0);
    }

    /** The sample at or below which {@code percent} percent of the samples lie (nearest rank). */
    double percentileMicros(double percent) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * count);
        return sorted[Math.max(0, rank - 1)] / 1_000.0;
    }
}
