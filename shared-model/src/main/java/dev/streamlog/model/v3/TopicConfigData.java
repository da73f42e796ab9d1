package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One topic config as the v3 admin API describes it ({@code kind} {@code KafkaTopicConfig}).
 *
 * @param kind      always {@code KafkaTopicConfig}
 * @param metadata  its URL and resource name
 * @param clusterId the cluster's id
 * @param topicName the topic
 * @param name      the config name (Kafka's)
 * @param value     its effective value
 * @param isDefault true when no override is set for the topic
 * @param readOnly  always false: every listed config can be altered
 * @param sensitive always false
 * @param source    {@code DYNAMIC_TOPIC_CONFIG} for an override, {@code DEFAULT_CONFIG} otherwise
 * @param synonyms  where the value can come from, the override (if any) first, then Kafka's broker-level default
 */
public record TopicConfigData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                              @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
                              @JsonProperty("name") String name, @JsonProperty("value") String value,
                              @JsonProperty("is_default") boolean isDefault,
                              @JsonProperty("is_read_only") boolean readOnly,
                              @JsonProperty("is_sensitive") boolean sensitive,
                              @JsonProperty("source") String source,
                              @JsonProperty("synonyms") List<ConfigSynonymData> synonyms) {

    public static final String KIND = "KafkaTopicConfig";
    public static final String LIST_KIND = "KafkaTopicConfigList";
    public static final String SOURCE_TOPIC = "DYNAMIC_TOPIC_CONFIG";
    public static final String SOURCE_DEFAULT = "DEFAULT_CONFIG";
}
