package dev.streamlog.controller.placement;

import java.util.List;

/**
 * Chooses the brokers of new partitions' replicas (Kafka's {@code ReplicaPlacer}). The first
 * broker of each list is the partition's preferred leader. Implementations are thread-safe.
 */
public interface ReplicaPlacer {

    /**
     * @param spec    what to place
     * @param brokers the live brokers, sorted by id, at least {@code spec.replicationFactor()} of them
     * @return one replica list per partition, for partitions {@code startPartition} onwards, each with
     *         {@code replicationFactor} distinct broker ids
     * @throws IllegalArgumentException when there are fewer brokers than the replication factor
     */
    List<List<Integer>> place(PlacementSpec spec, List<PlacementBroker> brokers);
}
