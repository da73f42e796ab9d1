package dev.streamlog.storage.partition;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.datadir.DataDir;
import org.springframework.stereotype.Component;

/**
 * Answers "which local replica serves this request?" from the latest {@link RoutingTable} and
 * the leadership the local replica knows (which a controller's push may have updated since the
 * table was built; the newer epoch wins), or says why none does (unknown topic or partition,
 * no leader, another leader, a data dir that went offline).
 *
 * <p>Thread-safe: the table is replaced whole (a volatile write) by the reconciler and read
 * without locks by request threads.
 */
@Component
public class PartitionRouter {

    private volatile RoutingTable table;
    private final DataDir dataDir;

    public PartitionRouter(StorageProperties properties, DataDir dataDir) {
        this.table = RoutingTable.notReady(properties.nodeId());
        this.dataDir = dataDir;
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
     *                                   leader, before the metadata was read, or while the data dir is offline
     * @throws NotLeaderException        if another broker leads the partition
     */
    public LeaderReplica leader(String topic, int partition) {
        if (dataDir.isOffline()) {
            throw new PartitionRoutingException(ErrorCode.UNAVAILABLE, dataDir.unavailable().getMessage());
        }
        RoutingTable current = table;
        TopicPartition tp = new TopicPartition(topic, partition);
        if (!current.ready()) {
            throw new PartitionRoutingException(ErrorCode.UNAVAILABLE,
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
        HostedPartition local = route.local();
        Leadership known = local == null ? null : local.leadership();
        int leaderId = known != null && known.leaderEpoch() >= route.leaderEpoch() ? known.leaderId() : route.leaderId();
        int leaderEpoch = Math.max(route.leaderEpoch(), known == null ? -1 : known.leaderEpoch());
        if (leaderId == PartitionState.NO_LEADER) {
            throw new PartitionRoutingException(ErrorCode.LEADER_NOT_AVAILABLE, "partition " + tp
                    + " has no leader (offline)");
        }
        if (leaderId != current.nodeId()) {
            throw new NotLeaderException(tp, leaderId);
        }
        if (local == null) {
            throw new PartitionRoutingException(ErrorCode.UNAVAILABLE, "this node leads " + tp
                    + " but does not hold a replica of it yet");
        }
        return new LeaderReplica(tp, local, leaderEpoch);
    }
}
