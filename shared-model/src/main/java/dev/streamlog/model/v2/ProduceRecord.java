package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.streamlog.model.RecordHeader;
import java.util.List;

/**
 * One record of a produce request. How {@code key} and {@code value} are read depends on the
 * request's media type: a base64 string (binary), any JSON value (json) or a string (text).
 *
 * @param key       the record key or null (keyless records are spread round robin)
 * @param value     the record value or null
 * @param partition an explicit partition, or null to let the partitioner choose
 * @param headers   record headers, or null
 * @param timestamp create time in epoch milliseconds, or null for the time the gateway received it
 */
public record ProduceRecord(@JsonProperty("key") Object key, @JsonProperty("value") Object value,
                            @JsonProperty("partition") Integer partition,
                            @JsonProperty("headers") List<RecordHeader> headers,
                            @JsonProperty("timestamp") Long timestamp) {
}
