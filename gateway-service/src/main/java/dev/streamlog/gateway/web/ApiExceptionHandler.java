package dev.streamlog.gateway.web;

import dev.streamlog.client.metadata.MetadataUnavailableException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ErrorResponse;
import dev.streamlog.support.web.JsonBodyErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps exceptions to error answers: an {@link ApiException} to its code; metadata not loaded yet to 503/50003; a JSON
 * body that cannot be read into its record as {@link JsonBodyErrors} says (400, 413 or 422 naming the field); an
 * unknown route to 404/404; a wrong method to 405/405; an unsupported request media type to 415/415; an
 * {@code Accept} nothing matches to 406/40601; a missing or non-numeric parameter or path value and an unreadable
 * body to 400/40001; an asynchronous request that ran out of time to 503/50003; a client that went away to no
 * answer at all; any other framework rejection to the generic code of its status; anything else to 500/50002
 * (logged, never for bad input). Stateless.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorResponse> api(ApiException e) {
        return ErrorResponses.of(e);
    }

    @ExceptionHandler(MetadataUnavailableException.class)
    ResponseEntity<ErrorResponse> metadataUnavailable(MetadataUnavailableException e) {
        return ErrorResponses.of(ErrorCode.RETRIABLE, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException e) {
        JsonBodyErrors.Answer answer = JsonBodyErrors.of(e);
        return ErrorResponses.of(answer.code(), answer.message());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorResponse> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return ErrorResponses.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content type " + e.getContentType()
                + " is not supported here; use one of " + e.getSupportedMediaTypes());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorResponse> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ErrorResponses.of(ErrorCode.NOT_ACCEPTABLE, "cannot answer in a media type the Accept header allows;"
                + " this route answers application/json or application/vnd.kafka.v2+json");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorResponse> noRoute(Exception e) {
        return ErrorResponses.of(ErrorCode.NOT_FOUND, "no such route: " + e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorResponse> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return ErrorResponses.of(ErrorCode.METHOD_NOT_ALLOWED, "method " + e.getMethod()
                + " is not allowed here; allowed: " + e.getSupportedHttpMethods());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorResponse> badValue(MethodArgumentTypeMismatchException e) {
        return ErrorResponses.of(ErrorCode.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorResponse> missingParameter(MissingServletRequestParameterException e) {
        return ErrorResponses.of(ErrorCode.BAD_REQUEST, "query parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(AsyncRequestTimeoutException.class)
    ResponseEntity<ErrorResponse> asyncTimeout(AsyncRequestTimeoutException e) {
        return ErrorResponses.of(ErrorCode.RETRIABLE, "the request timed out; retry");
    }

    /** The client went away (e.g. during a long poll): there is no one to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("The client went away before its answer was written: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AsyncRequestNotUsableException gone) {
                clientGone(gone);
                return null;
            }
        }
        if (e instanceof org.springframework.web.ErrorResponse framework
                && framework.getStatusCode().is4xxClientError()) {
            String detail = framework.getBody().getDetail();
            return ErrorResponses.of(ErrorCode.forHttpStatus(framework.getStatusCode().value()),
                    detail == null ? "request refused with status " + framework.getStatusCode().value() : detail);
        }
        log.error("Unexpected error answering a request", e);
        return ErrorResponses.of(ErrorCode.INTERNAL_ERROR, "internal error: " + e.getClass().getSimpleName());
    }
}
