package dev.streamlog.storage.partition;

import dev.streamlog.model.TopicPartition;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Requests parked until an offset of a partition passes a mark (long polls), without parking a
 * thread: each waiter is a future that completes when the offset passes its mark or when its
 * wait runs out, whichever comes first. Subclasses name the offset: the high watermark
 * ({@link HighWatermarkWaiters}) or the log end ({@link LogEndWaiters}). Completion happens on
 * this class's small pool, so the thread that moved the offset never runs a waiter's work. On
 * stop every waiter is released at once, so a shutdown does not wait for long polls to expire.
 *
 * <p>Thread-safe: waiters live in concurrent sets per partition; a waiter completes once.
 */
public abstract class OffsetWaiters implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetWaiters.class);
    private static final int THREADS = 2;

    private final Map<TopicPartition, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor pool;
    private volatile boolean running;

    protected OffsetWaiters(String threadName) {
        pool = new ScheduledThreadPoolExecutor(THREADS, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * A future completing (with no value) once the offset passes {@code offset} (see
     * {@link #advanced}), or after {@code maxWait}; immediately if it already passed it or this
     * component is stopped.
     *
     * @param endOffset reads the offset now (checked after registering, so an advance racing
     *                  with this call is never missed)
     */
    public CompletableFuture<Void> await(TopicPartition partition, long offset, Duration maxWait,
                                         LongSupplier endOffset) {
        Waiter waiter = new Waiter(partition, offset, new CompletableFuture<>());
        waiters.compute(partition, (key, parked) -> {
            Set<Waiter> set = parked == null ? ConcurrentHashMap.newKeySet() : parked;
            set.add(waiter);
            return set;
        });
        waiter.future().whenComplete((ignored, error) -> remove(waiter)); // also when a caller cancels it
        if (!running || endOffset.getAsLong() > offset) {
            release(waiter);
            return waiter.future();
        }
        try {
            ScheduledFuture<?> timeout = pool.schedule(() -> finish(waiter), maxWait.toMillis(), TimeUnit.MILLISECONDS);
            waiter.future().whenComplete((ignored, error) -> timeout.cancel(false));
        } catch (RejectedExecutionException e) {
            finish(waiter);
        }
        return waiter.future();
    }

    /** Releases the waiters of {@code partition} whose mark is now below {@code endOffset}. */
    public void advanced(TopicPartition partition, long endOffset) {
        Set<Waiter> parked = waiters.get(partition);
        if (parked == null) {
            return;
        }
        for (Waiter waiter : parked) {
            if (waiter.offset() < endOffset) {
                release(waiter);
            }
        }
    }

    /** Releases every waiter of {@code partition} (its leadership changed: they must look again). */
    public void releaseAll(TopicPartition partition) {
        advanced(partition, Long.MAX_VALUE);
    }

    /** How many requests are waiting now. */
    public int waiting() {
        return waiters.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Releases every waiter (their requests answer with what is there) and stops the pool. */
    @Override
    public void stop() {
        running = false;
        waiters.values().forEach(parked -> parked.forEach(this::finish));
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("event=read-waiters-stop-timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The default phase: stops before the web server, so pending long polls answer first. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    private void release(Waiter waiter) {
        try {
            pool.execute(() -> finish(waiter));
        } catch (RejectedExecutionException e) {
            finish(waiter);
        }
    }

    /** Forgets the waiter, then completes it: whoever sees it complete no longer finds it parked. */
    private void finish(Waiter waiter) {
        remove(waiter);
        waiter.future().complete(null);
    }

    private void remove(Waiter waiter) {
        waiters.computeIfPresent(waiter.partition(), (key, parked) -> {
            parked.remove(waiter);
            return parked.isEmpty() ? null : parked;
        });
    }

    /** One parked request; its future makes it unique (futures compare by identity). */
    private record Waiter(TopicPartition partition, long offset, CompletableFuture<Void> future) {
    }
}
