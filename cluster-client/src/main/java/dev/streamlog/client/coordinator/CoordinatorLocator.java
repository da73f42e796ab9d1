package dev.streamlog.client.coordinator;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the consumer coordinator of a group: the holder of the lease on the group's partition of
 * {@code __consumer_offsets} ({@link dev.streamlog.model.OffsetsTopic#partitionFor}). The production
 * implementation is {@link ZkCoordinatorLocator}. Implementations are thread-safe.
 */
public interface CoordinatorLocator {

    /**
     * The coordinator's base URL as last seen (no remote call); empty when the topic does not exist
     * yet or no coordinator holds the lease.
     *
     * @throws dev.streamlog.client.metadata.MetadataUnavailableException before the metadata is loaded
     */
    Optional<String> coordinatorOf(String group);

    /**
     * The coordinator read straight from ZooKeeper, for a retry after the cached one refused or
     * failed; completes empty when no one holds the lease; fails when ZooKeeper cannot be read in time.
     */
    CompletableFuture<Optional<String>> freshCoordinatorOf(String group);

    /** Every live coordinator's base URL as last seen, sorted. */
    List<String> coordinators();
}
