package dev.streamlog.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The progress line a load prints every second until it is interrupted: seconds since the start, records in the
 * last second, records in all, failed requests in all.
 *
 * <p>Stateless; thread-safe.
 */
final class Progress {

    private Progress() {
    }

    /** Prints a line every second to {@code out} until the calling thread is interrupted. */
    static Void print(PrintStream out, String name, long startNanos, LongAdder records,
                      Map<String, LongAdder> errors) {
        long last = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                long now = records.sum();
                long failed = errors.values().stream().mapToLong(LongAdder::sum).sum();
                out.printf(Locale.ROOT, "  %-20s %4.0f s  %,10d rec/s  %,12d records  %d failed requests%n",
                        name, (System.nanoTime() - startNanos) / 1e9, now - last, now, failed);
                last = now;
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
