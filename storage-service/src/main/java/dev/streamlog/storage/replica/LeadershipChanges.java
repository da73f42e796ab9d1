package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.internal.LeaderAndIsrRequest;
import dev.streamlog.model.internal.PartitionLeadership;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.partition.FencedException;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.Leadership;
import dev.streamlog.storage.partition.PartitionRouter;
import dev.streamlog.storage.partition.PartitionSignals;
import dev.streamlog.storage.partition.RoutingTable;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place a local replica's leadership changes: from the ZooKeeper watch (the
 * reconciler), from the controller's LeaderAndIsr push, and from this node's own ISR writes.
 * A state older than the one known is ignored, so these sources may race. On becoming leader
 * the replica stops following; on becoming follower it starts fetching from the new leader
 * (truncating first); either way parked requests are woken to look again.
 *
 * <p>Thread-safe: a partition's change and the fetcher start or stop it causes happen under
 * that partition's monitor, so two changes of one partition never interleave.
 */
@Component
public class LeadershipChanges {

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipChanges.class);

    private final FollowerFetchers fetchers;
    private final PartitionSignals signals;
    private final PartitionRouter router;
    private final Clock clock;
    private final int nodeId;
    private final AtomicInteger controllerEpoch = new AtomicInteger(-1);

    public LeadershipChanges(FollowerFetchers fetchers, PartitionSignals signals, PartitionRouter router,
                             Clock clock, StorageProperties properties) {
        this.fetchers = fetchers;
        this.signals = signals;
        this.router = router;
        this.clock = clock;
        this.nodeId = properties.nodeId();
    }

    /** Applies {@code next} to the local replica if it is newer than what the replica knows. */
    public void apply(HostedPartition partition, Leadership next) {
        TopicPartition tp = partition.topicPartition();
        synchronized (partition) {
            Leadership before = partition.leadership();
            switch (partition.apply(next, clock.millis())) {
                case LEADER -> {
                    fetchers.stop(tp);
                    partition.advanceHighWatermark();
                    signals.leadershipChanged(tp);
                    LOG.info("event=became-leader partition={} epoch={} isr={} logEndOffset={} highWatermark={}", tp,
                            next.leaderEpoch(), next.isr(), partition.log().logEndOffset(), partition.highWatermark());
                }
                case FOLLOWER -> {
                    fetchers.stop(tp);
                    if (next.leaderId() != PartitionState.NO_LEADER) {
                        fetchers.start(partition, next);
                    }
                    signals.leadershipChanged(tp);
                    LOG.info("event=became-follower partition={} leader={} epoch={} wasLeader={}", tp, next.leaderId(),
                            next.leaderEpoch(), before.leaderId() == nodeId);
                }
                case ISR_CHANGED -> {
                    if (partition.advanceHighWatermark()) {
                        signals.highWatermarkAdvanced(partition);
                    }
                    LOG.info("event=isr-changed partition={} epoch={} isr={} previous={}", tp, next.leaderEpoch(),
                            next.isr(), before.isr());
                }
                case NONE -> {
                }
            }
        }
    }

    /**
     * Applies the controller's push to the replicas this node holds (others are created by the
     * reconciler, from ZooKeeper, with the same states).
     *
     * @throws FencedException if a controller with a newer epoch already spoke to this node
     */
    public void apply(LeaderAndIsrRequest request) {
        int seen = controllerEpoch.accumulateAndGet(request.controllerEpoch(), Math::max);
        if (seen > request.controllerEpoch()) {
            throw new FencedException("controller epoch " + request.controllerEpoch()
                    + " is older than epoch " + seen + ", which this node has already heard from");
        }
        RoutingTable table = router.table();
        for (PartitionLeadership change : request.partitions()) {
            RoutingTable.TopicRoute topic = table.topics().get(change.topic());
            RoutingTable.PartitionRoute route = topic == null ? null : topic.partitions().get(change.partition());
            if (route != null && route.local() != null) {
                apply(route.local(), Leadership.of(change.state(), change.replicas(), change.zkVersion()));
            }
        }
    }

    /** The replica is about to be deleted: stop following and wake its parked requests. */
    public void removed(TopicPartition tp) {
        fetchers.stop(tp);
        signals.leadershipChanged(tp);
    }
}
