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
 * @param validateOnly      true to check the request and answer the topic it would make, creating nothing; null is false
 */
public record CreateTopicRequest(@JsonProperty("topic_name") String topicName,
                                 @JsonProperty("partitions_count") Integer partitionsCount,
                                 @JsonProperty("replication_factor") Integer replicationFactor,
                                 @JsonProperty("configs") List<ConfigEntry> configs,
                                 @JsonProperty("validate_only") Boolean validateOnly) {

    /** A request to create the topic, not only to validate it. */
    public CreateTopicRequest(String topicName, Integer partitionsCount, Integer replicationFactor,
                              List<ConfigEntry> configs) {
        this(topicName, partitionsCount, replicationFactor, configs, null);
    }

    /** Whether the request only asks what would be created. */
    public boolean onlyValidate() {
        return Boolean.TRUE.equals(validateOnly);
    }
}
