package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A topic as the v3 admin API describes it ({@code kind} {@code KafkaTopic}).
 *
 * @param kind              always {@code KafkaTopic}
 * @param metadata          its URL and resource name
 * @param clusterId         the cluster's id
 * @param topicName         the topic name
 * @param internal          whether the name is internal ({@code __…})
 * @param replicationFactor replicas per partition
 * @param partitionsCount   number of partitions
 * @param partitions        link to its partitions
 * @param configs           link to its configs
 * @param partitionReassignments link to its partitions' reassignments (Confluent requires the link; Streamlog
 *                          does not reassign partitions, so the target answers 404)
 */
public record TopicData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                        @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
                        @JsonProperty("is_internal") boolean internal,
                        @JsonProperty("replication_factor") int replicationFactor,
                        @JsonProperty("partitions_count") int partitionsCount,
                        @JsonProperty("partitions") Related partitions, @JsonProperty("configs") Related configs,
                        @JsonProperty("partition_reassignments") Related partitionReassignments) {

    public static final String KIND = "KafkaTopic";
    public static final String LIST_KIND = "KafkaTopicList";
}
