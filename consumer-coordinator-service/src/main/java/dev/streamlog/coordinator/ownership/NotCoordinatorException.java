package dev.streamlog.coordinator.ownership;

import dev.streamlog.model.ErrorCode;

/**
 * This coordinator cannot serve a group now: another one owns its {@code __consumer_offsets}
 * partition ({@link ErrorCode#NOT_COORDINATOR}, 421: ask the lease holder), or this one is still
 * loading it, or no one owns it yet ({@link ErrorCode#RETRIABLE}, 503: retry shortly).
 */
public class NotCoordinatorException extends RuntimeException {

    private final ErrorCode errorCode;

    NotCoordinatorException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
