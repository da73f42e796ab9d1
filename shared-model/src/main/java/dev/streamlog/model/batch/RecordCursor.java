package dev.streamlog.model.batch;

import java.nio.ByteBuffer;

/**
 * Reads the records part of a batch field by field: zig-zag varints (see {@link Varints}),
 * single bytes and byte runs, at a position it keeps itself, never past a limit it is given.
 * Reads the backing array directly when the buffer has one, and absolute gets otherwise, so
 * walking every record of a batch costs little more than touching its bytes.
 *
 * <p>Not thread-safe; one cursor per walk.
 */
final class RecordCursor {

    private final ByteBuffer buf;
    private final byte[] array;
    private final int arrayOffset;
    private int position;
    private int limit;

    RecordCursor(ByteBuffer buf, int position, int limit) {
        this.buf = buf;
        this.array = buf.hasArray() ? buf.array() : null;
        this.arrayOffset = buf.hasArray() ? buf.arrayOffset() : 0;
        this.position = position;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    int limit() {
        return limit;
    }

    int remaining() {
        return limit - position;
    }

    /** Narrows reads to end at {@code newLimit} (the end of one record); returns the old limit. */
    int limitTo(int newLimit) {
        int old = limit;
        limit = newLimit;
        return old;
    }

    byte readByte() {
        if (position >= limit) {
            throw new CorruptBatchException("record ends before its fields do");
        }
        return byteAt(position++);
    }

    void skip(int length) {
        if (length < 0 || length > limit - position) {
            throw new CorruptBatchException("field of " + length + " bytes runs past its record");
        }
        position += length;
    }

    int readVarint() {
        int raw = 0;
        for (int shift = 0; shift < 7 * Varints.MAX_INT_BYTES; shift += 7) {
            byte b = readByte();
            raw |= (b & 0x7F) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptBatchException("varint is longer than " + Varints.MAX_INT_BYTES + " bytes");
    }

    long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 7 * Varints.MAX_LONG_BYTES; shift += 7) {
            byte b = readByte();
            raw |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptBatchException("varlong is longer than " + Varints.MAX_LONG_BYTES + " bytes");
    }

    /** A read-only view of the next {@code length} bytes, advancing past them. */
    ByteBuffer slice(int length) {
        int start = position;
        skip(length);
        return buf.slice(start, length).asReadOnlyBuffer();
    }

    private byte byteAt(int index) {
        return array != null ? array[arrayOffset + index] : buf.get(index);
    }
}
