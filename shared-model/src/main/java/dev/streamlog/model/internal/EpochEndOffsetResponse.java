package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A leader's answer to a follower asking where its latest leader epoch ends
 * ({@code GET /internal/v1/replicas/{t}/{p}/epoch-end-offset?epoch=E}): the largest epoch the
 * leader has that is not above {@code E}, and the offset where that epoch ends in the leader's
 * log (the start of the next epoch, or the leader's log end offset). The follower truncates to
 * the lesser of that offset and its own end of that epoch. {@code leaderEpoch} is -1 and
 * {@code endOffset} -1 when the leader has no such epoch. Immutable.
 *
 * @param leaderEpoch the epoch found
 * @param endOffset   the offset that epoch ends at (exclusive)
 */
public record EpochEndOffsetResponse(@JsonProperty("leader_epoch") int leaderEpoch,
                                     @JsonProperty("end_offset") long endOffset) {
}
