package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A link to a related v3 resource: {@code {"related":"http://…/topics/t/configs"}}.
 *
 * @param related its URL
 */
public record Related(@JsonProperty("related") String related) {
}
