package dev.streamlog.storage.fetch;

import dev.streamlog.model.RecordHeader;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.storage.log.errors.CorruptRecordException;
import dev.streamlog.storage.log.record.LogRecord;
import dev.streamlog.storage.log.record.RecordBatch;
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
final class RecordDecoder {

    private RecordDecoder() {
    }

    /**
     * @param batches    whole record batches back to back (position to limit)
     * @param fromOffset first offset wanted
     * @param endOffset  first offset not to return (the high watermark)
     * @param maxBytes   record data budget; the first record is returned even if larger
     * @throws CorruptRecordException if the bytes are not whole batches
     */
    static List<StoredRecord> decode(ByteBuffer batches, long fromOffset, long endOffset, int maxBytes) {
        List<StoredRecord> records = new ArrayList<>();
        ByteBuffer all = batches.slice();
        long bytes = 0;
        int position = 0;
        while (position < all.limit()) {
            if (all.limit() - position < RecordBatch.LOG_OVERHEAD) {
                throw new CorruptRecordException("read ended inside a batch header at byte " + position);
            }
            long size = RecordBatch.LOG_OVERHEAD + (long) all.getInt(position + RecordBatch.LENGTH_OFFSET);
            if (size < RecordBatch.HEADER_SIZE || size > all.limit() - position) {
                throw new CorruptRecordException("batch at byte " + position + " declares " + size
                        + " bytes; " + (all.limit() - position) + " are left");
            }
            for (LogRecord record : RecordBatch.of(all.slice(position, (int) size)).records()) {
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
            position += (int) size;
        }
        return records;
    }

    private static long dataSize(LogRecord record) {
        long size = sizeOf(record.key()) + sizeOf(record.value());
        for (dev.streamlog.storage.log.record.RecordHeader header : record.headers()) {
            size += header.key().length() + sizeOf(header.value());
        }
        return size;
    }

    private static StoredRecord toStored(LogRecord record) {
        List<RecordHeader> headers = new ArrayList<>(record.headers().size());
        for (dev.streamlog.storage.log.record.RecordHeader header : record.headers()) {
            headers.add(new RecordHeader(header.key(), bytes(header.value())));
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
