package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code POST /consumers/{group}}: {@code {"instance_id":"c1","base_uri":"http://gw/consumers/g/instances/c1"}}.
 *
 * @param instanceId the instance's name
 * @param baseUri    where its routes are; any gateway serves them
 */
public record CreateConsumerResponse(@JsonProperty("instance_id") String instanceId,
                                     @JsonProperty("base_uri") String baseUri) {
}
