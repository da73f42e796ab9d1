package dev.streamlog.gateway.web;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ErrorResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Builds error answers: the code's HTTP status, {@code application/json}, an {@link ErrorResponse}. Stateless. */
public final class ErrorResponses {

    /**
     * The request attribute holding the {@code error_code} (an {@link Integer}) of the error answer a request got,
     * for the request metrics; set by whatever writes the error body.
     */
    public static final String ERROR_CODE_ATTRIBUTE = ErrorResponses.class.getName() + ".errorCode";

    private ErrorResponses() {
    }

    /** The answer for {@code code} with {@code message}. */
    public static ResponseEntity<ErrorResponse> of(ErrorCode code, String message) {
        return ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON)
                .body(code.response(message));
    }

    /** The answer for an {@link ApiException}. */
    public static ResponseEntity<ErrorResponse> of(ApiException e) {
        return of(e.errorCode(), e.getMessage());
    }
}
