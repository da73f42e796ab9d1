package dev.streamlog.model.internal;

import dev.streamlog.model.RecordHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields every record carries in the binary read answer between services ({@link ReadResponseCodec}),
 * big-endian:
 * <pre>
 * int64 timestamp (epoch ms)
 * int32 key length (-1: null)    key bytes
 * int32 value length (-1: null)  value bytes
 * int32 header count
 * per header: int32 name length, name (UTF-8), int32 value length (-1: null), value bytes
 * </pre>
 * Reading throws {@link IllegalArgumentException} naming the record for a length or count that cannot be right,
 * and {@link java.nio.BufferUnderflowException} for bytes that end too soon. Stateless and thread-safe.
 */
final class RecordFields {

    /** The size of a record's fields with no key, value or headers. */
    static final int MINIMUM_SIZE = Long.BYTES + 3 * Integer.BYTES;

    private static final int NULL_LENGTH = -1;

    private RecordFields() {
    }

    /** The encoded size of a record's fields; adds its headers' UTF-8 names to {@code names}, in order. */
    static int size(byte[] key, byte[] value, List<RecordHeader> headers, List<byte[]> names) {
        int size = MINIMUM_SIZE + length(key) + length(value);
        for (RecordHeader header : headers == null ? List.<RecordHeader>of() : headers) {
            byte[] name = header.key().getBytes(StandardCharsets.UTF_8);
            names.add(name);
            size += 2 * Integer.BYTES + name.length + length(header.value());
        }
        return size;
    }

    /**
     * Writes a record's fields, taking its header names from {@code names} at {@code nameIndex} (as {@link #size}
     * listed them).
     *
     * @return the index of the next record's first header name
     */
    static int put(ByteBuffer out, long timestamp, byte[] key, byte[] value, List<RecordHeader> headers,
                   List<byte[]> names, int nameIndex) {
        out.putLong(timestamp);
        putBytes(out, key);
        putBytes(out, value);
        List<RecordHeader> present = headers == null ? List.of() : headers;
        out.putInt(present.size());
        int next = nameIndex;
        for (RecordHeader header : present) {
            putBytes(out, names.get(next++));
            putBytes(out, header.value());
        }
        return next;
    }

    /** The fields of record {@code index}, read from {@code in}. */
    static Fields get(ByteBuffer in, int index) {
        long timestamp = in.getLong();
        byte[] key = getBytes(in, index, "key");
        byte[] value = getBytes(in, index, "value");
        int headerCount = in.getInt();
        if (headerCount < 0 || headerCount > in.remaining() / (2 * Integer.BYTES)) {
            throw new IllegalArgumentException("record " + index + " has a header count of " + headerCount
                    + " with " + in.remaining() + " bytes left");
        }
        List<RecordHeader> headers = new ArrayList<>(headerCount);
        for (int h = 0; h < headerCount; h++) {
            byte[] name = getBytes(in, index, "header name");
            if (name == null) {
                throw new IllegalArgumentException("record " + index + " has a header without a name");
            }
            headers.add(new RecordHeader(new String(name, StandardCharsets.UTF_8), getBytes(in, index,
                    "header value")));
        }
        return new Fields(timestamp, key, value, headers);
    }

    /** One record's fields as read. */
    record Fields(long timestamp, byte[] key, byte[] value, List<RecordHeader> headers) {
    }

    private static byte[] getBytes(ByteBuffer in, int index, String what) {
        int length = in.getInt();
        if (length == NULL_LENGTH) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("record " + index + " has a " + what + " length of " + length
                    + " with " + in.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static void putBytes(ByteBuffer out, byte[] bytes) {
        if (bytes == null) {
            out.putInt(NULL_LENGTH);
        } else {
            out.putInt(bytes.length);
            out.put(bytes);
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
