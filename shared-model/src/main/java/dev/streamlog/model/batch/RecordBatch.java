package dev.streamlog.model.batch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A view over the bytes of one record batch, in the format {@link RecordBatchBuilder} writes
 * (field offsets are the constants below). Reads header fields in place, verifies the
 * checksum and structure, decodes records, and rewrites the two fields a log assigns on
 * append (base offset and partition leader epoch, both outside the checksum).
 *
 * <p>Not thread-safe: a view belongs to one thread. It never copies the batch.
 */
public final class RecordBatch {

    /** The only batch format this log reads and writes. */
    public static final byte MAGIC = 2;
    /** Partition leader epoch of a batch that no leader has stamped yet. */
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    /** Producer id, epoch and sequence of a batch without an idempotent producer. */
    public static final long NO_PRODUCER_ID = -1L;

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    /** Bytes before the length-delimited part: base offset and length. */
    public static final int LOG_OVERHEAD = 12;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    /** The checksum covers everything from here to the end of the batch. */
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int FIRST_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORD_COUNT_OFFSET = 57;
    /** Size of the fixed header; the records follow it. */
    public static final int HEADER_SIZE = 61;

    private final ByteBuffer buf;

    private RecordBatch(ByteBuffer buf) {
        this.buf = buf;
    }

    /**
     * Views the remaining bytes of {@code buffer} as exactly one batch. The buffer's position
     * and limit are not changed; writes through {@link #setBaseOffset} reach its content.
     *
     * @throws CorruptBatchException if the bytes are shorter than a header or the length
     *                                field disagrees with the number of bytes
     */
    public static RecordBatch of(ByteBuffer buffer) {
        ByteBuffer view = buffer.slice().order(ByteOrder.BIG_ENDIAN);
        if (view.remaining() < HEADER_SIZE) {
            throw new CorruptBatchException("record batch has " + view.remaining()
                    + " bytes, fewer than its " + HEADER_SIZE + "-byte header");
        }
        long declared = LOG_OVERHEAD + (long) view.getInt(LENGTH_OFFSET);
        if (declared != view.remaining()) {
            throw new CorruptBatchException("record batch length field says " + declared
                    + " bytes but " + view.remaining() + " bytes were given");
        }
        return new RecordBatch(view);
    }

    public long baseOffset() {
        return buf.getLong(BASE_OFFSET_OFFSET);
    }

    public int sizeInBytes() {
        return buf.limit();
    }

    public int partitionLeaderEpoch() {
        return buf.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buf.get(MAGIC_OFFSET);
    }

    /** The stored CRC-32C, unsigned. */
    public long checksum() {
        return Integer.toUnsignedLong(buf.getInt(CRC_OFFSET));
    }

    public short attributes() {
        return buf.getShort(ATTRIBUTES_OFFSET);
    }

    public int lastOffsetDelta() {
        return buf.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    public long firstTimestamp() {
        return buf.getLong(FIRST_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buf.getLong(MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buf.getLong(PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buf.getShort(PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buf.getInt(BASE_SEQUENCE_OFFSET);
    }

    public int recordCount() {
        return buf.getInt(RECORD_COUNT_OFFSET);
    }

    /** Stamps the base offset; the checksum does not cover it, so it stays valid. */
    public void setBaseOffset(long baseOffset) {
        buf.putLong(BASE_OFFSET_OFFSET, baseOffset);
    }

    /** Stamps the leader epoch; the checksum does not cover it, so it stays valid. */
    public void setPartitionLeaderEpoch(int epoch) {
        buf.putInt(PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /** The CRC-32C of the bytes from the attributes to the end, as the checksum field should hold. */
    public long computeChecksum() {
        return checksumOf(buf);
    }

    /** A read-only view of the whole batch, position 0, limit its size. */
    public ByteBuffer buffer() {
        return buf.asReadOnlyBuffer().position(0);
    }

    /**
     * Verifies magic, checksum and the structure of every record (lengths within bounds,
     * offset deltas 0..n-1, timestamps not negative, maximum timestamp consistent with the records).
     *
     * @throws CorruptBatchException naming the first problem found
     */
    public void ensureValid() {
        if (magic() != MAGIC) {
            throw new CorruptBatchException("record batch magic is " + magic() + "; only " + MAGIC + " is supported");
        }
        long stored = checksum();
        long computed = computeChecksum();
        if (stored != computed) {
            throw new CorruptBatchException("record batch CRC-32C mismatch: stored " + Long.toHexString(stored)
                    + ", computed " + Long.toHexString(computed));
        }
        if (attributes() != 0) {
            throw new CorruptBatchException("record batch attributes " + attributes()
                    + " are not supported (no compression, transactions or control batches)");
        }
        int count = recordCount();
        if (count < 1 || lastOffsetDelta() != count - 1) {
            throw new CorruptBatchException("record batch has record count " + count
                    + " and last offset delta " + lastOffsetDelta() + "; expected count >= 1 and delta = count - 1");
        }
        RecordCursor in = new RecordCursor(buf, HEADER_SIZE, buf.limit());
        long maxDelta = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            long delta = checkRecord(in, i);
            if (firstTimestamp() + delta < 0) {
                throw new CorruptBatchException("record " + i + " has the negative timestamp "
                        + (firstTimestamp() + delta));
            }
            maxDelta = Math.max(maxDelta, delta);
        }
        if (in.remaining() > 0) {
            throw new CorruptBatchException("record batch has " + in.remaining() + " bytes after its last record");
        }
        if (firstTimestamp() + maxDelta != maxTimestamp()) {
            throw new CorruptBatchException("record batch max timestamp " + maxTimestamp()
                    + " does not match its records' " + (firstTimestamp() + maxDelta));
        }
    }

    /**
     * Decodes every record. Keys, values and header values are read-only views into this
     * batch's buffer.
     *
     * @throws CorruptBatchException if a record does not parse
     */
    public List<LogRecord> records() {
        int count = recordCount();
        if (count < 0) {
            throw new CorruptBatchException("record batch has negative record count " + count);
        }
        List<LogRecord> records = new ArrayList<>(Math.min(count, 1 << 16));
        RecordCursor in = new RecordCursor(buf, HEADER_SIZE, buf.limit());
        long base = baseOffset();
        long firstTimestamp = firstTimestamp();
        for (int i = 0; i < count; i++) {
            int outerLimit = enterRecord(in);
            in.readByte();
            long timestamp = firstTimestamp + in.readVarlong();
            long offset = base + in.readVarint();
            ByteBuffer key = readBytes(in);
            ByteBuffer value = readBytes(in);
            int headerCount = readCount(in, "header");
            List<RecordHeader> headers = new ArrayList<>(headerCount);
            for (int h = 0; h < headerCount; h++) {
                ByteBuffer headerKey = readBytes(in);
                if (headerKey == null) {
                    throw new CorruptBatchException("record header key is null");
                }
                headers.add(new RecordHeader(StandardCharsets.UTF_8.decode(headerKey).toString(), readBytes(in)));
            }
            leaveRecord(in, outerLimit, i);
            records.add(new LogRecord(offset, timestamp, key, value, headers));
        }
        return records;
    }

    static long checksumOf(ByteBuffer batch) {
        CRC32C crc = new CRC32C();
        crc.update(batch.duplicate().position(ATTRIBUTES_OFFSET));
        return crc.getValue();
    }

    /** Checks one record's structure at the cursor and returns its timestamp delta. */
    private static long checkRecord(RecordCursor in, int index) {
        int outerLimit = enterRecord(in);
        in.readByte();
        long timestampDelta = in.readVarlong();
        int offsetDelta = in.readVarint();
        if (offsetDelta != index) {
            throw new CorruptBatchException("record " + index + " has offset delta " + offsetDelta);
        }
        skipBytes(in, true);
        skipBytes(in, true);
        int headerCount = readCount(in, "header");
        for (int h = 0; h < headerCount; h++) {
            skipBytes(in, false);
            skipBytes(in, true);
        }
        leaveRecord(in, outerLimit, index);
        return timestampDelta;
    }

    /** Reads a record's length and narrows the cursor to it; returns the limit to restore. */
    private static int enterRecord(RecordCursor in) {
        int length = in.readVarint();
        if (length < 0 || length > in.remaining()) {
            throw new CorruptBatchException("record length " + length + " is outside the " + in.remaining()
                    + " bytes left in the batch");
        }
        return in.limitTo(in.position() + length);
    }

    private static void leaveRecord(RecordCursor in, int outerLimit, int index) {
        if (in.remaining() != 0) {
            throw new CorruptBatchException("record " + index + " length disagrees with its fields");
        }
        in.limitTo(outerLimit);
    }

    private static int readCount(RecordCursor in, String what) {
        int count = in.readVarint();
        if (count < 0 || count > in.remaining()) {
            throw new CorruptBatchException(what + " count " + count + " is impossible in " + in.remaining() + " bytes");
        }
        return count;
    }

    private static void skipBytes(RecordCursor in, boolean nullable) {
        int length = in.readVarint();
        if (length != -1 || !nullable) {
            in.skip(length);
        }
    }

    private static ByteBuffer readBytes(RecordCursor in) {
        int length = in.readVarint();
        return length == -1 ? null : in.slice(length);
    }
}
