package dev.streamlog.client.metadata;

import dev.streamlog.model.cluster.PartitionState;
import java.time.Duration;
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

    /**
     * The topic once the snapshot shows it with at least {@code minPartitions} partitions, each with a state: for
     * a topic that was just created (or grown), which the cache may show a few milliseconds late. When the
     * snapshot does not show it so yet, ZooKeeper is asked whether the topic exists; if it does, the snapshot is
     * watched for at most {@code max}. Completes with what the snapshot shows then (empty for a topic that does
     * not exist, possibly incomplete after {@code max}); never fails. This default, for snapshots that are
     * always current, answers the snapshot at once.
     */
    default CompletableFuture<Optional<TopicView>> awaitTopic(String topic, int minPartitions, Duration max) {
        return CompletableFuture.completedFuture(snapshot().topic(topic));
    }
}
