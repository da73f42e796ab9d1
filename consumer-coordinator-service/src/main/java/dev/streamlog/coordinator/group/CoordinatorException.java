package dev.streamlog.coordinator.group;

import dev.streamlog.model.ErrorCode;

/** A request the coordinator refuses (bad input, a conflict with the group's state), with the API's code for it. */
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
