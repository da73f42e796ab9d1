package dev.streamlog.storage.cluster;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topic metadata read from ZooKeeper at one moment: every topic's assignment and every
 * partition's state. Immutable.
 *
 * @param topicsRootPresent whether {@code /brokers/topics} exists; without it nothing is
 *                          known, so no local log is deleted (an empty or wrong chroot must
 *                          never wipe a node's data)
 * @param topics            topic name to assignment, for every topic whose znode parsed
 * @param states            partition states that exist and parsed
 * @param unreadableTopics  topics whose znode exists but is empty or does not parse: not
 *                          served, and their local logs are kept
 */
public record ClusterMetadata(boolean topicsRootPresent, Map<String, TopicAssignment> topics,
                              Map<TopicPartition, PartitionState> states, Set<String> unreadableTopics) {

    public ClusterMetadata {
        topics = Map.copyOf(topics);
        states = Map.copyOf(states);
        unreadableTopics = Set.copyOf(unreadableTopics);
    }

    /** The state of a partition, if it has one. */
    public Optional<PartitionState> state(TopicPartition tp) {
        return Optional.ofNullable(states.get(tp));
    }
}
