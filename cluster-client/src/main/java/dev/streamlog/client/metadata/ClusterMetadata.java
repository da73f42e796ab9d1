package dev.streamlog.client.metadata;

import dev.streamlog.model.cluster.PartitionState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where a service's picture of the cluster comes from. The production implementation is
 * {@link ZkMetadataCache}; tests pass a fixed snapshot. Implementations are thread-safe.
 */
public interface ClusterMetadata {

    /**
     * The latest snapshot.
     *
     * @throws MetadataUnavailableException while the first snapshot is not loaded yet
     */
    ClusterSnapshot snapshot();

    /**
     * Reads one partition's state straight from ZooKeeper, bypassing the cache: used after a storage node said it
     * does not lead the partition. Completes empty when the partition has no state; fails at once when ZooKeeper is
     * not connected, and on a ZooKeeper error or after the storage timeout.
     */
    CompletableFuture<Optional<PartitionState>> freshPartitionState(String topic, int partition);
}
