package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.streamlog.model.v2.TopicPartitionOffset;
import java.util.List;

/**
 * The coordinator's answer to a consumer instance's poll, for the gateway that serves it: the
 * instance's format and where to read each partition from. The gateway reads the records, answers the client and reports the new
 * positions ({@link PositionsUpdate}).
 *
 * @param format     {@code binary}, {@code json} or {@code text}
 * @param positions  partition and the offset to read from, sorted
 * @param requestTimeoutMs how long the poll waits for records when the client names no timeout
 */
public record PollPlan(@JsonProperty("format") String format,
                       @JsonProperty("positions") List<TopicPartitionOffset> positions,
                       @JsonProperty("request_timeout_ms") long requestTimeoutMs) {
}
