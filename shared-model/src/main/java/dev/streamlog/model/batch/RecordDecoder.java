package dev.streamlog.model.batch;

import dev.streamlog.model.internal.StoredRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the whole batches of a log read into the records a reader asked for: skips the records
 * of the first batch below the requested offset (a read starts at the batch holding it), stops
 * at the high watermark, and stops before {@code maxBytes} of record data (key, value and
 * header bytes) would be exceeded, but always returns at least one record when there is one.
 * Stateless and thread-safe.
 */
public final class RecordDecoder {

    private RecordDecoder() {
    }

    /**
     * @param batches    whole record batches back to back (position to limit)
     * @param fromOffset first offset wanted
     * @param endOffset  first offset not to return (the high watermark)
     * @param maxBytes   record data budget; the first record is returned even if larger
     * @throws CorruptBatchException if the bytes are not whole batches
     */
    public static List<StoredRecord> decode(ByteBuffer batches, long fromOffset, long endOffset, int maxBytes) {
        List<StoredRecord> records = new ArrayList<>();
        if (!batches.hasRemaining()) {
            return records;
        }
        long bytes = 0;
        for (ByteBuffer batch : RecordBatches.split(batches)) {
            for (LogRecord record : RecordBatch.of(batch).records()) {
                if (record.offset() < fromOffset) {
                    continue;
                }
                if (record.offset() >= endOffset) {
                    return records;
                }
                long recordBytes = dataSize(record);
                if (!records.isEmpty() && bytes + recordBytes > maxBytes) {
                    return records;
                }
                records.add(toStored(record));
                bytes += recordBytes;
            }
        }
        return records;
    }

    private static long dataSize(LogRecord record) {
        long size = sizeOf(record.key()) + sizeOf(record.value());
        for (RecordHeader header : record.headers()) {
            size += header.key().length() + sizeOf(header.value());
        }
        return size;
    }

    private static StoredRecord toStored(LogRecord record) {
        List<dev.streamlog.model.RecordHeader> headers = new ArrayList<>(record.headers().size());
        for (RecordHeader header : record.headers()) {
            headers.add(new dev.streamlog.model.RecordHeader(header.key(), bytes(header.value())));
        }
        return new StoredRecord(record.offset(), record.timestamp(), bytes(record.key()), bytes(record.value()),
                headers);
    }

    private static int sizeOf(ByteBuffer buffer) {
        return buffer == null ? 0 : buffer.remaining();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
