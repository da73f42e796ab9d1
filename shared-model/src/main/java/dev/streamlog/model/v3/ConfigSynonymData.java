package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a config's value can come from, most specific first, inside {@link TopicConfigData}:
 * {@code {"name":"log.retention.ms","value":"604800000","source":"DEFAULT_CONFIG"}}. Immutable.
 *
 * @param name   the config's name at that level (the broker-level name for a default)
 * @param value  its value there
 * @param source {@code DYNAMIC_TOPIC_CONFIG} or {@code DEFAULT_CONFIG}
 */
public record ConfigSynonymData(@JsonProperty("name") String name, @JsonProperty("value") String value,
                                @JsonProperty("source") String source) {
}
