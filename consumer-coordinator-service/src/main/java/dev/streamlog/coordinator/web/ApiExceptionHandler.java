package dev.streamlog.coordinator.web;

import dev.streamlog.client.metadata.MetadataUnavailableException;
import dev.streamlog.coordinator.group.CoordinatorException;
import dev.streamlog.coordinator.offsets.OffsetsStorageException;
import dev.streamlog.coordinator.ownership.NotCoordinatorException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ErrorResponse;
import dev.streamlog.support.web.JsonBodyErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps exceptions to error bodies: the coordinator's own refusals ({@link CoordinatorException},
 * {@link NotCoordinatorException}, {@link OffsetsStorageException}) to their codes; metadata not
 * loaded yet and an asynchronous request out of time to 503/50003; a bad path value to 400/40001;
 * a caller that went away to no answer; a JSON body that cannot be read as {@link JsonBodyErrors} says (400, 413
 * or 422 naming the field);
 * a framework rejection to the generic code of its status; anything else to 500/50002 (logged).
 * Stateless.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(CoordinatorException.class)
    ResponseEntity<ErrorResponse> refused(CoordinatorException e) {
        return error(e.errorCode(), e.getMessage());
    }

    @ExceptionHandler(NotCoordinatorException.class)
    ResponseEntity<ErrorResponse> notCoordinator(NotCoordinatorException e) {
        return error(e.errorCode(), e.getMessage());
    }

    @ExceptionHandler(OffsetsStorageException.class)
    ResponseEntity<ErrorResponse> storage(OffsetsStorageException e) {
        return error(e.errorCode(), e.getMessage());
    }

    @ExceptionHandler(MetadataUnavailableException.class)
    ResponseEntity<ErrorResponse> metadataUnavailable(MetadataUnavailableException e) {
        return error(ErrorCode.RETRIABLE, e.getMessage());
    }

    @ExceptionHandler(AsyncRequestTimeoutException.class)
    ResponseEntity<ErrorResponse> tooSlow(AsyncRequestTimeoutException e) {
        return error(ErrorCode.RETRIABLE, "the request took too long; retry");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException e) {
        JsonBodyErrors.Answer answer = JsonBodyErrors.of(e);
        return error(answer.code(), answer.message());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorResponse> badValue(MethodArgumentTypeMismatchException e) {
        return error(ErrorCode.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getName());
    }

    /** The caller went away (its timeout closed the connection): nothing to answer, nothing to log loudly. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void callerGone(AsyncRequestNotUsableException e) {
        log.debug("The caller went away before the answer: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception e) {
        if (e instanceof org.springframework.web.ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            String detail = framework.getBody().getDetail();
            return error(ErrorCode.forHttpStatus(framework.getStatusCode().value()),
                    detail == null ? "the request was refused (HTTP " + framework.getStatusCode().value() + ")" : detail);
        }
        log.error("Unexpected error answering a request", e);
        return error(ErrorCode.INTERNAL_ERROR, "internal error: " + e.getClass().getSimpleName());
    }

    private static ResponseEntity<ErrorResponse> error(ErrorCode code, String message) {
        return ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON)
                .body(code.response(message));
    }
}
