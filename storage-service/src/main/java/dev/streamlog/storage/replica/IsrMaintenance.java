package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.metrics.StorageMetrics;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.Leadership;
import dev.streamlog.storage.partition.PartitionRouter;
import dev.streamlog.storage.partition.RoutingTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the ISR of the partitions this node leads: every {@code isrCheckInterval} it drops the
 * followers not caught up within {@code replica-lag-time-max}; on request (a follower fetched
 * up to the high watermark) it adds a follower back. Each change is a version-checked write of
 * the state znode ({@link IsrStore}); the new ISR is used only once written. A lost race means
 * someone else (the controller) changed the state: what ZooKeeper holds now is applied instead,
 * which may make this node a follower, so a leader that was paused or cut off cannot keep
 * shrinking the ISR to itself and acknowledge writes alone.
 *
 * <p>Thread-safe: every ISR write runs on the one replication scheduler thread.
 */
@Component
public class IsrMaintenance implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IsrMaintenance.class);

    private final PartitionRouter router;
    private final IsrStore store;
    private final LeadershipChanges changes;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final long lagMaxMs;
    private final long checkIntervalMs;
    private final StorageMetrics metrics;
    private final Set<TopicPartition> pendingExpansions = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public IsrMaintenance(PartitionRouter router, IsrStore store, LeadershipChanges changes,
                          ScheduledExecutorService replicationScheduler, Clock clock, StorageProperties properties,
                          StorageMetrics metrics) {
        this.router = router;
        this.store = store;
        this.changes = changes;
        this.scheduler = replicationScheduler;
        this.clock = clock;
        this.lagMaxMs = properties.replication().replicaLagTimeMax().toMillis();
        this.checkIntervalMs = properties.replication().isrCheckInterval().toMillis();
        this.metrics = metrics;
    }

    /** Asks for {@code replicaId} to be added to the partition's ISR (once; re-checked when it runs). */
    void requestExpansion(HostedPartition partition, int replicaId) {
        if (!running || !pendingExpansions.add(partition.topicPartition())) {
            return;
        }
        try {
            scheduler.execute(() -> {
                pendingExpansions.remove(partition.topicPartition());
                if (partition.mayJoinIsr(replicaId)) {
                    List<Integer> isr = new ArrayList<>(partition.leadership().isr());
                    isr.add(replicaId);
                    write(partition, isr, "expand");
                }
            });
        } catch (RejectedExecutionException e) {
            pendingExpansions.remove(partition.topicPartition());
        }
    }

    /** Drops lagging followers from the ISR of every partition this node leads. */
    void shrinkLagging() {
        long now = clock.millis();
        for (RoutingTable.TopicRoute topic : router.table().topics().values()) {
            for (RoutingTable.PartitionRoute route : topic.partitions().values()) {
                HostedPartition partition = route.local();
                if (partition == null) {
                    continue;
                }
                List<Integer> lagging = partition.laggingReplicas(now, lagMaxMs);
                if (!lagging.isEmpty()) {
                    List<Integer> isr = new ArrayList<>(partition.leadership().isr());
                    isr.removeAll(lagging);
                    write(partition, isr, "shrink");
                }
            }
        }
    }

    private void write(HostedPartition partition, List<Integer> isr, String change) {
        TopicPartition tp = partition.topicPartition();
        Leadership current = partition.leadership();
        if (!partition.isLeader()) {
            return;
        }
        try {
            Leadership written = store.writeIsr(tp, current, isr);
            LOG.info("event=isr-{} partition={} epoch={} isr={} previous={}", change, tp, current.leaderEpoch(), isr,
                    current.isr());
            metrics.isrChanged("expand".equals(change));
            changes.apply(partition, written);
        } catch (IsrConflictException e) {
            LOG.info("event=isr-write-conflict partition={} change={} epoch={} znodeNow={}", tp, change,
                    current.leaderEpoch(), e.current());
            if (e.current() != null) {
                changes.apply(partition, e.current());
            }
        } catch (RuntimeException e) {
            LOG.warn("event=isr-write-failed partition={} change={} error={}", tp, change, e.toString());
        }
    }

    @Override
    public void start() {
        running = true;
        scheduler.scheduleWithFixedDelay(this::shrinkSafely, checkIntervalMs, checkIntervalMs, TimeUnit.MILLISECONDS);
    }

    private void shrinkSafely() {
        try {
            if (running) {
                shrinkLagging();
            }
        } catch (RuntimeException e) {
            LOG.warn("event=isr-check-failed error={}", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
