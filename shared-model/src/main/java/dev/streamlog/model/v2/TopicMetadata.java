package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A topic as {@code GET /topics/{t}} describes it.
 *
 * @param name       the topic name
 * @param configs    its config overrides
 * @param partitions its partitions in order
 */
public record TopicMetadata(@JsonProperty("name") String name, @JsonProperty("configs") Map<String, String> configs,
                            @JsonProperty("partitions") List<PartitionMetadata> partitions) {
}
