package dev.streamlog.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The progress line a load prints every second until it is interrupted: seconds since the start of its phase,
 * records in the last second, records in all, failed requests in all; a load with a warm-up prints the warm-up's
 * lines, then {@code measured:}, then the measured part's.
 *
 * <p>Stateless; thread-safe.
 */
final class Progress {

    private Progress() {
    }

    /** Prints a line every second to {@code out} until the calling thread is interrupted. */
    static Void print(PrintStream out, String name, long startNanos, LongAdder records,
                      Map<String, LongAdder> errors) {
        Tally tally = new Tally(records, errors);
        return print(out, name, startNanos, startNanos, tally, tally);
    }

    /**
     * Prints a line every second to {@code out} until the calling thread is interrupted: of {@code warm} until
     * {@code measuredFromNanos}, then of {@code measured}.
     */
    static Void print(PrintStream out, String name, long startNanos, long measuredFromNanos, Tally warm,
                      Tally measured) {
        long phaseStart = startNanos;
        Tally tally = warm;
        long last = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                long now = tally.records().sum();
                out.printf(Locale.ROOT, "  %-20s %4.0f s  %,10d rec/s  %,12d records  %d failed requests%n",
                        name, (System.nanoTime() - phaseStart) / 1e9, now - last, now, tally.failed());
                last = now;
                if (tally != measured && System.nanoTime() >= measuredFromNanos) {
                    out.println("measured:");
                    phaseStart = measuredFromNanos;
                    tally = measured;
                    last = measured.records().sum();
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
