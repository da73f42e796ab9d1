package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One replica of a partition as v2 describes it: {@code {"broker":1,"leader":true,"in_sync":true}}.
 *
 * @param broker the broker id holding the replica
 * @param leader whether it is the partition's current leader
 * @param inSync whether it is in the ISR
 */
public record ReplicaMetadata(@JsonProperty("broker") int broker, @JsonProperty("leader") boolean leader,
                              @JsonProperty("in_sync") boolean inSync) {
}
