package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /consumers/{group}} (Confluent v2, with Strimzi's {@code text} format and
 * our group settings), also kept in {@code __consumer_offsets} as the instance's configuration.
 * Every field is optional; values may be JSON strings or numbers/booleans, as clients send both.
 *
 * @param name                     the instance's name; generated when absent
 * @param format                   {@code binary} (default), {@code json} or {@code text}
 * @param autoOffsetReset          where to start without a committed offset: {@code latest} (default) or {@code earliest}
 * @param autoCommitEnable         commit the positions of what was polled automatically: {@code true} (default) or
 *                                 {@code false}
 * @param fetchMinBytes            accepted for compatibility; a poll answers as soon as any record is there
 * @param requestTimeoutMs         the longest a poll waits for records by default; default 1000
 * @param sessionTimeoutMs         a member with no request for this long leaves the group's assignment; default 45000
 * @param maxPollIntervalMs        a member with no poll for this long leaves the group's assignment; default 300000
 * @param instanceTimeoutMs        an instance with no request for this long is deleted; default 300000
 * @param assignmentStrategy       the group's assignor, {@code range} (default), {@code roundrobin} or {@code sticky};
 *                                 the first instance of a group chooses it
 * @param autoCommitIntervalMs     with auto-commit, the least time between two commits a poll makes (Kafka's
 *                                 {@code auto.commit.interval.ms}); default 5000, 0 commits at every poll
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateConsumerRequest(@JsonProperty("name") String name,
                                    @JsonProperty("format") String format,
                                    @JsonProperty("auto.offset.reset") String autoOffsetReset,
                                    @JsonProperty("auto.commit.enable") String autoCommitEnable,
                                    @JsonProperty("fetch.min.bytes") String fetchMinBytes,
                                    @JsonProperty("consumer.request.timeout.ms") String requestTimeoutMs,
                                    @JsonProperty("session.timeout.ms") String sessionTimeoutMs,
                                    @JsonProperty("max.poll.interval.ms") String maxPollIntervalMs,
                                    @JsonProperty("consumer.instance.timeout.ms") String instanceTimeoutMs,
                                    @JsonProperty("partition.assignment.strategy") String assignmentStrategy,
                                    @JsonProperty("auto.commit.interval.ms") String autoCommitIntervalMs) {
}
