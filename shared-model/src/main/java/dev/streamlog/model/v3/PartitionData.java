package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A partition as the v3 admin API describes it ({@code kind} {@code KafkaPartition}), with its
 * replication health as ZooKeeper holds it at the time of the request:
 * <pre>
 * {"kind":"KafkaPartition","metadata":{"self":"…/topics/t/partitions/0","resource_name":"crn:///kafka=c/topic=t/partition=0"},
 *  "cluster_id":"c","topic_name":"t","partition_id":0,"leader_id":1,"leader_epoch":3,
 *  "replicas":[{"broker_id":1,"leader":true,"in_sync":true},{"broker_id":2,"leader":false,"in_sync":false}],
 *  "under_replicated":true,"offline":false}
 * </pre>
 * Immutable.
 *
 * @param kind            always {@code KafkaPartition}
 * @param metadata        its URL and resource name
 * @param clusterId       the cluster's id
 * @param topicName       the topic
 * @param partitionId     the partition number
 * @param leaderId        broker id of the leader, or null when the partition is offline
 * @param leaderEpoch     the leader epoch of the partition state, or -1 when the partition has no state yet
 * @param replicas        the replicas in assignment order (the first is the preferred leader)
 * @param underReplicated whether the ISR is smaller than the replica list
 * @param offline         whether the partition has no leader
 */
public record PartitionData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                            @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
                            @JsonProperty("partition_id") int partitionId, @JsonProperty("leader_id") Integer leaderId,
                            @JsonProperty("leader_epoch") int leaderEpoch,
                            @JsonProperty("replicas") List<PartitionReplicaData> replicas,
                            @JsonProperty("under_replicated") boolean underReplicated,
                            @JsonProperty("offline") boolean offline) {

    public static final String KIND = "KafkaPartition";
    public static final String LIST_KIND = "KafkaPartitionList";

    public PartitionData {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }
}
