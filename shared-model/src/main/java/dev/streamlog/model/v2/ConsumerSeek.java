package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST …/instances/{i}/positions}: seek to offsets
 * ({@code {"offsets":[{"topic","partition","offset"}]}}) or to times
 * ({@code {"timestamps":[{"topic","partition","timestamp"}]}}), either or both.
 *
 * @param offsets    positions to set
 * @param timestamps times to start from: the first record at or after each
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsumerSeek(@JsonProperty("offsets") List<TopicPartitionOffset> offsets,
                           @JsonProperty("timestamps") List<PartitionTimestamp> timestamps) {
}
