package dev.streamlog.controller.metadata;

/**
 * The defaults and bounds the topic commands apply. Immutable.
 *
 * @param defaultPartitions        partitions of a topic created without a count
 * @param defaultReplicationFactor replication factor of a topic created without one
 * @param maxPartitions            the most partitions a topic may have
 */
public record TopicLimits(int defaultPartitions, int defaultReplicationFactor, int maxPartitions) {

    public TopicLimits {
        if (maxPartitions < 1) {
            throw new IllegalArgumentException("max partitions must be at least 1, got " + maxPartitions);
        }
        if (defaultPartitions < 1 || defaultPartitions > maxPartitions) {
            throw new IllegalArgumentException("default partitions must be in [1, " + maxPartitions + "], got "
                    + defaultPartitions);
        }
        if (defaultReplicationFactor < 1) {
            throw new IllegalArgumentException("default replication factor must be at least 1, got "
                    + defaultReplicationFactor);
        }
    }
}
