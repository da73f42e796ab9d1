package dev.streamlog.model.internal;

import dev.streamlog.model.RecordHeader;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of an {@link AppendRequest}, media type {@value #MEDIA_TYPE}: what the gateway and the
 * coordinator send a partition leader, so record bytes cross between services as they are, with no JSON or
 * base64 re-encoding. Big-endian:
 * <pre>
 * int32 record count (at least 1)
 * per record:
 *   int64 timestamp (epoch ms)
 *   int32 key length (-1: null)    key bytes
 *   int32 value length (-1: null)  value bytes
 *   int32 header count
 *   per header: int32 name length, name (UTF-8), int32 value length (-1: null), value bytes
 * </pre>
 * Nothing may follow the last record. Stateless and thread-safe.
 */
public final class AppendRequestCodec {

    /** The media type of the binary form. */
    public static final String MEDIA_TYPE = "application/vnd.streamlog.records.v1";

    private static final int NULL_LENGTH = -1;

    private AppendRequestCodec() {
    }

    /** The request in the binary form, in an array of exactly its size. */
    public static byte[] encode(AppendRequest request) {
        List<AppendRecord> records = request.records();
        List<byte[]> headerNames = new ArrayList<>();
        int size = Integer.BYTES;
        for (AppendRecord record : records) {
            size += Long.BYTES + 3 * Integer.BYTES + length(record.key()) + length(record.value());
            for (RecordHeader header : headers(record)) {
                byte[] name = header.key().getBytes(StandardCharsets.UTF_8);
                headerNames.add(name);
                size += 2 * Integer.BYTES + name.length + length(header.value());
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(records.size());
        int nameIndex = 0;
        for (AppendRecord record : records) {
            out.putLong(record.timestamp());
            putBytes(out, record.key());
            putBytes(out, record.value());
            List<RecordHeader> headers = headers(record);
            out.putInt(headers.size());
            for (RecordHeader header : headers) {
                putBytes(out, headerNames.get(nameIndex++));
                putBytes(out, header.value());
            }
        }
        return out.array();
    }

    /**
     * Reads a request in the binary form.
     *
     * @param in the whole body, from its position to its limit
     * @throws IllegalArgumentException naming what is wrong when the bytes are not a well-formed request
     */
    public static AppendRequest decode(ByteBuffer in) {
        try {
            int count = in.getInt();
            if (count < 1) {
                throw new IllegalArgumentException("the record count is " + count + "; an append needs at least one");
            }
            List<AppendRecord> records = new ArrayList<>(Math.min(count, in.remaining() / minimumRecordSize()));
            for (int i = 0; i < count; i++) {
                records.add(record(in, i));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes follow the last of the " + count
                        + " records");
            }
            return new AppendRequest(records);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the body ends inside a record: it is truncated or its counts"
                    + " are wrong");
        }
    }

    private static AppendRecord record(ByteBuffer in, int index) {
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
        return new AppendRecord(key, value, headers, timestamp);
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

    private static List<RecordHeader> headers(AppendRecord record) {
        return record.headers() == null ? List.of() : record.headers();
    }

    private static int minimumRecordSize() {
        return Long.BYTES + 3 * Integer.BYTES;
    }
}
