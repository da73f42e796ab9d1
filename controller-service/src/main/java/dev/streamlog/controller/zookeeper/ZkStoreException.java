package dev.streamlog.controller.zookeeper;

/**
 * ZooKeeper could not be read or written (connection loss, timeout, interruption, unexpected
 * data). After a failed write the outcome is unknown, so the controller reloads its image. Immutable.
 */
public class ZkStoreException extends RuntimeException {

    public ZkStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ZkStoreException(String message) {
        super(message);
    }
}
