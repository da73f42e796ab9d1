package dev.streamlog.client.metadata;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One topic as last seen in ZooKeeper: its assignment (partitions, replicas, config overrides) and
 * the state (leader, epoch, ISR) of each partition that has one. Immutable and thread-safe.
 *
 * @param name       the topic name
 * @param assignment its {@code /brokers/topics/{t}} znode
 * @param states     partition number → its {@code …/partitions/{p}/state} znode; a partition without one is offline
 */
public record TopicView(String name, TopicAssignment assignment, Map<Integer, PartitionState> states) {

    public TopicView {
        states = Collections.unmodifiableMap(new TreeMap<>(states));
    }

    /** How many partitions the topic has, numbered from 0. */
    public int partitionCount() {
        return assignment.partitionCount();
    }

    /** Whether {@code partition} is one of the topic's partitions. */
    public boolean hasPartition(int partition) {
        return partition >= 0 && partition < partitionCount();
    }

    /** Whether every partition has a state: false for a moment after the topic (or a partition) was created. */
    public boolean isComplete() {
        for (int p = 0; p < partitionCount(); p++) {
            if (!states.containsKey(p)) {
                return false;
            }
        }
        return true;
    }

    /** The state of one partition, if it has one. */
    public Optional<PartitionState> state(int partition) {
        return Optional.ofNullable(states.get(partition));
    }

    /** The topic's {@code max.message.bytes}: its override, else the platform default. */
    public int maxMessageBytes() {
        String value = assignment.configs().get(TopicConfigs.MAX_MESSAGE_BYTES);
        if (value != null) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                // The controller validates configs; an unreadable override falls back to the default.
            }
        }
        return Integer.parseInt(TopicConfigs.defaultValue(TopicConfigs.MAX_MESSAGE_BYTES).orElseThrow());
    }
}
