package dev.streamlog.storage.web;

/** A request body is larger than this node reads: answered 413 with error code 41301. Immutable. */
public final class RequestTooLargeException extends RuntimeException {

    public RequestTooLargeException(String message) {
        super(message);
    }
}
