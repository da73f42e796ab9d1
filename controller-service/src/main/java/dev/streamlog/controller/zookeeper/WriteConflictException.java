package dev.streamlog.controller.zookeeper;

/**
 * A transaction failed because a znode was not as the controller's image said (a version
 * changed, a znode exists or is missing). Nothing of the transaction was applied; the image is
 * stale and must be reloaded. Immutable.
 */
public class WriteConflictException extends ZkStoreException {

    public WriteConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
