package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One partition named in a consumer request: {@code {"topic":"t","partition":0}}.
 *
 * @param topic     the topic
 * @param partition the partition
 */
public record TopicPartitionRef(@JsonProperty("topic") String topic, @JsonProperty("partition") Integer partition) {
}
