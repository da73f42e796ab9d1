package dev.streamlog.model.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of an {@link AppendRequest}, media type {@value #MEDIA_TYPE}: what the gateway and the
 * coordinator send a partition leader, so record bytes cross between services as they are, with no JSON or
 * base64 re-encoding. Big-endian: {@code int32} record count (at least 1), then each record's
 * {@link RecordFields}. Nothing may follow the last record. Stateless and thread-safe.
 */
public final class AppendRequestCodec {

    /** The media type of the binary form. */
    public static final String MEDIA_TYPE = "application/vnd.streamlog.records.v1";

    private AppendRequestCodec() {
    }

    /** The request in the binary form, in an array of exactly its size. */
    public static byte[] encode(AppendRequest request) {
        List<byte[]> names = new ArrayList<>();
        int size = Integer.BYTES;
        for (AppendRecord record : request.records()) {
            size += RecordFields.size(record.key(), record.value(), record.headers(), names);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(request.records().size());
        int nameIndex = 0;
        for (AppendRecord record : request.records()) {
            nameIndex = RecordFields.put(out, record.timestamp(), record.key(), record.value(), record.headers(),
                    names, nameIndex);
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
            List<AppendRecord> records = new ArrayList<>(Math.min(count, in.remaining() / RecordFields.MINIMUM_SIZE));
            for (int i = 0; i < count; i++) {
                RecordFields.Fields fields = RecordFields.get(in, i);
                records.add(new AppendRecord(fields.key(), fields.value(), fields.headers(), fields.timestamp()));
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
}
