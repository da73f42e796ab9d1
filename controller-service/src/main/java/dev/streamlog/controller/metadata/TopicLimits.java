package dev.streamlog.controller.metadata;

/**
 * The defaults and bounds the topic commands apply. Immutable.
 *
 * @param defaultPartitions        partitions of a topic created without a count
 * @param defaultReplicationFactor replication factor of a topic created without one, or
 *                                 {@link #AUTOMATIC_REPLICATION_FACTOR} for min(3, live brokers), at least 1
 * @param maxPartitions            the most partitions a topic may have
 */
public record TopicLimits(int defaultPartitions, int defaultReplicationFactor, int maxPartitions) {

    /** The {@link #defaultReplicationFactor()} that means min(3, live brokers), at least 1. */
    public static final int AUTOMATIC_REPLICATION_FACTOR = 0;

    /** The replication factor the automatic default never goes past. */
    public static final int MAX_AUTOMATIC_REPLICATION_FACTOR = 3;

    public TopicLimits {
        if (maxPartitions < 1) {
            throw new IllegalArgumentException("max partitions must be at least 1, got " + maxPartitions);
        }
        if (defaultPartitions < 1 || defaultPartitions > maxPartitions) {
            throw new IllegalArgumentException("default partitions must be in [1, " + maxPartitions + "], got "
                    + defaultPartitions);
        }
        if (defaultReplicationFactor < AUTOMATIC_REPLICATION_FACTOR) {
            throw new IllegalArgumentException("default replication factor must be at least 1, or "
                    + AUTOMATIC_REPLICATION_FACTOR + " for automatic, got " + defaultReplicationFactor);
        }
    }

    /** The replication factor of a topic created without one while {@code liveBrokers} brokers are live. */
    public int defaultReplicationFactor(int liveBrokers) {
        if (defaultReplicationFactor != AUTOMATIC_REPLICATION_FACTOR) {
            return defaultReplicationFactor;
        }
        return Math.max(1, Math.min(MAX_AUTOMATIC_REPLICATION_FACTOR, liveBrokers));
    }
}
