package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.streamlog.model.RecordHeader;
import java.util.List;

/**
 * One record the gateway asks a partition leader to append, already in bytes.
 *
 * @param key       key bytes or null
 * @param value     value bytes or null
 * @param headers   headers, or null
 * @param timestamp create time in epoch milliseconds
 */
public record AppendRecord(@JsonProperty("key") byte[] key, @JsonProperty("value") byte[] value,
                           @JsonProperty("headers") List<RecordHeader> headers,
                           @JsonProperty("timestamp") long timestamp) {
}
