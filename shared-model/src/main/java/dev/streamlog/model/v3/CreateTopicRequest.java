package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /v3/clusters/{c}/topics}.
 *
 * @param topicName         the new topic's name
 * @param partitionsCount   number of partitions, or null for the controller's default
 * @param replicationFactor replicas per partition, or null for the controller's default
 * @param configs           config overrides, or null
 */
public record CreateTopicRequest(@JsonProperty("topic_name") String topicName,
                                 @JsonProperty("partitions_count") Integer partitionsCount,
                                 @JsonProperty("replication_factor") Integer replicationFactor,
                                 @JsonProperty("configs") List<ConfigEntry> configs) {
}
