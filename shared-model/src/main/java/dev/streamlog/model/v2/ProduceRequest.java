package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /topics/{t}} and {@code POST /topics/{t}/partitions/{p}}:
 * {@code {"records":[{"key":…,"value":…}]}}.
 *
 * @param records the records, answered in this order
 */
public record ProduceRequest(@JsonProperty("records") List<ProduceRecord> records) {
}
