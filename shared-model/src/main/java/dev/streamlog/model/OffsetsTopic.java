package dev.streamlog.model;

/**
 * The internal topic {@code __consumer_offsets}, where consumer coordinators keep committed offsets
 * and consumer instances, and which of its partitions holds a group: Java's
 * {@link String#hashCode()} of the group id modulo N as a non-negative number (Kafka masks the sign
 * bit instead, so the two differ for some groups when N is not a power of two), N being the topic's
 * partition count in the cluster metadata. The gateway and the coordinators compute it the same
 * way, so a gateway finds a group's coordinator by the lease on that partition. Stateless and
 * thread-safe.
 */
public final class OffsetsTopic {

    /** The topic's name. */
    public static final String NAME = "__consumer_offsets";

    private OffsetsTopic() {
    }

    /** The partition of {@code __consumer_offsets} (with {@code partitions} partitions) that holds {@code group}. */
    public static int partitionFor(String group, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        return Math.floorMod(group.hashCode(), partitions);
    }
}
