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
 * @param stateVersions     each state znode's version (0 when not given)
 * @param unreadableTopics  topics whose znode exists but is empty or does not parse: not
 *                          served, and their local logs are kept
 */
public record ClusterMetadata(boolean topicsRootPresent, Map<String, TopicAssignment> topics,
                              Map<TopicPartition, PartitionState> states, Map<TopicPartition, Integer> stateVersions,
                              Set<String> unreadableTopics) {

    public ClusterMetadata {
        topics = Map.copyOf(topics);
        states = Map.copyOf(states);
        stateVersions = Map.copyOf(stateVersions);
        unreadableTopics = Set.copyOf(unreadableTopics);
    }

    /** Metadata whose state znodes are all at version 0 (as created). */
    public ClusterMetadata(boolean topicsRootPresent, Map<String, TopicAssignment> topics,
                           Map<TopicPartition, PartitionState> states, Set<String> unreadableTopics) {
        this(topicsRootPresent, topics, states, Map.of(), unreadableTopics);
    }

    /** The version of a partition's state znode (0 when not known). */
    public int stateVersion(TopicPartition tp) {
        return stateVersions.getOrDefault(tp, 0);
    }

    /** The state of a partition, if it has one. */
    public Optional<PartitionState> state(TopicPartition tp) {
        return Optional.ofNullable(states.get(tp));
    }
}
