package dev.streamlog.storage.web;

/** A request parameter or body is malformed or out of range: answered 400 with error code 40001. Immutable. */
public final class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
