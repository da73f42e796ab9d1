package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /v3/clusters/{c}/topics/{t}/configs/{name}}: {@code {"value":"1000"}}.
 *
 * @param value the new value
 */
public record UpdateConfigRequest(@JsonProperty("value") String value) {
}
