package dev.streamlog.controller.election;

import dev.streamlog.model.ZkPaths;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs this instance in the Curator {@link LeaderLatch} on {@code /controller} with its advertised
 * URL as participant id. Winning the latch activates the {@link ActiveController}; losing it, or
 * the ZooKeeper connection being suspended or lost, deactivates it at once. When activation fails
 * or a write is fenced, the instance leaves the latch and rejoins it after a pause, so another
 * controller can take over meanwhile.
 *
 * <p>Starts after the web server (default {@link SmartLifecycle} phase) and stops before it, so the
 * latch is left before requests stop being answered. Latch callbacks run on one election thread.
 * Thread-safe: latch changes are guarded by {@code this}.
 */
public class ControllerElection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControllerElection.class);
    private static final Duration REJOIN_DELAY = Duration.ofSeconds(2);

    private final CuratorFramework client;
    private final ActiveController controller;
    private final ScheduledExecutorService executor;
    private final ConnectionStateListener connectionListener = this::connectionChanged;
    private LeaderLatch latch;
    private boolean running;

    public ControllerElection(CuratorFramework namespacedClient, ActiveController controller) {
        this.client = namespacedClient;
        this.controller = controller;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "controller-election");
            thread.setDaemon(true);
            return thread;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        controller.onFenced(this::rejoinLater);
        client.getConnectionStateListenable().addListener(connectionListener);
        joinLatch();
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            client.getConnectionStateListenable().removeListener(connectionListener);
            leaveLatch();
        }
        controller.deactivate();
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The election thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** Whether this instance currently holds the latch. */
    public synchronized boolean hasLeadership() {
        return latch != null && latch.hasLeadership();
    }

    private void joinLatch() {
        LeaderLatch joined = new LeaderLatch(client, ZkPaths.CONTROLLER, controller.advertisedUrl(),
                LeaderLatch.CloseMode.SILENT);
        joined.addListener(new Listener(joined), executor);
        try {
            joined.start();
            latch = joined;
            log.info("Joined the controller election as {}", controller.advertisedUrl());
        } catch (Exception e) {
            log.warn("Could not join the controller election: {}", e.toString());
            rejoinLater();
        }
    }

    private void leaveLatch() {
        if (latch == null) {
            return;
        }
        try {
            latch.close(LeaderLatch.CloseMode.SILENT);
        } catch (IOException | IllegalStateException e) {
            log.debug("Closing the leader latch: {}", e.toString());
        }
        latch = null;
    }

    private void rejoinLater() {
        try {
            executor.schedule(this::rejoin, REJOIN_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            log.debug("Not rejoining the election: stopping");
        }
    }

    private void rejoin() {
        synchronized (this) {
            if (!running) {
                return;
            }
            leaveLatch();
        }
        controller.deactivate();
        synchronized (this) {
            if (running) {
                joinLatch();
            }
        }
    }

    private void connectionChanged(CuratorFramework framework, ConnectionState state) {
        if (!state.isConnected()) {
            log.warn("ZooKeeper connection {}: not serving as controller until it is back", state);
            controller.deactivate();
        }
    }

    /** Latch callbacks for one latch instance; stale ones (after a rejoin) are ignored. */
    private final class Listener implements LeaderLatchListener {
        private final LeaderLatch owner;

        Listener(LeaderLatch owner) {
            this.owner = owner;
        }

        @Override
        public void isLeader() {
            synchronized (ControllerElection.this) {
                if (owner != latch || !running) {
                    return;
                }
            }
            log.info("Won the controller latch; activating");
            if (!controller.activate(owner::hasLeadership) && owner.hasLeadership()) {
                log.warn("Activation failed while holding the latch; leaving the election for {}", REJOIN_DELAY);
                rejoinLater();
            }
        }

        @Override
        public void notLeader() {
            controller.deactivate();
        }
    }
}
