package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A partition's earliest and latest offsets as the v3 API describes them ({@code kind}
 * {@code KafkaPartitionWithOffsets}): the log start and the high watermark, the first offset a
 * consumer can read and the one after the last it can. Immutable.
 *
 * @param kind           always {@code KafkaPartitionWithOffsets}
 * @param metadata       its URL and resource name
 * @param clusterId      the cluster's id
 * @param topicName      the topic
 * @param partitionId    the partition
 * @param earliestOffset the log start offset
 * @param latestOffset   the high watermark
 */
public record PartitionWithOffsetsData(@JsonProperty("kind") String kind,
                                       @JsonProperty("metadata") ResourceMetadata metadata,
                                       @JsonProperty("cluster_id") String clusterId,
                                       @JsonProperty("topic_name") String topicName,
                                       @JsonProperty("partition_id") int partitionId,
                                       @JsonProperty("earliest_offset") long earliestOffset,
                                       @JsonProperty("latest_offset") long latestOffset) {

    public static final String KIND = "KafkaPartitionWithOffsets";
}
