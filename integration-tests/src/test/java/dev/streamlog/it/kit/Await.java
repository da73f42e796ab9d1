package dev.streamlog.it.kit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

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
        try {
            return Awaitility.await(what).atMost(bound).pollInterval(PAUSE)
                    .ignoreExceptionsMatching(Exception.class::isInstance)
                    .until(probe, Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            String extra = details.get();
            throw new AssertionError("gave up after " + bound.toSeconds() + " s waiting for " + what
                    + (e.getCause() == null ? "" : "; last failure: " + e.getCause())
                    + (extra.isEmpty() ? "" : "\n" + extra), e);
        }
    }
}
