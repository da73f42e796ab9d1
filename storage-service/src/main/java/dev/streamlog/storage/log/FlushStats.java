package dev.streamlog.storage.log;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many flushes of unflushed records the logs sharing this object have done (segment fsyncs; a flush with
 * nothing unflushed is not counted; the recovery-point checkpoint is written apart, at each flush check) and the
 * time they took in all, for a node's flush-time metric. Only ever grows.
 *
 * <p>Thread-safe (lock-free adders).
 */
public final class FlushStats {

    private final LongAdder count = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    void record(long elapsedNanos) {
        count.increment();
        nanos.add(elapsedNanos);
    }

    /** Flushes done. */
    public long count() {
        return count.sum();
    }

    /** Their total duration in nanoseconds. */
    public double totalNanos() {
        return nanos.sum();
    }
}
