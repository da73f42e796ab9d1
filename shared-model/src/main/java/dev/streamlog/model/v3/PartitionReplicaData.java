package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One replica of a partition inside {@link PartitionData}:
 * {@code {"broker_id":2,"leader":false,"in_sync":true}}. Immutable.
 *
 * @param brokerId the broker holding the replica
 * @param leader   whether it is the partition's current leader
 * @param inSync   whether it is in the partition's ISR
 */
public record PartitionReplicaData(@JsonProperty("broker_id") int brokerId, @JsonProperty("leader") boolean leader,
                                   @JsonProperty("in_sync") boolean inSync) {
}
