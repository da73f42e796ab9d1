package dev.streamlog.storage.log.errors;

/** An argument other than an offset or a size is out of its range (a negative epoch or timestamp). */
public final class InvalidArgumentException extends LogException {

    public InvalidArgumentException(String message) {
        super(message);
    }
}
