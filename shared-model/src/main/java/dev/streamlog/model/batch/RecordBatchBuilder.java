package dev.streamlog.model.batch;

import static dev.streamlog.model.batch.RecordBatch.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes record batches: the unit a partition log appends, stores, replicates and serves.
 *
 * <h2>Batch format (magic 2, big-endian)</h2>
 * <pre>
 * offset size field
 *  0      8   baseOffset            offset of the first record (assigned by the log)
 *  8      4   length                bytes after this field
 * 12      4   partitionLeaderEpoch  epoch of the leader that appended it (assigned by the log)
 * 16      1   magic                 2
 * 17      4   crc                   CRC-32C of bytes 21..end (unsigned)
 * 21      2   attributes            0 (no compression, transactions or control batches)
 * 23      4   lastOffsetDelta       recordCount - 1
 * 27      8   firstTimestamp        timestamp of the first record, epoch ms
 * 35      8   maxTimestamp          largest record timestamp, epoch ms
 * 43      8   producerId            -1 without an idempotent producer
 * 51      2   producerEpoch         -1 without an idempotent producer
 * 53      4   baseSequence          -1 without an idempotent producer
 * 57      4   recordCount           number of records, at least 1
 * 61      ... records
 * </pre>
 * Each record (lengths and deltas are zig-zag varints, see {@code Varints}):
 * <pre>
 * length          varint   bytes of the record after this field
 * attributes      int8     0
 * timestampDelta  varlong  timestamp - firstTimestamp
 * offsetDelta     varint   offset - baseOffset (0, 1, 2, ...)
 * keyLength       varint   -1 for a null key
 * key             bytes
 * valueLength     varint   -1 for a null value
 * value           bytes
 * headerCount     varint
 *   headerKeyLength   varint, headerKey UTF-8 bytes
 *   headerValueLength varint (-1 for null), headerValue bytes
 * </pre>
 * The layout matches Kafka's record batch v2, so the checksum covers everything a log does
 * not rewrite: stamping base offset and leader epoch on append keeps the CRC valid.
 *
 * <p>Not thread-safe: one builder per batch being written.
 */
public final class RecordBatchBuilder {

    private static final int INITIAL_CAPACITY = 1024;

    private ByteBuffer out;
    private int count;
    private long firstTimestamp;
    private long maxTimestamp;

    /** A builder for a batch whose size is not known in advance. */
    public RecordBatchBuilder() {
        this(INITIAL_CAPACITY);
    }

    /** A builder whose buffer starts at {@code expectedBytes} (it grows when needed). */
    public RecordBatchBuilder(int expectedBytes) {
        out = ByteBuffer.allocate(Math.max(HEADER_SIZE, expectedBytes)).order(ByteOrder.BIG_ENDIAN);
        out.position(HEADER_SIZE);
    }

    /** Adds a record without headers. */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value) {
        return append(timestamp, wrap(key), wrap(value), List.of());
    }

    /**
     * Adds a record. The key, value and header buffers are copied from their positions to
     * their limits and not changed.
     *
     * @param timestamp create time in epoch ms, not negative
     * @param key       the key or {@code null}
     * @param value     the value or {@code null}
     * @param headers   the headers, possibly empty
     */
    public RecordBatchBuilder append(long timestamp, ByteBuffer key, ByteBuffer value, List<RecordHeader> headers) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("record timestamp must not be negative, got " + timestamp);
        }
        if (count == 0) {
            firstTimestamp = timestamp;
            maxTimestamp = timestamp;
        }
        long timestampDelta = timestamp - firstTimestamp;
        int bodySize = bodySize(timestampDelta, key, value, headers);
        ensureCapacity(Varints.MAX_INT_BYTES + bodySize);
        Varints.writeInt(bodySize, out);
        out.put((byte) 0);
        Varints.writeLong(timestampDelta, out);
        Varints.writeInt(count, out);
        writeBytes(key);
        writeBytes(value);
        Varints.writeInt(headers.size(), out);
        for (RecordHeader header : headers) {
            writeBytes(utf8(header.key()));
            writeBytes(header.value());
        }
        count++;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        return this;
    }

    /** Bytes the batch built now would take (header included; the header alone before any record). */
    public int sizeInBytes() {
        return out.position();
    }

    /**
     * Bytes the batch would take after {@link #append(long, ByteBuffer, ByteBuffer, List) appending}
     * this record, computed exactly and without adding it: lets a caller start a new batch
     * before one would outgrow a size limit.
     */
    public int sizeInBytesWith(long timestamp, ByteBuffer key, ByteBuffer value, List<RecordHeader> headers) {
        long timestampDelta = count == 0 ? 0 : timestamp - firstTimestamp;
        int bodySize = bodySize(timestampDelta, key, value, headers);
        return out.position() + Varints.sizeOfInt(bodySize) + bodySize;
    }

    /** Number of records added so far. */
    public int recordCount() {
        return count;
    }

    /**
     * Finishes the batch: base offset 0 and leader epoch -1 until a log stamps them, no
     * producer, checksum computed.
     *
     * @return a buffer holding exactly the batch, position 0
     */
    public ByteBuffer build() {
        if (count == 0) {
            throw new IllegalArgumentException("a record batch needs at least one record");
        }
        ByteBuffer batch = out.duplicate().flip().order(ByteOrder.BIG_ENDIAN);
        batch.putLong(BASE_OFFSET_OFFSET, 0L);
        batch.putInt(LENGTH_OFFSET, batch.limit() - LOG_OVERHEAD);
        batch.putInt(PARTITION_LEADER_EPOCH_OFFSET, NO_PARTITION_LEADER_EPOCH);
        batch.put(MAGIC_OFFSET, MAGIC);
        batch.putShort(ATTRIBUTES_OFFSET, (short) 0);
        batch.putInt(LAST_OFFSET_DELTA_OFFSET, count - 1);
        batch.putLong(FIRST_TIMESTAMP_OFFSET, firstTimestamp);
        batch.putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
        batch.putLong(PRODUCER_ID_OFFSET, NO_PRODUCER_ID);
        batch.putShort(PRODUCER_EPOCH_OFFSET, (short) -1);
        batch.putInt(BASE_SEQUENCE_OFFSET, -1);
        batch.putInt(RECORD_COUNT_OFFSET, count);
        batch.putInt(CRC_OFFSET, (int) RecordBatch.checksumOf(batch));
        return batch;
    }

    /** Bytes of one record after its length field, as {@link #append} writes it. */
    private int bodySize(long timestampDelta, ByteBuffer key, ByteBuffer value, List<RecordHeader> headers) {
        int size = 1 + Varints.sizeOfLong(timestampDelta) + Varints.sizeOfInt(count)
                + sizeOfBytes(key) + sizeOfBytes(value) + Varints.sizeOfInt(headers.size());
        for (RecordHeader header : headers) {
            size += sizeOfBytes(utf8(header.key())) + sizeOfBytes(header.value());
        }
        return size;
    }

    private void ensureCapacity(int bytes) {
        if (out.remaining() < bytes) {
            int needed = out.position() + bytes;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, out.capacity() * 2)).order(ByteOrder.BIG_ENDIAN);
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }

    private void writeBytes(ByteBuffer bytes) {
        if (bytes == null) {
            Varints.writeInt(-1, out);
        } else {
            Varints.writeInt(bytes.remaining(), out);
            out.put(bytes.duplicate());
        }
    }

    private static int sizeOfBytes(ByteBuffer bytes) {
        return bytes == null ? 1 : Varints.sizeOfInt(bytes.remaining()) + bytes.remaining();
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
