package dev.streamlog.storage.partition;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.storage.config.StorageProperties;
import org.springframework.stereotype.Component;

/**
 * Answers "which local replica serves this request?" from the latest {@link RoutingTable}, or
 * says why none does (unknown topic or partition, no leader, another leader).
 *
 * <p>Thread-safe: the table is replaced whole (a volatile write) by the reconciler and read
 * without locks by request threads.
 */
@Component
public class PartitionRouter {

    private volatile RoutingTable table;

    public PartitionRouter(StorageProperties properties) {
        this.table = RoutingTable.notReady(properties.nodeId());
    }

    /** Makes {@code next} the table requests are served from. */
    public void publish(RoutingTable next) {
        this.table = next;
    }

    /** The table requests are served from now. */
    public RoutingTable table() {
        return table;
    }

    /**
     * The replica serving reads and appends of the partition, which this node must lead.
     *
     * @throws PartitionRoutingException for an unknown topic or partition, a partition with no
     *                                   leader, or before the metadata was read
     * @throws NotLeaderException        if another broker leads the partition
     */
    public LeaderReplica leader(String topic, int partition) {
        RoutingTable current = table;
        TopicPartition tp = new TopicPartition(topic, partition);
        if (!current.ready()) {
            throw new PartitionRoutingException(ErrorCode.RETRIABLE,
                    "this storage node has not loaded the cluster metadata yet");
        }
        RoutingTable.TopicRoute topicRoute = current.topics().get(topic);
        if (topicRoute == null) {
            throw new PartitionRoutingException(ErrorCode.TOPIC_NOT_FOUND, "topic '" + topic + "' not found");
        }
        RoutingTable.PartitionRoute route = topicRoute.partitions().get(partition);
        if (route == null) {
            throw new PartitionRoutingException(ErrorCode.PARTITION_NOT_FOUND, "partition " + partition
                    + " of topic '" + topic + "' not found; it has " + topicRoute.partitions().size() + " partitions");
        }
        if (route.leaderId() == PartitionState.NO_LEADER) {
            throw new PartitionRoutingException(ErrorCode.LEADER_NOT_AVAILABLE, "partition " + tp
                    + " has no leader (offline)");
        }
        if (route.leaderId() != current.nodeId()) {
            throw new NotLeaderException(tp, route.leaderId());
        }
        if (route.local() == null) {
            throw new PartitionRoutingException(ErrorCode.RETRIABLE, "this node leads " + tp
                    + " but does not hold a replica of it yet");
        }
        return new LeaderReplica(tp, route.local(), route.leaderEpoch());
    }
}
