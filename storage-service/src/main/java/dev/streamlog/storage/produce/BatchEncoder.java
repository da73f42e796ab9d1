package dev.streamlog.storage.produce;

import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.storage.log.errors.InvalidArgumentException;
import dev.streamlog.storage.log.errors.RecordTooLargeException;
import dev.streamlog.storage.log.record.RecordBatchBuilder;
import dev.streamlog.storage.log.record.RecordHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes the records of one append request as record batches in the log's format, in order,
 * starting a new batch whenever the next record would take the current one past the topic's
 * {@code max.message.bytes}. Stateless and thread-safe.
 */
final class BatchEncoder {

    private BatchEncoder() {
    }

    /**
     * @param records       the records, in order; at least one
     * @param maxBatchBytes the largest batch the log accepts
     * @return the batches (unstamped: the log assigns offsets and the epoch)
     * @throws InvalidArgumentException if a record is null, has a negative timestamp or a header without a key
     * @throws RecordTooLargeException  if one record alone makes a batch larger than {@code maxBatchBytes}
     */
    static List<ByteBuffer> encode(List<AppendRecord> records, int maxBatchBytes) {
        if (records == null || records.isEmpty()) {
            throw new InvalidArgumentException("an append needs at least one record");
        }
        List<ByteBuffer> batches = new ArrayList<>();
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < records.size(); i++) {
            AppendRecord record = records.get(i);
            if (record == null) {
                throw new InvalidArgumentException("record " + i + " is null");
            }
            if (record.timestamp() < 0) {
                throw new InvalidArgumentException("record " + i + " has a negative timestamp " + record.timestamp());
            }
            ByteBuffer key = wrap(record.key());
            ByteBuffer value = wrap(record.value());
            List<RecordHeader> headers = headers(record, i);
            if (builder.recordCount() > 0
                    && builder.sizeInBytesWith(record.timestamp(), key, value, headers) > maxBatchBytes) {
                batches.add(builder.build());
                builder = new RecordBatchBuilder();
            }
            builder.append(record.timestamp(), key, value, headers);
            if (builder.sizeInBytes() > maxBatchBytes) {
                throw new RecordTooLargeException(builder.sizeInBytes(), maxBatchBytes);
            }
        }
        batches.add(builder.build());
        return batches;
    }

    private static List<RecordHeader> headers(AppendRecord record, int index) {
        if (record.headers() == null) {
            return List.of();
        }
        List<RecordHeader> headers = new ArrayList<>(record.headers().size());
        for (dev.streamlog.model.RecordHeader header : record.headers()) {
            if (header == null || header.key() == null) {
                throw new InvalidArgumentException("record " + index + " has a header without a key");
            }
            headers.add(RecordHeader.of(header.key(), header.value()));
        }
        return headers;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
