package dev.streamlog.controller.placement;

import java.util.OptionalInt;

/**
 * What to place. Immutable.
 *
 * @param startPartition    number of the first partition to place (the current count when adding partitions)
 * @param numPartitions     how many partitions to place
 * @param replicationFactor replicas per partition
 * @param startIndex        index into the broker list where the first replica of partition 0 would go, and
 *                          the initial follower shift; empty to let the placer choose at random
 */
public record PlacementSpec(int startPartition, int numPartitions, int replicationFactor, OptionalInt startIndex) {

    public PlacementSpec {
        if (startPartition < 0 || numPartitions < 0 || replicationFactor < 1) {
            throw new IllegalArgumentException("bad placement spec: start " + startPartition + ", partitions "
                    + numPartitions + ", replication factor " + replicationFactor);
        }
    }
}
