package dev.streamlog.controller.metadata;

import dev.streamlog.model.ErrorCode;
import java.util.Objects;

/**
 * A request the controller refuses, with the error code the API answers with (e.g. 40002 for a
 * replication factor larger than the live brokers, 50003 from a standby). Immutable.
 */
public class AdminException extends RuntimeException {

    private final ErrorCode errorCode;

    public AdminException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode);
    }

    public AdminException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode);
    }

    /** The code (and so the HTTP status) to answer with. */
    public ErrorCode errorCode() {
        return errorCode;
    }
}
