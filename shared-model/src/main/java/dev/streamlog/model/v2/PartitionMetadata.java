package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A partition as {@code GET /topics/{t}/partitions[/{p}]} describes it.
 *
 * @param partition the partition number
 * @param leader    broker id of the leader, -1 when offline
 * @param replicas  every replica, preferred leader first
 */
public record PartitionMetadata(@JsonProperty("partition") int partition, @JsonProperty("leader") int leader,
                                @JsonProperty("replicas") List<ReplicaMetadata> replicas) {
}
