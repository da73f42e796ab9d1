package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A config name and value in a topic-create request: {@code {"name":"retention.ms","value":"3600000"}}.
 *
 * @param name  a topic config name (Kafka's)
 * @param value its value as text
 */
public record ConfigEntry(@JsonProperty("name") String name, @JsonProperty("value") String value) {
}
