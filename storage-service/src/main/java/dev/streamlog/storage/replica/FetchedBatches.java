package dev.streamlog.storage.replica;

import java.nio.ByteBuffer;

/**
 * What a leader answers for one partition of a follower's fetch: raw record batches, byte for byte as in the
 * leader's log, and the leader's offsets. Immutable by convention (the buffer is shared, not copied; neither side
 * changes it).
 *
 * @param highWatermark  the leader's high watermark
 * @param logStartOffset the leader's log start offset
 * @param logEndOffset   the leader's log end offset
 * @param batches        whole batches from the fetch offset on (empty when there is nothing new), from its position
 *                       to its limit
 */
public record FetchedBatches(long highWatermark, long logStartOffset, long logEndOffset, ByteBuffer batches) {
}
