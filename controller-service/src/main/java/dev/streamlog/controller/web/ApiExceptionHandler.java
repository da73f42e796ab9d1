package dev.streamlog.controller.web;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ErrorResponse;
import dev.streamlog.support.web.JsonBodyErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps exceptions to error bodies: {@link AdminException} to its code; a JSON body that cannot
 * be read as {@link JsonBodyErrors} says (400 not JSON, 413 past the JSON limits, 422 naming the
 * field and the JSON it must be); an unsupported request media type to
 * 415/415; an unknown route to 404/404; a wrong method to 405/405; a bad path value to
 * 400/40001; anything else to 500/50002 (logged). Stateless.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(AdminException.class)
    ResponseEntity<ErrorResponse> admin(AdminException e) {
        return error(e.errorCode(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException e) {
        JsonBodyErrors.Answer answer = JsonBodyErrors.of(e);
        return error(answer.code(), answer.message());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorResponse> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return error(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content type " + e.getContentType()
                + " is not supported; use one of " + e.getSupportedMediaTypes());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorResponse> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return error(ErrorCode.NOT_ACCEPTABLE, "cannot answer in an accepted media type; answers are "
                + MediaType.APPLICATION_JSON_VALUE);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorResponse> noRoute(Exception e) {
        return error(ErrorCode.NOT_FOUND, "no such route: " + e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorResponse> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return error(ErrorCode.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " is not allowed here; allowed: "
                + e.getSupportedHttpMethods());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorResponse> badPathValue(MethodArgumentTypeMismatchException e) {
        return error(ErrorCode.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getName());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception e) {
        if (e instanceof org.springframework.web.ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            return error(ErrorCode.forHttpStatus(framework.getStatusCode().value()), framework.getBody().getDetail());
        }
        log.error("Unexpected error answering a request", e);
        return error(ErrorCode.INTERNAL_ERROR, "internal error: " + e.getClass().getSimpleName());
    }

    static ResponseEntity<ErrorResponse> error(ErrorCode code, String message) {
        return ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON)
                .body(code.response(message));
    }
}
