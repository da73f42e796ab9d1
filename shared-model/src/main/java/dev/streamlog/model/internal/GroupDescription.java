package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A consumer group as its coordinator describes it to the gateway (which renders the v3 view).
 *
 * @param groupId    the group
 * @param assignor   its assignor, or null before its first instance
 * @param generation its generation
 * @param state      {@code Stable} while a member takes part in the assignment, else {@code Empty}
 * @param members    its instances, sorted by name
 */
public record GroupDescription(@JsonProperty("group_id") String groupId, @JsonProperty("assignor") String assignor,
                               @JsonProperty("generation") long generation, @JsonProperty("state") String state,
                               @JsonProperty("members") List<Member> members) {

    /**
     * One instance of the group.
     *
     * @param instanceId  its name
     * @param active      whether it takes part in the assignment now
     * @param partitions  what it reads now, sorted by topic and partition
     */
    public record Member(@JsonProperty("instance_id") String instanceId, @JsonProperty("active") boolean active,
                         @JsonProperty("partitions") List<PartitionRef> partitions) {
    }

    /** A partition a member reads. */
    public record PartitionRef(@JsonProperty("topic") String topic, @JsonProperty("partition") int partition) {
    }
}
