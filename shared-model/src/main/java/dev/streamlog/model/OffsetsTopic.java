package dev.streamlog.model;

/**
 * The internal topic {@code __consumer_offsets}, where consumer coordinators keep committed offsets
 * and consumer instances, and which of its partitions holds a group: {@code hash(group) mod N}, with
 * Java's {@link String#hashCode()} (as Kafka does) and N the topic's partition count in the cluster
 * metadata. The gateway and the coordinators compute it the same way, so a gateway finds a group's
 * coordinator by the lease on that partition. Stateless and thread-safe.
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
