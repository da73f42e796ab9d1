package dev.streamlog.support.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A task run on a daemon thread of its own every {@code period} (with fixed delay, the first run right away)
 * from the application's start to its stop, such as a metrics snapshot. A run that fails is logged
 * ({@code event=periodic-task-failed}) and the next one runs as planned.
 *
 * <p>Thread-safe (start and stop are synchronized; the task runs on the one thread).
 */
public class PeriodicTask implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    /** The work; may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final String name;
    private final Duration period;
    private final Work work;
    private ScheduledExecutorService thread;

    /**
     * @param name   the thread's name, also in the failure log line
     * @param period the pause between the end of one run and the start of the next
     * @param work   what to run
     */
    public PeriodicTask(String name, Duration period, Work work) {
        this.name = name;
        this.period = period;
        this.work = work;
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, name);
            daemon.setDaemon(true);
            return daemon;
        });
        thread.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (Exception e) {
                LOG.warn("event=periodic-task-failed task={} error={}", name, e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }
}
