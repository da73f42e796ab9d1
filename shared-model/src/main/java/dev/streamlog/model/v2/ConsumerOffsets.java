package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A list of consumer offsets, the body of a commit ({@code POST …/offsets}) and of the committed
 * offsets' answer ({@code GET …/offsets}): {@code {"offsets":[{"topic","partition","offset","metadata"}]}}.
 *
 * @param offsets the offsets; a commit with none (or no body) commits every position fetched
 */
public record ConsumerOffsets(@JsonProperty("offsets") List<TopicPartitionOffset> offsets) {
}
