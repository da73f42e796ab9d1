package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A consumer group's lag on one partition ({@code kind} {@code KafkaConsumerLag}).
 *
 * @param kind            always {@code KafkaConsumerLag}
 * @param metadata        its URL and resource name
 * @param clusterId       the cluster's id
 * @param consumerGroupId the group
 * @param topicName       the topic
 * @param partitionId     the partition
 * @param consumerId      the member reading it now, or {@code ""} when none does (as Confluent)
 * @param currentOffset   the committed offset, or null when none was committed
 * @param logEndOffset    the partition's end (high watermark)
 * @param lag             records from the committed offset (the log start when none) to the end
 * @param instanceId      always null (no static membership here)
 * @param clientId        as {@code consumerId}
 */
public record ConsumerLagData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                              @JsonProperty("cluster_id") String clusterId,
                              @JsonProperty("consumer_group_id") String consumerGroupId,
                              @JsonProperty("topic_name") String topicName,
                              @JsonProperty("partition_id") int partitionId,
                              @JsonProperty("consumer_id") String consumerId,
                              @JsonProperty("current_offset") Long currentOffset,
                              @JsonProperty("log_end_offset") long logEndOffset,
                              @JsonProperty("lag") long lag, @JsonProperty("instance_id") String instanceId,
                              @JsonProperty("client_id") String clientId) {

    public static final String KIND = "KafkaConsumerLag";
    public static final String LIST_KIND = "KafkaConsumerLagList";
}
