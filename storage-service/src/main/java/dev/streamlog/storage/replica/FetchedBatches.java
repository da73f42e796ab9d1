package dev.streamlog.storage.replica;

import dev.streamlog.model.internal.ReadResponse;

/**
 * A leader's answer to a follower fetch: raw record batches, byte for byte as in the leader's
 * log, and the leader's offsets. On the wire the batches are the body
 * ({@code application/octet-stream}) and the offsets are the headers named here. Immutable
 * (the array is not copied; neither side changes it).
 *
 * @param highWatermark  the leader's high watermark
 * @param logStartOffset the leader's log start offset
 * @param logEndOffset   the leader's log end offset
 * @param batches        whole batches from the fetch offset on (empty when there is nothing new)
 */
public record FetchedBatches(long highWatermark, long logStartOffset, long logEndOffset, byte[] batches) {

    public static final String HIGH_WATERMARK_HEADER = ReadResponse.HIGH_WATERMARK_HEADER;
    public static final String LOG_START_OFFSET_HEADER = ReadResponse.LOG_START_OFFSET_HEADER;
    public static final String LOG_END_OFFSET_HEADER = "Streamlog-Log-End-Offset";
}
