package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One committed (or to-be-committed) consumer offset: {@code {"topic":"t","partition":0,"offset":42,
 * "metadata":""}}. The offset is the next record the group will read, as in Kafka.
 *
 * @param topic     the topic
 * @param partition the partition
 * @param offset    the offset of the next record to consume
 * @param metadata  free text stored with the commit; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopicPartitionOffset(@JsonProperty("topic") String topic, @JsonProperty("partition") Integer partition,
                                   @JsonProperty("offset") Long offset, @JsonProperty("metadata") String metadata) {
}
