package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code metadata} object of every v3 resource: its own URL and, for single resources,
 * its Confluent resource name ({@code crn:///kafka=<cluster>/topic=<t>}).
 *
 * @param self         the URL of this resource
 * @param resourceName its resource name, null for lists
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceMetadata(@JsonProperty("self") String self,
                               @JsonProperty("resource_name") String resourceName) {
}
