package dev.streamlog.controller.metadata;

/**
 * The active controller's metadata as the admin API uses it: read the current image, or run a
 * command whose writes are persisted before its response is returned. Implementations are
 * thread-safe and run commands one at a time.
 */
public interface ClusterMetadata {

    /**
     * The current image with the live brokers.
     *
     * @throws AdminException with {@link dev.streamlog.model.ErrorCode#RETRIABLE} when this
     *                        instance is not the active controller
     */
    ClusterImage image();

    /**
     * Runs a command and persists its writes.
     *
     * @throws AdminException with the command's error, or {@link dev.streamlog.model.ErrorCode#RETRIABLE}
     *                        when this instance is not (or stops being) the active controller or
     *                        ZooKeeper could not be written
     */
    <T> T execute(Command<T> command);
}
