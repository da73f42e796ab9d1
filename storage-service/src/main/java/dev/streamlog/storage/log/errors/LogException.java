package dev.streamlog.storage.log.errors;

/**
 * Base of every exception the log engine throws on purpose. Each subclass names one
 * failure case, so the HTTP layer can map it to one error code; the engine lets no other
 * runtime exception escape for bad input.
 */
public abstract class LogException extends RuntimeException {

    protected LogException(String message) {
        super(message);
    }

    protected LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
