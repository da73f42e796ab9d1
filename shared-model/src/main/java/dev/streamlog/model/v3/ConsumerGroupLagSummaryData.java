package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A consumer group's lag in one figure ({@code kind} {@code KafkaConsumerGroupLagSummary}): its
 * largest lag on one partition, where, and the sum over all partitions. Immutable.
 *
 * @param kind              always {@code KafkaConsumerGroupLagSummary}
 * @param metadata          its URL and resource name
 * @param clusterId         the cluster's id
 * @param consumerGroupId   the group
 * @param maxLagConsumerId  the member reading the partition with the largest lag, or {@code ""} when none does
 * @param maxLagInstanceId  always null (no static membership here)
 * @param maxLagClientId    as {@code maxLagConsumerId}
 * @param maxLagTopicName   the topic of the partition with the largest lag
 * @param maxLagPartitionId that partition
 * @param maxLag            its lag
 * @param totalLag          the lag summed over every partition
 * @param maxLagConsumer    link to that member, or null when none reads the partition
 * @param maxLagPartition   link to that partition
 */
public record ConsumerGroupLagSummaryData(@JsonProperty("kind") String kind,
                                          @JsonProperty("metadata") ResourceMetadata metadata,
                                          @JsonProperty("cluster_id") String clusterId,
                                          @JsonProperty("consumer_group_id") String consumerGroupId,
                                          @JsonProperty("max_lag_consumer_id") String maxLagConsumerId,
                                          @JsonProperty("max_lag_instance_id") String maxLagInstanceId,
                                          @JsonProperty("max_lag_client_id") String maxLagClientId,
                                          @JsonProperty("max_lag_topic_name") String maxLagTopicName,
                                          @JsonProperty("max_lag_partition_id") int maxLagPartitionId,
                                          @JsonProperty("max_lag") long maxLag,
                                          @JsonProperty("total_lag") long totalLag,
                                          @JsonProperty("max_lag_consumer") Related maxLagConsumer,
                                          @JsonProperty("max_lag_partition") Related maxLagPartition) {

    public static final String KIND = "KafkaConsumerGroupLagSummary";
}
