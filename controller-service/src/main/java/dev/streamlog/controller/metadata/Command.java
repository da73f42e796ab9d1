package dev.streamlog.controller.metadata;

/**
 * A controller command: validates against the current image and says what to write.
 * Implementations must not have side effects (they may be run again after a conflict) and are
 * called by one thread at a time.
 *
 * @param <T> the response type
 */
@FunctionalInterface
public interface Command<T> {

    /**
     * @param image the cluster as the active controller knows it, with the live brokers
     * @return the writes and the response
     * @throws AdminException when the request is not acceptable
     */
    ControllerResult<T> apply(ClusterImage image);
}
