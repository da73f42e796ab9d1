package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import java.nio.ByteBuffer;

/**
 * One partition's part of the answer to a {@link ReplicaFetchRequest}: the batches and offsets, or the error a
 * single-partition request would have been answered with (its HTTP status and message: another leader epoch, an
 * offset out of range, no longer the leader). Immutable.
 *
 * @param partition the partition
 * @param status    200, or the error's HTTP status
 * @param error     the error's message; empty for 200
 * @param fetched   the batches and offsets; for an error, no batches and offsets of -1
 */
public record PartitionFetch(TopicPartition partition, int status, String error, FetchedBatches fetched) {

    private static final FetchedBatches NOTHING = new FetchedBatches(-1, -1, -1, ByteBuffer.allocate(0));

    /** The batches and offsets of {@code partition}. */
    public static PartitionFetch of(TopicPartition partition, FetchedBatches fetched) {
        return new PartitionFetch(partition, 200, "", fetched);
    }

    /** The error {@code partition} is answered with. */
    public static PartitionFetch failed(TopicPartition partition, int status, String error) {
        return new PartitionFetch(partition, status, error, NOTHING);
    }

    /** Whether this is an error. */
    public boolean isError() {
        return status != 200;
    }
}
