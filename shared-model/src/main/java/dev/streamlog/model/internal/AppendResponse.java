package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A leader's answer to an append: record {@code i} of the request got offset {@code baseOffset + i}.
 *
 * @param baseOffset  offset of the first record
 * @param leaderEpoch the leader epoch the batch was written in
 */
public record AppendResponse(@JsonProperty("base_offset") long baseOffset,
                             @JsonProperty("leader_epoch") int leaderEpoch) {
}
