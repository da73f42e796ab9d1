package dev.streamlog.storage.log.errors;

/** A size argument (such as {@code maxBytes} of a read) is negative. */
public final class InvalidSizeException extends LogException {

    public InvalidSizeException(String what, long size) {
        super(what + " must not be negative, got " + size);
    }
}
