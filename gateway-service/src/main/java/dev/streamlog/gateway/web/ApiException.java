package dev.streamlog.gateway.web;

import dev.streamlog.model.ErrorCode;

/**
 * A request the gateway refuses or cannot serve, with the error code its answer carries; turned into
 * {@code {"error_code","message"}} by {@link ApiExceptionHandler}. Immutable.
 */
public class ApiException extends RuntimeException {

    private final transient ErrorCode errorCode;

    public ApiException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
