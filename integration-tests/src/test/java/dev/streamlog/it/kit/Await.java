package dev.streamlog.it.kit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Bounded polling for integration tests: every wait has a time limit and says what it waited
 * for when it gives up, with the last failure it saw.
 *
 * <p>Stateless; thread-safe.
 */
public final class Await {

    private static final Duration PAUSE = Duration.ofMillis(200);

    private Await() {
    }

    /**
     * Polls until {@code condition} is true.
     *
     * @param bound   how long to keep trying
     * @param what    what is awaited, for the failure message
     * @param details extra text for the failure message (e.g. log file paths), computed only on failure
     * @throws AssertionError when the bound passes first
     */
    public static void until(Duration bound, String what, Supplier<String> details, Callable<Boolean> condition) {
        value(bound, what, details, () -> Boolean.TRUE.equals(condition.call()) ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** {@link #until(Duration, String, Supplier, Callable)} without extra details. */
    public static void until(Duration bound, String what, Callable<Boolean> condition) {
        until(bound, what, () -> "", condition);
    }

    /**
     * Polls until {@code probe} yields a value and returns it. Exceptions thrown by the probe
     * count as "not yet" and the last one is reported on failure.
     */
    public static <T> T value(Duration bound, String what, Supplier<String> details, Callable<Optional<T>> probe) {
        long deadline = System.nanoTime() + bound.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                Optional<T> value = probe.call();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                String extra = details.get();
                AssertionError error = new AssertionError("gave up after " + bound.toSeconds() + " s waiting for " + what
                        + (lastFailure == null ? "" : "; last failure: " + lastFailure)
                        + (extra.isEmpty() ? "" : "\n" + extra));
                if (lastFailure != null) {
                    error.addSuppressed(lastFailure);
                }
                throw error;
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
