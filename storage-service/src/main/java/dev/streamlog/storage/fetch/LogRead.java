package dev.streamlog.storage.fetch;

import dev.streamlog.model.batch.RecordDecoder;
import dev.streamlog.model.internal.ReadResponse;
import java.nio.ByteBuffer;

/**
 * One read of a partition as the log served it: whole record batches as they lie in the log, from the one
 * holding {@code offset}, none reaching the high watermark, at most about {@code maxBytes} (the first batch
 * whole); and the offsets a reader needs with them. The services take the batches as they are; tools get
 * {@link #decoded()}. Immutable (the buffer is not changed by anyone once made); thread-safe.
 *
 * @param highWatermark  the partition's high watermark when the read was served
 * @param logStartOffset its first offset still held
 * @param batches        the batches back to back, position 0 (empty when there was nothing to read)
 * @param offset         the first offset the reader asked for (the first batch may start before it)
 * @param maxBytes       the reader's record data budget
 */
public record LogRead(long highWatermark, long logStartOffset, ByteBuffer batches, long offset, int maxBytes) {

    /** The records the reader asked for, decoded: from {@code offset}, below the high watermark, within the budget. */
    public ReadResponse decoded() {
        return new ReadResponse(highWatermark, logStartOffset,
                RecordDecoder.decode(batches.duplicate(), offset, highWatermark, maxBytes));
    }
}
