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
 */
public record ClusterData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                          @JsonProperty("cluster_id") String clusterId, @JsonProperty("brokers") Related brokers,
                          @JsonProperty("topics") Related topics) {

    public static final String KIND = "KafkaCluster";
    public static final String LIST_KIND = "KafkaClusterList";
}
