package dev.streamlog.model.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of a {@link ReadResponse}, media type {@value #MEDIA_TYPE}: what a storage node answers a
 * read that accepts it, so record bytes reach the gateway and the coordinator as they are, with no JSON or base64
 * on the way. Big-endian:
 * <pre>
 * int64 high watermark
 * int64 log start offset
 * int32 record count
 * per record: int64 offset, then its {@link RecordFields}
 * </pre>
 * Nothing may follow the last record. Stateless and thread-safe.
 */
public final class ReadResponseCodec {

    /** The media type of the binary form. */
    public static final String MEDIA_TYPE = "application/vnd.streamlog.read.v1";

    private ReadResponseCodec() {
    }

    /** The answer in the binary form, in an array of exactly its size. */
    public static byte[] encode(ReadResponse response) {
        List<byte[]> names = new ArrayList<>();
        int size = 2 * Long.BYTES + Integer.BYTES;
        for (StoredRecord record : response.records()) {
            size += Long.BYTES + RecordFields.size(record.key(), record.value(), record.headers(), names);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putLong(response.highWatermark()).putLong(response.logStartOffset()).putInt(response.records().size());
        int nameIndex = 0;
        for (StoredRecord record : response.records()) {
            out.putLong(record.offset());
            nameIndex = RecordFields.put(out, record.timestamp(), record.key(), record.value(), record.headers(),
                    names, nameIndex);
        }
        return out.array();
    }

    /**
     * Reads an answer in the binary form.
     *
     * @param in the whole body, from its position to its limit
     * @throws IllegalArgumentException naming what is wrong when the bytes are not a well-formed answer
     */
    public static ReadResponse decode(ByteBuffer in) {
        try {
            long highWatermark = in.getLong();
            long logStartOffset = in.getLong();
            int count = in.getInt();
            if (count < 0) {
                throw new IllegalArgumentException("the record count is " + count);
            }
            List<StoredRecord> records = new ArrayList<>(Math.min(count,
                    in.remaining() / (Long.BYTES + RecordFields.MINIMUM_SIZE)));
            for (int i = 0; i < count; i++) {
                long offset = in.getLong();
                RecordFields.Fields fields = RecordFields.get(in, i);
                records.add(new StoredRecord(offset, fields.timestamp(), fields.key(), fields.value(),
                        fields.headers()));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes follow the last of the " + count
                        + " records");
            }
            return new ReadResponse(highWatermark, logStartOffset, records);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the body ends inside a record: it is truncated or its counts"
                    + " are wrong");
        }
    }
}
