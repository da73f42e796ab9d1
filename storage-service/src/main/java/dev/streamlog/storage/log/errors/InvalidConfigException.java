package dev.streamlog.storage.log.errors;

/** A log configuration property is unknown or its value is out of range. */
public final class InvalidConfigException extends LogException {

    public InvalidConfigException(String message) {
        super(message);
    }
}
