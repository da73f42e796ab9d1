package dev.streamlog.coordinator.commit;

import dev.streamlog.model.ErrorCode;

/** A request the coordinator refuses, with the API's code for it. */
public class CoordinatorException extends RuntimeException {

    private final ErrorCode errorCode;

    public CoordinatorException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
