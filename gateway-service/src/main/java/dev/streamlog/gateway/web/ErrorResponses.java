package dev.streamlog.gateway.web;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ErrorResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds error answers: the code's HTTP status, {@code application/json} (which {@link AnswerMediaType} turns into
 * the type the client negotiated), an {@link ErrorResponse}. Stateless.
 */
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

    /**
     * Writes the error answer straight to a response not committed yet, for code outside Spring MVC's handlers: the
     * status, {@code Connection: close} (the rest of the body is not read), {@code Retry-After: 1} with a 429 (unless
     * the caller set one), the
     * JSON body; and records the code for the request metrics.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, JsonMapper json,
                             ErrorCode code, String message) throws IOException {
        request.setAttribute(ERROR_CODE_ATTRIBUTE, code.code());
        response.setStatus(code.httpStatus());
        response.setContentType(AnswerMediaType.forError(request).toString());
        response.setHeader(HttpHeaders.CONNECTION, "close");
        if (code == ErrorCode.TOO_MANY_REQUESTS && !response.containsHeader(HttpHeaders.RETRY_AFTER)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        json.writeValue(response.getOutputStream(), code.response(message));
    }
}
