package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.streamlog.model.cluster.PartitionState;
import java.util.List;

/**
 * One partition in a {@link LeaderAndIsrRequest}: its replica list (assignment order, the first
 * is the preferred leader), the state the controller just wrote and that state znode's version
 * after the write, which a leader needs for its own version-checked ISR updates. Immutable.
 *
 * @param topic     the topic
 * @param partition the partition number
 * @param replicas  broker ids of the replicas, in assignment order
 * @param state     the partition state as written to {@code .../partitions/{p}/state}
 * @param zkVersion the state znode's version after the write
 */
public record PartitionLeadership(@JsonProperty("topic") String topic,
                                  @JsonProperty("partition") int partition,
                                  @JsonProperty("replicas") List<Integer> replicas,
                                  @JsonProperty("state") PartitionState state,
                                  @JsonProperty("zk_version") int zkVersion) {

    public PartitionLeadership {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }
}
