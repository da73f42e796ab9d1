package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A partition a group member reads, as the v3 API describes it ({@code kind}
 * {@code KafkaConsumerAssignment}). Immutable.
 *
 * @param kind            always {@code KafkaConsumerAssignment}
 * @param metadata        its URL and resource name
 * @param clusterId       the cluster's id
 * @param consumerGroupId the group
 * @param consumerId      the member
 * @param topicName       the topic
 * @param partitionId     the partition
 * @param partition       link to the partition
 * @param lag             link to the group's lag on it
 */
public record ConsumerAssignmentData(@JsonProperty("kind") String kind,
                                     @JsonProperty("metadata") ResourceMetadata metadata,
                                     @JsonProperty("cluster_id") String clusterId,
                                     @JsonProperty("consumer_group_id") String consumerGroupId,
                                     @JsonProperty("consumer_id") String consumerId,
                                     @JsonProperty("topic_name") String topicName,
                                     @JsonProperty("partition_id") int partitionId,
                                     @JsonProperty("partition") Related partition, @JsonProperty("lag") Related lag) {

    public static final String KIND = "KafkaConsumerAssignment";
    public static final String LIST_KIND = "KafkaConsumerAssignmentList";
}
