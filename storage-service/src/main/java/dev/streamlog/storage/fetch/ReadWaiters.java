package dev.streamlog.storage.fetch;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.partition.AppendListener;
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
import org.springframework.stereotype.Component;

/**
 * Reads parked at the end of a partition (long poll) without parking a thread: each waiter is
 * a future that completes when a record is appended past its offset or when its wait runs
 * out, whichever comes first. Completion happens on this class's small pool, so the appending
 * thread never runs a reader's work. On stop every waiter is released at once, so a shutdown
 * does not wait for long polls to expire.
 *
 * <p>Thread-safe: waiters live in concurrent sets per partition; a waiter completes once.
 */
@Component
public class ReadWaiters implements AppendListener, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ReadWaiters.class);
    private static final int THREADS = 2;

    private final Map<TopicPartition, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor pool;
    private volatile boolean running;

    public ReadWaiters() {
        pool = new ScheduledThreadPoolExecutor(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "read-waiters");
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * A future completing (with no value) once {@code endOffset} passes {@code offset} after an
     * append, or after {@code maxWait}; immediately if the end already passed it or this
     * component is stopped.
     *
     * @param endOffset reads the partition's current end (checked after registering, so an
     *                  append racing with this call is never missed)
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

    /** Releases the waiters of {@code partition} whose offset is now below its end. */
    @Override
    public void appended(TopicPartition partition, long endOffset) {
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

    /** How many reads are waiting now. */
    public int waiting() {
        return waiters.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Releases every waiter (their reads answer with what is there) and stops the pool. */
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

    /** One parked read; its future makes it unique (futures compare by identity). */
    private record Waiter(TopicPartition partition, long offset, CompletableFuture<Void> future) {
    }
}
