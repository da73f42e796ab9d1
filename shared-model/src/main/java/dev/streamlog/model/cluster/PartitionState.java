package dev.streamlog.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The content of {@code /brokers/topics/{t}/partitions/{p}/state}:
 * {@code {"leader":1,"leader_epoch":0,"isr":[1,2,3],"controller_epoch":1}}. Only ever changed with
 * a version-checked write.
 *
 * @param leader          broker id of the leader, or {@link #NO_LEADER} when the partition is offline
 * @param leaderEpoch     bumped on every leader change; carried by every batch the leader appends
 * @param isr             in-sync replica ids
 * @param controllerEpoch epoch of the controller that wrote this state
 */
public record PartitionState(@JsonProperty("leader") int leader, @JsonProperty("leader_epoch") int leaderEpoch,
                             @JsonProperty("isr") List<Integer> isr,
                             @JsonProperty("controller_epoch") int controllerEpoch) {

    /** The {@link #leader()} of a partition that has none. */
    public static final int NO_LEADER = -1;

    public PartitionState {
        isr = isr == null ? List.of() : List.copyOf(isr);
    }

    /** Whether some broker leads the partition. */
    public boolean hasLeader() {
        return leader != NO_LEADER;
    }
}
