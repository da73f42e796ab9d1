package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A v3 collection: {@code {"kind":"KafkaTopicList","metadata":{"self":…},"data":[…]}}.
 *
 * @param kind     e.g. {@code KafkaTopicList}
 * @param metadata the collection's own URL
 * @param data     the resources
 * @param <T>      the resource type
 */
public record ResourceList<T>(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                              @JsonProperty("data") List<T> data) {
}
