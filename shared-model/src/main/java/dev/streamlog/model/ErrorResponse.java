package dev.streamlog.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of every error answer: {@code {"error_code": 40401, "message": "..."}}.
 *
 * @param errorCode an {@link ErrorCode#code()}
 * @param message   what was wrong, for a person
 */
public record ErrorResponse(@JsonProperty("error_code") int errorCode, @JsonProperty("message") String message) {
}
