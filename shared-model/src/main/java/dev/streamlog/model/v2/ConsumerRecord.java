package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.streamlog.model.RecordHeader;
import java.util.List;

/**
 * One record as reads return it. {@code key} and {@code value} are rendered in the format the
 * reader asked for: base64 string (binary), the JSON value itself (json) or a string (text).
 *
 * @param topic     the topic
 * @param key       the key or null
 * @param value     the value or null
 * @param partition the partition
 * @param offset    the record's offset
 * @param timestamp its timestamp in epoch milliseconds
 * @param headers   its headers (empty list when none)
 */
public record ConsumerRecord(@JsonProperty("topic") String topic, @JsonProperty("key") Object key,
                             @JsonProperty("value") Object value, @JsonProperty("partition") int partition,
                             @JsonProperty("offset") long offset, @JsonProperty("timestamp") long timestamp,
                             @JsonProperty("headers") List<RecordHeader> headers) {
}
