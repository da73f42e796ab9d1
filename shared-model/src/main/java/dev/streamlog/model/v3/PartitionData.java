package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A partition as the v3 admin API describes it ({@code kind} {@code KafkaPartition}): Confluent's
 * fields (links to its leader, replicas and reassignment) and, as Streamlog's additions, its
 * replication health as ZooKeeper holds it at the time of the request:
 * <pre>
 * {"kind":"KafkaPartition","metadata":{"self":"…/topics/t/partitions/0","resource_name":"crn:///kafka=c/topic=t/partition=0"},
 *  "cluster_id":"c","topic_name":"t","partition_id":0,"leader":{"related":"…/partitions/0/replicas/1"},
 *  "replicas":{"related":"…/partitions/0/replicas"},"reassignment":{"related":"…/partitions/0/reassignment"},
 *  "leader_id":1,"leader_epoch":3,"isr":[1],"under_replicated":true,"offline":false}
 * </pre>
 * Immutable.
 *
 * @param kind            always {@code KafkaPartition}
 * @param metadata        its URL and resource name
 * @param clusterId       the cluster's id
 * @param topicName       the topic
 * @param partitionId     the partition number
 * @param leader          link to the leader's replica, or null when the partition is offline
 * @param replicas        link to its replicas (in assignment order; the first is the preferred leader)
 * @param reassignment    link to its reassignment (Streamlog does not reassign partitions: the target answers 404,
 *                        as Confluent's does for a partition without a reassignment in progress)
 * @param leaderId        broker id of the leader, or null when the partition is offline
 * @param leaderEpoch     the leader epoch of the partition state, or -1 when the partition has no state yet
 * @param isr             the brokers in sync, the leader among them
 * @param underReplicated whether the ISR is smaller than the replica list
 * @param offline         whether the partition has no leader
 */
public record PartitionData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                            @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
                            @JsonProperty("partition_id") int partitionId, @JsonProperty("leader") Related leader,
                            @JsonProperty("replicas") Related replicas,
                            @JsonProperty("reassignment") Related reassignment,
                            @JsonProperty("leader_id") Integer leaderId,
                            @JsonProperty("leader_epoch") int leaderEpoch,
                            @JsonProperty("isr") List<Integer> isr,
                            @JsonProperty("under_replicated") boolean underReplicated,
                            @JsonProperty("offline") boolean offline) {

    public static final String KIND = "KafkaPartition";
    public static final String LIST_KIND = "KafkaPartitionList";

    public PartitionData {
        isr = isr == null ? List.of() : List.copyOf(isr);
    }
}
