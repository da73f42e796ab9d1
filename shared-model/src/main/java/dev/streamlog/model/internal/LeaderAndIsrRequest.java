package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the active controller tells a storage node after it changed partition states in
 * ZooKeeper ({@code POST /internal/v1/leader-and-isr}): the new leader, epoch and ISR of each
 * partition the node holds a replica of. A storage node refuses a request whose controller
 * epoch is older than one it has seen (409, {@code FENCED}); the states themselves are applied
 * only when newer than what the node knows (leader epoch, then znode version), so requests and
 * ZooKeeper watches may arrive in any order. Immutable.
 *
 * @param controllerEpoch the sending controller's epoch
 * @param partitions      the changed partitions
 */
public record LeaderAndIsrRequest(@JsonProperty("controller_epoch") int controllerEpoch,
                                  @JsonProperty("partitions") List<PartitionLeadership> partitions) {

    public LeaderAndIsrRequest {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }
}
