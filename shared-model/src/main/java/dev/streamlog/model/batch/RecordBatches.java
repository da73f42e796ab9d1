package dev.streamlog.model.batch;

import dev.streamlog.model.internal.AppendRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an internal append, media type {@value #MEDIA_TYPE}: one or more record batches in the log's
 * format ({@link RecordBatchBuilder}), back to back, each framed by its own length field. The sender encodes the
 * records once, here; the partition leader checks the batches, stamps offsets and its epoch into them and writes
 * them as they came, so records are not re-encoded between the gateway (or coordinator) and the log.
 *
 * <p>Immutable once encoded (the array is not copied: callers must not change it); thread-safe.
 */
public final class RecordBatches {

    /** Media type of an internal append body of batches. */
    public static final String MEDIA_TYPE = "application/vnd.streamlog.batches.v1";

    /** The most a record's length, attributes, deltas, key and value lengths and header count take. */
    private static final int RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 5 + 5 + 5;

    private final byte[] bytes;
    private final int recordCount;

    private RecordBatches(byte[] bytes, int recordCount) {
        this.bytes = bytes;
        this.recordCount = recordCount;
    }

    /**
     * Encodes {@code records}, in order, as batches no larger than {@code maxBatchBytes}: a new batch starts
     * whenever the next record would take the current one past the limit.
     *
     * @throws IllegalArgumentException if there are no records, or one is null, has a negative timestamp or a
     *                                  header without a key
     * @throws BatchTooLargeException   if one record alone makes a batch larger than {@code maxBatchBytes}
     */
    public static RecordBatches encode(List<AppendRecord> records, int maxBatchBytes) {
        if (records == null || records.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one record");
        }
        List<ByteBuffer> batches = new ArrayList<>();
        long unwritten = estimatedSize(records);
        RecordBatchBuilder builder = new RecordBatchBuilder(capacity(unwritten, maxBatchBytes));
        int total = 0;
        for (int i = 0; i < records.size(); i++) {
            AppendRecord record = records.get(i);
            if (record == null) {
                throw new IllegalArgumentException("record " + i + " is null");
            }
            if (record.timestamp() < 0) {
                throw new IllegalArgumentException("record " + i + " has a negative timestamp " + record.timestamp());
            }
            ByteBuffer key = wrap(record.key());
            ByteBuffer value = wrap(record.value());
            List<RecordHeader> headers = headers(record, i);
            if (builder.recordCount() > 0
                    && builder.sizeInBytesWith(record.timestamp(), key, value, headers) > maxBatchBytes) {
                int written = add(batches, builder);
                total += written;
                unwritten -= written;
                builder = new RecordBatchBuilder(capacity(unwritten, maxBatchBytes));
            }
            builder.append(record.timestamp(), key, value, headers);
            if (builder.sizeInBytes() > maxBatchBytes) {
                throw new BatchTooLargeException(i, builder.sizeInBytes(), maxBatchBytes);
            }
        }
        total += add(batches, builder);
        byte[] bytes = new byte[total];
        ByteBuffer out = ByteBuffer.wrap(bytes);
        batches.forEach(out::put);
        return new RecordBatches(bytes, records.size());
    }

    /**
     * Splits a body into its batches by their length fields, checking only the framing: each batch at least a
     * header long, none running past the end. The views share the body's content (writable when it is).
     *
     * @throws CorruptBatchException if the body is empty or its framing does not add up
     */
    public static List<ByteBuffer> split(ByteBuffer body) {
        ByteBuffer in = body.slice().order(ByteOrder.BIG_ENDIAN);
        if (!in.hasRemaining()) {
            throw new CorruptBatchException("the body holds no record batch");
        }
        List<ByteBuffer> batches = new ArrayList<>();
        int position = 0;
        while (position < in.limit()) {
            int left = in.limit() - position;
            if (left < RecordBatch.HEADER_SIZE) {
                throw new CorruptBatchException("the body ends " + left + " bytes into a batch header at byte "
                        + position);
            }
            long size = RecordBatch.LOG_OVERHEAD + (long) in.getInt(position + RecordBatch.LENGTH_OFFSET);
            if (size < RecordBatch.HEADER_SIZE || size > left) {
                throw new CorruptBatchException("the batch at byte " + position + " declares " + size
                        + " bytes, but " + left + " are left and a batch takes at least " + RecordBatch.HEADER_SIZE);
            }
            batches.add(in.slice(position, (int) size));
            position += (int) size;
        }
        return batches;
    }

    /** The batches, back to back. */
    public byte[] bytes() {
        return bytes;
    }

    /** How many records the batches hold. */
    public int recordCount() {
        return recordCount;
    }

    /**
     * About the bytes the records take in batches: each key and value plus the most a record's varints and
     * attributes take (headers, rare and small, are left out), so a builder sized from it seldom grows.
     */
    private static long estimatedSize(List<AppendRecord> records) {
        long size = 0;
        for (AppendRecord record : records) {
            if (record != null) {
                size += RECORD_OVERHEAD + (record.key() == null ? 0 : record.key().length)
                        + (record.value() == null ? 0 : record.value().length);
            }
        }
        return size;
    }

    /** A batch builder's starting size: the records still to write, but no more than one batch may hold. */
    private static int capacity(long unwritten, int maxBatchBytes) {
        return (int) Math.min(maxBatchBytes, RecordBatch.HEADER_SIZE + Math.max(0, unwritten));
    }

    private static int add(List<ByteBuffer> batches, RecordBatchBuilder builder) {
        ByteBuffer batch = builder.build();
        batches.add(batch);
        return batch.remaining();
    }

    private static List<RecordHeader> headers(AppendRecord record, int index) {
        if (record.headers() == null) {
            return List.of();
        }
        List<RecordHeader> headers = new ArrayList<>(record.headers().size());
        for (dev.streamlog.model.RecordHeader header : record.headers()) {
            if (header == null || header.key() == null) {
                throw new IllegalArgumentException("record " + index + " has a header without a key");
            }
            headers.add(RecordHeader.of(header.key(), header.value()));
        }
        return headers;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
