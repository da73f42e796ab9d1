package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /brokers}: the ids of the live storage nodes, ascending.
 *
 * @param brokers broker ids
 */
public record BrokerList(@JsonProperty("brokers") List<Integer> brokers) {
}
