package dev.streamlog.gateway.consumer;

import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ErrorResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A coordinator's answer as the gateway passes it on: its status and JSON body (null when none),
 * or an error the gateway made itself ({@code error}); and whether it means "ask the group's new
 * coordinator" (421, or no connection). Immutable by convention (the body array is not copied).
 *
 * @param status the HTTP status
 * @param body   the coordinator's body, or null
 * @param error  the gateway's own error, or null
 * @param moved  whether the call should go to a freshly looked-up coordinator
 */
public record CoordinatorAnswer(int status, byte[] body, ErrorResponse error, boolean moved) {

    private static final int MISDIRECTED = 421;

    /** The coordinator's answer; 421 means it moved. */
    static CoordinatorAnswer of(int status, byte[] body) {
        return new CoordinatorAnswer(status, body, null, status == MISDIRECTED);
    }

    /** No connection to the coordinator: it moved (or died). */
    static CoordinatorAnswer unreachable(String coordinator) {
        return new CoordinatorAnswer(ErrorCode.RETRIABLE.httpStatus(), null,
                ErrorCode.RETRIABLE.response("the coordinator at " + coordinator + " is unreachable; retry"), true);
    }

    /** An answer the gateway makes itself. */
    static CoordinatorAnswer error(ErrorCode code, String message) {
        return new CoordinatorAnswer(code.httpStatus(), null, code.response(message), false);
    }

    /**
     * The answer to give the client: the coordinator's status and JSON body ({@code okType} on a
     * success, {@code application/json} on an error), the gateway's own error, or, for a 421 that
     * survived the retry, 503/50003.
     */
    public ResponseEntity<?> toResponse(JsonMapper json, MediaType okType) {
        if (error != null) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error);
        }
        if (moved) {
            return ErrorResponses.of(ErrorCode.RETRIABLE, "the group's coordinator is moving; retry");
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
        if (body == null || body.length == 0) {
            return builder.build();
        }
        try {
            JsonNode node = json.readTree(body);
            return builder.contentType(ok() ? okType : MediaType.APPLICATION_JSON).body(node);
        } catch (JacksonException e) {
            return ErrorResponses.of(ErrorCode.RETRIABLE, "the coordinator answered HTTP " + status
                    + " with a body that is not JSON; retry");
        }
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "HTTP " + status + (body != null ? " " + new String(body, StandardCharsets.UTF_8)
                : error != null ? " " + error.message() : "");
    }
}
