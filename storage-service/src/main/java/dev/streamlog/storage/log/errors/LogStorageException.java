package dev.streamlog.storage.log.errors;

import java.io.IOException;

/** The file system failed under the log (disk full, I/O error, a lock held by another process). */
public final class LogStorageException extends LogException {

    public LogStorageException(String message, IOException cause) {
        super(message + ": " + cause, cause);
    }

    public LogStorageException(String message) {
        super(message);
    }
}
