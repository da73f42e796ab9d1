package dev.streamlog.storage.log.errors;

/** A topic name or partition number breaks the shared naming rule; no path was built from it. */
public final class InvalidTopicException extends LogException {

    public InvalidTopicException(String message) {
        super(message);
    }
}
