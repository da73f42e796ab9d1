package dev.streamlog.support.runtime;

import java.util.OptionalInt;

/**
 * Keeps {@link java.util.concurrent.CompletableFuture}'s default executor a real pool on small
 * machines. The JDK sizes the common fork-join pool at one thread less than the processors, and
 * when that is below 2, {@code CompletableFuture} runs every asynchronous stage on a
 * <em>new thread</em>. The JDK's {@code HttpClient} hands every {@code sendAsync} answer to
 * that default executor, so on a 2-core machine each storage-to-storage fetch and each
 * gateway-to-storage call would start and end a thread. {@link #ensureParallelism()} raises
 * the pool to {@value #MIN_PARALLELISM} threads unless the operator chose a size
 * ({@value #PROPERTY}).
 *
 * <p>Call it first in {@code main}: the setting only counts before the common pool is first
 * used. Stateless; thread-safe.
 */
public final class CommonPool {

    /** The JDK's system property for the common pool's size. */
    public static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final int MIN_PARALLELISM = 2;

    private CommonPool() {
    }

    /** Sets {@value #PROPERTY} when it is unset and the JDK's default would be below {@value #MIN_PARALLELISM}. */
    public static void ensureParallelism() {
        parallelismToSet(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors())
                .ifPresent(parallelism -> System.setProperty(PROPERTY, Integer.toString(parallelism)));
    }

    /** The size to set, given what the operator configured (or null) and the processor count. */
    static OptionalInt parallelismToSet(String configured, int processors) {
        if (configured != null && !configured.isBlank()) {
            return OptionalInt.empty();
        }
        return processors - 1 < MIN_PARALLELISM ? OptionalInt.of(MIN_PARALLELISM) : OptionalInt.empty();
    }
}
