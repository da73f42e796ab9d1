package dev.streamlog.gateway.format;

import dev.streamlog.model.RecordHeader;
import java.util.List;

/**
 * One record of a produce request after its key and value were turned into bytes by the request's format.
 * Immutable by convention (the arrays are not copied).
 *
 * @param key       the key bytes (the serialized key in its format), or null
 * @param value     the value bytes, or null
 * @param partition the partition the client named, or null
 * @param headers   headers (never null, possibly empty)
 * @param timestamp the timestamp the client gave in epoch milliseconds, or null
 */
public record EncodedRecord(byte[] key, byte[] value, Integer partition, List<RecordHeader> headers,
                            Long timestamp) {

    /** The record's payload size, as the traffic meters count it: key + value + header names and values. */
    public long size() {
        return RecordHeader.payloadSize(key, value, headers);
    }
}
