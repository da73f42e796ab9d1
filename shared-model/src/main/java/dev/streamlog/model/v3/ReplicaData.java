package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One replica of a partition as the v3 admin API describes it ({@code kind} {@code KafkaReplica}):
 * <pre>
 * {"kind":"KafkaReplica","metadata":{"self":"…/partitions/0/replicas/2","resource_name":"crn:///kafka=c/topic=t/partition=0/replica=2"},
 *  "cluster_id":"c","topic_name":"t","partition_id":0,"broker_id":2,"is_leader":false,"is_in_sync":true,
 *  "broker":{"related":"…/brokers/2"}}
 * </pre>
 * Immutable.
 *
 * @param kind        always {@code KafkaReplica}
 * @param metadata    its URL and resource name
 * @param clusterId   the cluster's id
 * @param topicName   the topic
 * @param partitionId the partition
 * @param brokerId    the broker holding the replica
 * @param leader      whether it is the partition's current leader
 * @param inSync      whether it is in the partition's ISR
 * @param broker      link to the broker
 */
public record ReplicaData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                          @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
                          @JsonProperty("partition_id") int partitionId, @JsonProperty("broker_id") int brokerId,
                          @JsonProperty("is_leader") boolean leader, @JsonProperty("is_in_sync") boolean inSync,
                          @JsonProperty("broker") Related broker) {

    public static final String KIND = "KafkaReplica";
    public static final String LIST_KIND = "KafkaReplicaList";
}
