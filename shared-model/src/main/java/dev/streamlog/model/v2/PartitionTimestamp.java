package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A seek by time for one partition: {@code {"topic":"t","partition":0,"timestamp":1700000000000}}
 * (epoch milliseconds).
 *
 * @param topic     the topic
 * @param partition the partition
 * @param timestamp the time to start reading from
 */
public record PartitionTimestamp(@JsonProperty("topic") String topic, @JsonProperty("partition") Integer partition,
                                 @JsonProperty("timestamp") Long timestamp) {
}
