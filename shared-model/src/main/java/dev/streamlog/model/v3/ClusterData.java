package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The cluster as the v3 admin API describes it ({@code kind} {@code KafkaCluster}).
 *
 * @param kind      always {@code KafkaCluster}
 * @param metadata  its URL and resource name
 * @param clusterId the id the first controller generated and stored in ZooKeeper
 * @param brokers   link to its brokers
 * @param topics    link to its topics
 * @param consumerGroups link to its consumer groups
 * @param acls      link to its ACLs (required by Confluent; not supported, the target answers 404)
 * @param brokerConfigs link to its broker configs (required by Confluent; not supported, the target answers 404)
 * @param partitionReassignments link to its reassignments (required by Confluent; none, the target answers 404)
 */
public record ClusterData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                          @JsonProperty("cluster_id") String clusterId, @JsonProperty("brokers") Related brokers,
                          @JsonProperty("topics") Related topics,
                          @JsonProperty("consumer_groups") Related consumerGroups, @JsonProperty("acls") Related acls,
                          @JsonProperty("broker_configs") Related brokerConfigs,
                          @JsonProperty("partition_reassignments") Related partitionReassignments) {

    public static final String KIND = "KafkaCluster";
    public static final String LIST_KIND = "KafkaClusterList";
}
