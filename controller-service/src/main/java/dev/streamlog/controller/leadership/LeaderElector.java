package dev.streamlog.controller.leadership;

import dev.streamlog.controller.election.ActiveController;
import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.Command;
import dev.streamlog.controller.metadata.Elections;
import dev.streamlog.controller.metadata.LeaderElections;
import dev.streamlog.controller.metrics.ControllerMetrics;
import dev.streamlog.controller.zookeeper.BrokerWatcher;
import dev.streamlog.controller.zookeeper.WriteConflictException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link LeaderElections} commands on the active controller, always on a freshly loaded
 * image ({@link ActiveController#executeOnFreshImage}), on one thread of its own:
 * <ul>
 *   <li>leader elections when the live brokers change (bursts within {@value #COALESCE_MILLIS} ms
 *       make one pass) and once each time this instance activates;</li>
 *   <li>preferred leader restores every {@code rebalanceInterval} when enabled, skipped without a
 *       ZooKeeper read while the controller's image shows every leader on its preferred replica
 *       or that replica down (leaders change only by controller writes; ISRs do not).</li>
 * </ul>
 * A pass that meets a write conflict (a leader changed its ISR meanwhile) or a ZooKeeper failure
 * is retried on a new image up to {@value #MAX_ATTEMPTS} times, {@value #BACKOFF_MILLIS} ms more
 * apart each time. Nothing runs while the broker list has not loaded yet, so a starting
 * controller never takes brokers for dead. Started on construction, stopped by {@link #close()}.
 * Thread-safe: triggers only schedule work; the passes run on the one thread.
 */
public class LeaderElector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElector.class);
    private static final long COALESCE_MILLIS = 100;
    private static final int MAX_ATTEMPTS = 5;
    private static final long BACKOFF_MILLIS = 100;

    private final ActiveController controller;
    private final BrokerWatcher brokers;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicBoolean electionPending = new AtomicBoolean();
    private final ControllerMetrics metrics;

    /**
     * @param rebalanceInterval how often to restore preferred leaders, or null not to
     * @param metrics           where election passes are recorded
     */
    public LeaderElector(ActiveController controller, BrokerWatcher brokers, Duration rebalanceInterval,
                         ControllerMetrics metrics) {
        this.controller = controller;
        this.brokers = brokers;
        this.metrics = metrics;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "partition-leadership");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        brokers.addListener(this::requestElection);
        controller.addActivationListener(this::requestElection);
        if (rebalanceInterval != null) {
            executor.scheduleWithFixedDelay(this::restorePreferredLeaders, rebalanceInterval.toMillis(),
                    rebalanceInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks for an election pass soon; requests until it starts make one pass. */
    public void requestElection() {
        if (electionPending.compareAndSet(false, true)) {
            schedule(() -> {
                electionPending.set(false);
                run("leader_election", LeaderElections::electLeaders, 1);
            }, COALESCE_MILLIS);
        }
    }

    private void restorePreferredLeaders() {
        if (!ready()) {
            return;
        }
        try {
            if (!LeaderElections.hasMisplacedLeaders(controller.image())) {
                return;
            }
        } catch (AdminException standby) {
            return;
        }
        run("preferred_leader_restore", LeaderElections::restorePreferredLeaders, 1);
    }

    private void run(String task, Command<Elections> command, int attempt) {
        if (!ready()) {
            return;
        }
        try {
            long started = System.nanoTime();
            Elections elections = controller.executeOnFreshImage(command);
            metrics.electionPass(task, System.nanoTime() - started, elections.changes().size(),
                    elections.unclean().size());
            elections.unclean().forEach(partition -> log.warn("event=unclean_leader_election topic={} partition={} "
                    + "note=\"no in-sync replica is live; records the new leader lacks are lost\"",
                    partition.topic(), partition.partition()));
            elections.changes().forEach(change -> log.info("event={} topic={} partition={} leader={} "
                    + "leader_epoch={} isr={} zk_version={}", task, change.topic(), change.partition(),
                    change.state().leader(), change.state().leaderEpoch(), change.state().isr(), change.zkVersion()));
        } catch (WriteConflictException | AdminException e) {
            if (!controller.isActive()) {
                return;
            }
            if (attempt >= MAX_ATTEMPTS) {
                log.warn("event={}_failed attempts={} error=\"{}\"", task, attempt, e.getMessage());
                return;
            }
            log.info("event={}_retry attempt={} error=\"{}\"", task, attempt, e.getMessage());
            schedule(() -> run(task, command, attempt + 1), BACKOFF_MILLIS * attempt);
        } catch (RuntimeException e) {
            log.error("event={}_failed", task, e);
        }
    }

    private boolean ready() {
        return controller.isActive() && brokers.isInitialized();
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            log.debug("event=leadership_task_dropped reason=stopping");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("event=leadership_thread_not_stopped wait=10s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
