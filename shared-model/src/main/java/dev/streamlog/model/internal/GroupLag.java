package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How far a consumer group is behind, per partition it has committed to or reads, as its
 * coordinator computes it for the gateway.
 *
 * @param groupId    the group
 * @param partitions one entry per partition, sorted by topic and partition
 */
public record GroupLag(@JsonProperty("group_id") String groupId,
                       @JsonProperty("partitions") List<PartitionLag> partitions) {

    /**
     * One partition's lag.
     *
     * @param topic           the topic
     * @param partition       the partition
     * @param instanceId      the member that reads it now, or null
     * @param committedOffset the group's committed offset, or null when it never committed one
     * @param endOffset       the partition's high watermark
     * @param lag             records between the committed offset (the log start when none) and the end
     */
    public record PartitionLag(@JsonProperty("topic") String topic, @JsonProperty("partition") int partition,
                               @JsonProperty("instance_id") String instanceId,
                               @JsonProperty("committed_offset") Long committedOffset,
                               @JsonProperty("end_offset") long endOffset, @JsonProperty("lag") long lag) {
    }
}
