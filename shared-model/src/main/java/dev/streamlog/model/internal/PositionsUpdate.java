package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.streamlog.model.v2.TopicPartitionOffset;
import java.util.List;

/**
 * What a gateway delivered for a {@link PollPlan}: the next offset of each partition it read. The
 * coordinator keeps those of the partitions the instance still reads.
 *
 * @param generation the plan's generation
 * @param positions  partition and its next offset
 */
public record PositionsUpdate(@JsonProperty("generation") long generation,
                              @JsonProperty("positions") List<TopicPartitionOffset> positions) {
}
