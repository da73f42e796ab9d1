package dev.streamlog.controller.metadata;

import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.PartitionState;
import java.util.ArrayList;
import java.util.List;

/**
 * A partition state the controller has just written (created or replaced), as storage nodes need
 * to hear of it: the replicas in assignment order, the state and the state znode's version after
 * the write (0 after a create, the expected version plus one after a version-checked set).
 * Immutable.
 *
 * @param topic     the topic
 * @param partition the partition number
 * @param replicas  broker ids of its replicas, preferred leader first
 * @param state     the state as written
 * @param zkVersion the version of {@code /brokers/topics/{t}/partitions/{p}/state} after the write
 */
public record PartitionChange(String topic, int partition, List<Integer> replicas, PartitionState state,
                              int zkVersion) {

    private static final String TOPIC_PREFIX = ZkPaths.TOPICS + "/";
    private static final String STATE_SUFFIX = "/state";
    private static final ZnodeCodec CODEC = new ZnodeCodec();

    public PartitionChange {
        replicas = List.copyOf(replicas);
    }

    /**
     * The partition states among persisted writes, in write order.
     *
     * @param writes the writes, as persisted
     * @param after  the image with the writes replayed (for replica lists, and versions of unchecked sets)
     */
    public static List<PartitionChange> fromWrites(List<ZkWrite> writes, ClusterImage after) {
        List<PartitionChange> changes = new ArrayList<>();
        for (ZkWrite write : writes) {
            String path = write.path();
            if (!path.startsWith(TOPIC_PREFIX) || !path.endsWith(STATE_SUFFIX)) {
                continue;
            }
            String[] parts = path.substring(TOPIC_PREFIX.length()).split("/");
            if (parts.length != 4) {
                continue;
            }
            String topic = parts[0];
            int partition = Integer.parseInt(parts[2]);
            TopicImage image = after.topics().get(topic);
            List<Integer> replicas = image == null ? List.of() : image.assignment().replicas(partition);
            if (write instanceof ZkWrite.Create create) {
                changes.add(new PartitionChange(topic, partition, replicas, CODEC.readState(create.data()), 0));
            } else if (write instanceof ZkWrite.SetData set) {
                int version = set.expectedVersion() != ZkWrite.ANY_VERSION ? set.expectedVersion() + 1
                        : image == null ? 0 : image.partitions().getOrDefault(partition, PartitionImage.WITHOUT_STATE)
                        .stateVersion();
                changes.add(new PartitionChange(topic, partition, replicas, CODEC.readState(set.data()), version));
            }
        }
        return changes;
    }
}
