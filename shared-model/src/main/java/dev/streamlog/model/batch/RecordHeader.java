package dev.streamlog.model.batch;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One header of a record: a UTF-8 key and a nullable byte value. Immutable once built;
 * the value buffer is read-only.
 *
 * @param key   the header key, never {@code null}
 * @param value the header value, or {@code null}
 */
public record RecordHeader(String key, ByteBuffer value) {

    public RecordHeader {
        Objects.requireNonNull(key, "header key");
        value = value == null ? null : value.asReadOnlyBuffer();
    }

    /** A header with a value copied from the given bytes ({@code null} for no value). */
    public static RecordHeader of(String key, byte[] value) {
        return new RecordHeader(key, value == null ? null : ByteBuffer.wrap(value.clone()));
    }
}
