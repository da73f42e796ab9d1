package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A consumer instance's subscription: {@code {"topics":["a","b"]}} or {@code {"topic_pattern":"orders-.*"}}
 * (one of the two), the body of {@code POST …/subscription} and the answer of {@code GET …/subscription}
 * (where a pattern subscription lists the topics it matches now).
 *
 * @param topics       the topics
 * @param topicPattern a Java regular expression matched against whole topic names (internal topics excluded)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsumerSubscription(@JsonProperty("topics") List<String> topics,
                                   @JsonProperty("topic_pattern") String topicPattern) {
}
