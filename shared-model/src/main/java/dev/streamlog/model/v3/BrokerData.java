package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A live storage node as the v3 admin API describes it ({@code kind} {@code KafkaBroker}).
 *
 * @param kind      always {@code KafkaBroker}
 * @param metadata  its URL and resource name
 * @param clusterId the cluster's id
 * @param brokerId  the node id
 * @param host      its registered host
 * @param port      its registered port
 * @param rack      its rack, or null
 * @param configs   link to its configs (required by Confluent; not supported, the target answers 404)
 * @param partitionReplicas link to the replicas it holds
 */
public record BrokerData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                         @JsonProperty("cluster_id") String clusterId, @JsonProperty("broker_id") int brokerId,
                         @JsonProperty("host") String host, @JsonProperty("port") int port,
                         @JsonProperty("rack") String rack, @JsonProperty("configs") Related configs,
                         @JsonProperty("partition_replicas") Related partitionReplicas) {

    public static final String KIND = "KafkaBroker";
    public static final String LIST_KIND = "KafkaBrokerList";
}
