package dev.streamlog.storage.cluster;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.config.TopicLogConfigs;
import dev.streamlog.storage.datadir.DataDir;
import dev.streamlog.storage.log.LogConfig;
import dev.streamlog.storage.log.LogFiles;
import dev.streamlog.storage.log.LogManager;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.log.checkpoint.PartitionMetadataFile;
import dev.streamlog.storage.log.errors.InvalidConfigException;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.Leadership;
import dev.streamlog.storage.partition.PartitionRouter;
import dev.streamlog.storage.partition.RoutingTable;
import dev.streamlog.storage.replica.LeadershipChanges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the local logs in line with the cluster metadata: applies a {@link ReplicaPlanner}
 * plan with the {@link LogManager} (opening, re-configuring and deleting logs, storing each
 * log's topic id in its {@code partition.metadata} file), hands each replica's partition
 * state to {@link LeadershipChanges} (lead or follow), then publishes the routing table
 * requests are served from. Starts from the logs the manager found in the data dir. A step that
 * fails on the data dir itself takes it offline ({@link DataDir}).
 *
 * <p>Thread-safety: {@link #reconcile} must be called from one thread at a time (the metadata
 * watcher's); {@link #isReady()} and {@link #hostedCount()} may be called from any thread.
 */
@Component
public class ReplicaManager {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaManager.class);

    private final int nodeId;
    private final LogManager logManager;
    private final PartitionRouter router;
    private final LeadershipChanges changes;
    private final DataDir dataDir;
    private final Map<TopicPartition, HostedPartition> hosted = new HashMap<>();
    private final Map<TopicPartition, Optional<String>> topicIds = new HashMap<>();
    private volatile int hostedCount;
    private volatile boolean ready;

    public ReplicaManager(StorageProperties properties, LogManager logManager, PartitionRouter router,
                          LeadershipChanges changes, DataDir dataDir) {
        this.nodeId = properties.nodeId();
        this.logManager = logManager;
        this.router = router;
        this.changes = changes;
        this.dataDir = dataDir;
        for (PartitionLog log : logManager.logs()) {
            hosted.put(log.topicPartition(), new HostedPartition(nodeId, log));
            topicIds.put(log.topicPartition(), readTopicId(log));
        }
        hostedCount = hosted.size();
    }

    /**
     * Brings the local logs in line with {@code metadata} and publishes the routing table.
     *
     * @return false if some log could not be opened, written or deleted (logged; the caller
     *         retries later)
     */
    public boolean reconcile(ClusterMetadata metadata) {
        ReplicaPlan plan = ReplicaPlanner.plan(nodeId, metadata, Map.copyOf(topicIds));
        boolean complete = true;
        for (TopicPartition tp : plan.deletions()) {
            complete &= attempt("delete", tp, () -> delete(tp));
        }
        for (ReplicaPlan.Replica replica : plan.replicas()) {
            complete &= attempt("host", replica.topicPartition(), () -> host(replica));
        }
        for (ReplicaPlan.Replica replica : plan.replicas()) {
            complete &= attempt("lead-or-follow", replica.topicPartition(), () -> applyLeadership(replica, metadata));
        }
        hostedCount = hosted.size();
        router.publish(routingTable(metadata));
        ready = true;
        return complete;
    }

    /** Whether the metadata was applied at least once. */
    public boolean isReady() {
        return ready;
    }

    /** How many replicas this node holds. */
    public int hostedCount() {
        return hostedCount;
    }

    private boolean attempt(String action, TopicPartition tp, Runnable step) {
        try {
            step.run();
            return true;
        } catch (RuntimeException | InternalError e) {
            if (DataDir.isDirFailure(e)) {
                dataDir.failed(action + " " + tp, e);
                return true;
            }
            LOG.error("event=reconcile-step-failed action={} partition={}", action, tp, e);
            return false;
        }
    }

    private void applyLeadership(ReplicaPlan.Replica replica, ClusterMetadata metadata) {
        TopicPartition tp = replica.topicPartition();
        HostedPartition partition = hosted.get(tp);
        Optional<PartitionState> state = metadata.state(tp);
        if (partition != null && state.isPresent()) {
            List<Integer> replicas = metadata.topics().get(tp.topic()).replicas(tp.partition());
            changes.apply(partition, Leadership.of(state.get(), replicas, metadata.stateVersion(tp)));
        }
    }

    private void delete(TopicPartition tp) {
        changes.removed(tp);
        HostedPartition replica = hosted.get(tp);
        if (replica == null) {
            logManager.delete(tp);
        } else {
            replica.appendLock().lock();
            try {
                logManager.delete(tp);
            } finally {
                replica.appendLock().unlock();
            }
        }
        hosted.remove(tp);
        topicIds.remove(tp);
        LOG.info("event=replica-deleted partition={}", tp);
    }

    private void host(ReplicaPlan.Replica replica) {
        TopicPartition tp = replica.topicPartition();
        LogConfig config = logConfig(tp, replica.configs());
        HostedPartition current = hosted.get(tp);
        if (current == null) {
            current = new HostedPartition(nodeId, logManager.getOrCreate(tp, config));
            hosted.put(tp, current);
            topicIds.put(tp, Optional.empty());
            LOG.info("event=replica-created partition={} topicId={}", tp, replica.topicId());
        } else if (!current.log().config().equals(config)) {
            current.log().updateConfig(config);
            LOG.info("event=replica-config-updated partition={}", tp);
        }
        current.minInsyncReplicas(minInsyncReplicas(tp, replica.configs()));
        String topicId = replica.topicId();
        if (topicId != null && !Optional.of(topicId).equals(topicIds.get(tp))) {
            try {
                new PartitionMetadataFile(LogFiles.partitionMetadataFile(current.log().dir())).write(topicId);
            } catch (IOException e) {
                throw new UncheckedIOException("writing the topic id of " + tp + " failed", e);
            }
            topicIds.put(tp, Optional.of(topicId));
        }
    }

    private static int minInsyncReplicas(TopicPartition tp, Map<String, String> topicConfigs) {
        String value = TopicConfigs.effective(topicConfigs).get(TopicConfigs.MIN_INSYNC_REPLICAS);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            LOG.warn("event=topic-config-rejected partition={} config={} value={} using=1", tp,
                    TopicConfigs.MIN_INSYNC_REPLICAS, value);
            return 1;
        }
    }

    private LogConfig logConfig(TopicPartition tp, Map<String, String> topicConfigs) {
        try {
            return TopicLogConfigs.logConfig(LogConfig.defaults(), topicConfigs);
        } catch (InvalidConfigException e) {
            LOG.warn("event=topic-config-rejected partition={} error={} using=defaults", tp, e.getMessage());
            return LogConfig.defaults();
        }
    }

    private RoutingTable routingTable(ClusterMetadata metadata) {
        Map<String, RoutingTable.TopicRoute> topics = new HashMap<>();
        metadata.topics().forEach((topic, assignment) ->
                topics.put(topic, topicRoute(topic, assignment, metadata)));
        return new RoutingTable(nodeId, true, topics);
    }

    private RoutingTable.TopicRoute topicRoute(String topic, TopicAssignment assignment, ClusterMetadata metadata) {
        Map<Integer, RoutingTable.PartitionRoute> partitions = new HashMap<>();
        for (Map.Entry<String, List<Integer>> entry : assignment.partitions().entrySet()) {
            Integer partition = ClusterMetadataReader.partitionNumber(entry.getKey());
            if (partition == null) {
                continue;
            }
            TopicPartition tp = new TopicPartition(topic, partition);
            Optional<PartitionState> state = metadata.state(tp);
            int leader = state.map(PartitionState::leader).orElse(PartitionState.NO_LEADER);
            int epoch = state.map(PartitionState::leaderEpoch).orElse(0);
            partitions.put(partition, new RoutingTable.PartitionRoute(leader, epoch, hosted.get(tp)));
        }
        return new RoutingTable.TopicRoute(assignment.topicId(), partitions);
    }

    private static Optional<String> readTopicId(PartitionLog log) {
        try {
            return new PartitionMetadataFile(LogFiles.partitionMetadataFile(log.dir())).read();
        } catch (IOException e) {
            LOG.warn("event=topic-id-unreadable partition={} error={}", log.topicPartition(), e.toString());
            return Optional.empty();
        }
    }
}
