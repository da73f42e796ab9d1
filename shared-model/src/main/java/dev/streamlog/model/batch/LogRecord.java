package dev.streamlog.model.batch;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One record as decoded from a batch: its absolute offset and timestamp, nullable key and
 * value, and headers. Key and value are read-only views into the batch buffer (no copy), so
 * they stay valid as long as that buffer is not reused.
 *
 * @param offset    absolute offset in the partition
 * @param timestamp create time, epoch milliseconds
 * @param key       the key, or {@code null}
 * @param value     the value, or {@code null}
 * @param headers   the headers, possibly empty
 */
public record LogRecord(long offset, long timestamp, ByteBuffer key, ByteBuffer value, List<RecordHeader> headers) {

    public LogRecord {
        headers = List.copyOf(headers);
    }
}
