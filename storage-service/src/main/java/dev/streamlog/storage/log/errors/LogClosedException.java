package dev.streamlog.storage.log.errors;

/** The partition log (or the log manager) was closed or deleted before or during the call. */
public final class LogClosedException extends LogException {

    public LogClosedException(String message) {
        super(message);
    }
}
