package dev.streamlog.storage.cluster;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides how the local logs must change to match the metadata (a pure function, so it is
 * tested without ZooKeeper or disks):
 * <ul>
 *   <li>every partition whose replica list names this node is hosted;</li>
 *   <li>a local log whose stored topic id differs from the topic's id is deleted and
 *       re-created (the topic was deleted and re-created under the same name);</li>
 *   <li>a local log of a topic that no longer exists, or of a partition no longer assigned
 *       here, is deleted, unless the topic's znode is unreadable or {@code /brokers/topics}
 *       itself is missing (then nothing is deleted).</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class ReplicaPlanner {

    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private ReplicaPlanner() {
    }

    /**
     * @param nodeId   this node's broker id
     * @param metadata what ZooKeeper holds (read after the cache initialised)
     * @param local    every local log with the topic id stored in it (empty when it has none)
     */
    static ReplicaPlan plan(int nodeId, ClusterMetadata metadata, Map<TopicPartition, Optional<String>> local) {
        Set<TopicPartition> deletions = new TreeSet<>(ORDER);
        List<ReplicaPlan.Replica> replicas = new ArrayList<>();
        Set<TopicPartition> assigned = new TreeSet<>(ORDER);
        metadata.topics().forEach((topic, assignment) -> {
            for (Map.Entry<String, List<Integer>> entry : assignment.partitions().entrySet()) {
                Integer partition = ClusterMetadataReader.partitionNumber(entry.getKey());
                if (partition == null || entry.getValue() == null || !entry.getValue().contains(nodeId)) {
                    continue;
                }
                TopicPartition tp = new TopicPartition(topic, partition);
                assigned.add(tp);
                replicas.add(new ReplicaPlan.Replica(tp, assignment.topicId(), assignment.configs()));
                if (belongsToAnotherTopic(local.get(tp), assignment)) {
                    deletions.add(tp);
                }
            }
        });
        if (metadata.topicsRootPresent()) {
            for (TopicPartition tp : local.keySet()) {
                if (!assigned.contains(tp) && !metadata.unreadableTopics().contains(tp.topic())) {
                    deletions.add(tp);
                }
            }
        }
        replicas.sort(Comparator.comparing(ReplicaPlan.Replica::topicPartition, ORDER));
        return new ReplicaPlan(new ArrayList<>(deletions), replicas);
    }

    /** Whether the local log holds another topic's id than the assignment's. */
    private static boolean belongsToAnotherTopic(Optional<String> storedId, TopicAssignment assignment) {
        return storedId != null && storedId.isPresent() && assignment.topicId() != null
                && !storedId.get().equals(assignment.topicId());
    }
}
