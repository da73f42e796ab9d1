package dev.streamlog.storage.log.errors;

/** An offset argument is negative. */
public final class InvalidOffsetException extends LogException {

    public InvalidOffsetException(String what, long offset) {
        super(what + " must not be negative, got " + offset);
    }
}
