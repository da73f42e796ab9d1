package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a storage node answers (HTTP 421, error code {@code 42101}) when asked to serve a partition
 * it does not lead: which broker it believes leads it, so the caller can refresh and retry.
 *
 * @param errorCode always {@link dev.streamlog.model.ErrorCode#NOT_LEADER}'s code
 * @param message   what happened, for a person
 * @param leaderId  the leader the node knows of, or null when it knows none
 */
public record NotLeaderResponse(@JsonProperty("error_code") int errorCode, @JsonProperty("message") String message,
                                @JsonProperty("leader_id") Integer leaderId) {
}
