package dev.streamlog.controller.metadata;

import java.util.List;

/**
 * What a command returns: the writes that carry out its change and the response to give once
 * they are persisted (Kafka's {@code ControllerResult}). Immutable.
 *
 * @param writes   the ZooKeeper operations, in order; empty when nothing changes
 * @param response what the caller gets back
 * @param <T>      the response type
 */
public record ControllerResult<T>(List<ZkWrite> writes, T response) {

    public ControllerResult {
        writes = List.copyOf(writes);
    }

    /** A result with nothing to persist. */
    public static <T> ControllerResult<T> of(T response) {
        return new ControllerResult<>(List.of(), response);
    }
}
