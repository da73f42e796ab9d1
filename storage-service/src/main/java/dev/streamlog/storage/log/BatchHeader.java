package dev.streamlog.storage.log;

import static dev.streamlog.model.batch.RecordBatch.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The fixed header of one batch as it lies in a segment's log file: what scans need to step
 * from batch to batch without reading the records.
 *
 * @param position     byte position of the batch in the file
 * @param size         bytes the whole batch takes
 * @param baseOffset   offset of its first record
 * @param lastOffset   offset of its last record
 * @param epoch        partition leader epoch stamped on append
 * @param maxTimestamp largest record timestamp
 * @param magic        format version
 * @param recordCount  number of records
 * @param crc          stored CRC-32C (unsigned)
 */
record BatchHeader(int position, int size, long baseOffset, long lastOffset, int epoch, long maxTimestamp,
                   byte magic, int recordCount, long crc) {

    /**
     * Reads the header at {@code position}, or returns null if fewer than a header's bytes
     * lie before {@code limit}. Nothing is validated here.
     *
     * @param scratch a buffer of at least {@link #HEADER_SIZE} bytes, reused between calls
     */
    static BatchHeader read(FileChannel channel, int position, long limit, ByteBuffer scratch) throws IOException {
        if (limit - position < HEADER_SIZE) {
            return null;
        }
        scratch.clear().limit(HEADER_SIZE);
        while (scratch.hasRemaining()) {
            if (channel.read(scratch, position + scratch.position()) < 0) {
                return null;
            }
        }
        long base = scratch.getLong(BASE_OFFSET_OFFSET);
        return new BatchHeader(position, LOG_OVERHEAD + scratch.getInt(LENGTH_OFFSET), base,
                base + scratch.getInt(LAST_OFFSET_DELTA_OFFSET), scratch.getInt(PARTITION_LEADER_EPOCH_OFFSET),
                scratch.getLong(MAX_TIMESTAMP_OFFSET), scratch.get(MAGIC_OFFSET), scratch.getInt(RECORD_COUNT_OFFSET),
                Integer.toUnsignedLong(scratch.getInt(CRC_OFFSET)));
    }

    /** A buffer for {@link #read}. */
    static ByteBuffer scratch() {
        return ByteBuffer.allocate(HEADER_SIZE);
    }

    /** Byte position just after the batch. */
    int end() {
        return position + size;
    }

    long nextOffset() {
        return lastOffset + 1;
    }

    /** Whether the batch is at least a header long and ends within {@code limit}. */
    boolean fits(long limit) {
        return size >= HEADER_SIZE && (long) position + size <= limit;
    }

    /** Whether the header's fields agree with each other (the CRC is checked separately). */
    boolean isConsistent() {
        return magic == MAGIC && size >= HEADER_SIZE && recordCount >= 1
                && lastOffset - baseOffset == recordCount - 1L;
    }
}
