package dev.streamlog.model.batch;

import java.nio.ByteBuffer;

/**
 * Zig-zag variable-length integers, the encoding of every length and delta inside a record
 * (written here, read by {@link RecordCursor}):
 * 7 bits a byte, least significant group first, high bit set on all but the last byte
 * (the same as Protocol Buffers' {@code sint32}/{@code sint64} and Kafka's record format).
 *
 * <p>Stateless and thread-safe.
 */
final class Varints {

    /** Most bytes a varint may take; a longer one is corrupt. */
    static final int MAX_INT_BYTES = 5;
    /** Most bytes a varlong may take; a longer one is corrupt. */
    static final int MAX_LONG_BYTES = 10;

    private Varints() {
    }

    static void writeInt(int value, ByteBuffer out) {
        writeUnsigned((value << 1) ^ (value >> 31), out);
    }

    static void writeLong(long value, ByteBuffer out) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    static int sizeOfInt(int value) {
        int v = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((v & ~0x7F) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    static int sizeOfLong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((v & ~0x7FL) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    private static void writeUnsigned(int v, ByteBuffer out) {
        while ((v & ~0x7F) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }
}
