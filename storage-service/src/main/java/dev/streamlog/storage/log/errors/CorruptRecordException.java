package dev.streamlog.storage.log.errors;

/** A record batch given to append failed its checksum or its structure does not parse; nothing was written. */
public final class CorruptRecordException extends LogException {

    public CorruptRecordException(String message) {
        super(message);
    }
}
