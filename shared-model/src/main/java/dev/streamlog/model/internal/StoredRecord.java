package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.streamlog.model.RecordHeader;
import java.util.List;

/**
 * One record as a storage node returns it from a read: offset, timestamp and bytes.
 *
 * @param offset    its offset
 * @param timestamp its timestamp in epoch milliseconds
 * @param key       key bytes or null
 * @param value     value bytes or null
 * @param headers   its headers (empty when none)
 */
public record StoredRecord(@JsonProperty("offset") long offset, @JsonProperty("timestamp") long timestamp,
                           @JsonProperty("key") byte[] key, @JsonProperty("value") byte[] value,
                           @JsonProperty("headers") List<RecordHeader> headers) {
}
