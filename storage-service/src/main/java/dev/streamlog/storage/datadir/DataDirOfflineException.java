package dev.streamlog.storage.datadir;

/**
 * A request this node cannot serve because its data dir is offline (a write failed on it, or its free space fell
 * below the floor): nothing was written by the request. Answered 503 with the internal code
 * {@link dev.streamlog.model.ErrorCode#UNAVAILABLE}, so the gateway asks again, at the partition's next leader.
 * Immutable.
 */
public final class DataDirOfflineException extends RuntimeException {

    public DataDirOfflineException(String message) {
        super(message);
    }
}
