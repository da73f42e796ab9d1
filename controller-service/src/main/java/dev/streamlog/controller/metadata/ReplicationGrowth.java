package dev.streamlog.controller.metadata;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicNames;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raises the replication factor of an internal topic, for the service that owns it: the consumer coordinator grows
 * a {@code __consumer_offsets} created with fewer replicas than it should have (a cluster that started with fewer
 * storage nodes, or an older build that lowered the factor). Every partition with fewer replicas than asked gets
 * live brokers it does not have yet, the least loaded within the topic first; its leader and ISR stay, and its
 * leader epoch goes up by one (as Kafka's reassignment does), so the leader and every replica take the new replica
 * list: the new replicas follow from the start of the log and the leader adds them to the ISR once they caught up.
 * Grown to 3 or more, a topic without {@code min.insync.replicas} gets 2, as a topic created so large does.
 * The topic znode and each grown partition's state znode are written version-checked; a partition already as large
 * stays as it is, and so does a topic that needs nothing (no writes). Stateless and thread-safe.
 */
public final class ReplicationGrowth {

    private static final ZnodeCodec CODEC = new ZnodeCodec();

    private ReplicationGrowth() {
    }

    /**
     * Grows {@code name} to {@code replicationFactor} replicas per partition.
     *
     * @throws AdminException 40001 for a name that is not internal, 40401 for an unknown topic, 40002 for a factor
     *                        below 1 or above the live brokers
     */
    public static ControllerResult<TopicImage> grow(ClusterImage image, String name, int replicationFactor) {
        if (!TopicNames.isInternal(name)) {
            throw new AdminException(ErrorCode.BAD_REQUEST, "'" + name + "' is not an internal topic: only a service's"
                    + " internal topic is grown this way");
        }
        TopicImage topic = TopicCommands.describe(image, name);
        List<Integer> live = new ArrayList<>(image.brokers().keySet());
        if (replicationFactor < 1 || replicationFactor > live.size()) {
            throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG, "replication_factor must be between 1 and the "
                    + live.size() + " live brokers, got " + replicationFactor);
        }
        Map<Integer, Integer> load = new HashMap<>();
        topic.assignment().partitions().values().forEach(replicas -> replicas.forEach(id -> load.merge(id, 1, Integer::sum)));
        Map<String, List<Integer>> assignment = new HashMap<>(topic.assignment().partitions());
        List<ZkWrite> stateWrites = new ArrayList<>();
        for (int partition = 0; partition < topic.partitionCount(); partition++) {
            List<Integer> replicas = new ArrayList<>(topic.assignment().replicas(partition));
            if (replicas.size() >= replicationFactor) {
                continue;
            }
            int offset = partition;
            while (replicas.size() < replicationFactor) {
                int added = live.stream().filter(id -> !replicas.contains(id))
                        .min(Comparator.<Integer>comparingInt(id -> load.getOrDefault(id, 0))
                                .thenComparingInt(id -> Math.floorMod(id - offset, live.size() + 1)))
                        .orElseThrow();
                replicas.add(added);
                load.merge(added, 1, Integer::sum);
            }
            assignment.put(Integer.toString(partition), List.copyOf(replicas));
            PartitionImage current = topic.partitions().get(partition);
            if (current != null && current.hasState()) {
                PartitionState state = current.state();
                stateWrites.add(new ZkWrite.SetData(ZkPaths.partitionState(name, partition), CODEC.writeState(
                        new PartitionState(state.leader(), state.leaderEpoch() + 1, state.isr(), image.controllerEpoch())),
                        current.stateVersion()));
            }
        }
        if (assignment.equals(topic.assignment().partitions())) {
            return ControllerResult.of(topic);
        }
        Map<String, String> configs = new HashMap<>(topic.configs());
        if (replicationFactor >= TopicCommands.REPLICATION_FACTOR_WITH_TWO_IN_SYNC) {
            configs.putIfAbsent(TopicConfigs.MIN_INSYNC_REPLICAS, "2");
        }
        List<ZkWrite> writes = new ArrayList<>(1 + stateWrites.size());
        writes.add(new ZkWrite.SetData(ZkPaths.topic(name), CODEC.writeAssignment(new TopicAssignment(
                topic.assignment().topicId(), assignment, configs)), topic.version()));
        writes.addAll(stateWrites);
        return new ControllerResult<>(writes, image.replay(writes).topics().get(name));
    }
}
