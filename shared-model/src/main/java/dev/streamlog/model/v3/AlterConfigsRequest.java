package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /v3/clusters/{c}/topics/{t}/configs:alter}: {@code {"data":[…]}},
 * applied all together or not at all.
 *
 * @param data the changes
 */
public record AlterConfigsRequest(@JsonProperty("data") List<AlterConfigEntry> data) {
}
