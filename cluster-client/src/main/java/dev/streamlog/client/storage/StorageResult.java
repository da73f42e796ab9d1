package dev.streamlog.client.storage;

import dev.streamlog.model.ErrorCode;

/**
 * The outcome of one call to a storage node: its answer, a "not the leader" refusal, or a failure with the error
 * code to report for it. Every failure, remote or local (refused connection, timeout), is a value, never
 * an exception, so callers combine many calls without exception plumbing. Immutable.
 *
 * @param <T> the answer's type
 */
public sealed interface StorageResult<T> {

    /** The node answered 200 with {@code value}. */
    record Ok<T>(T value) implements StorageResult<T> {
    }

    /** The node answered 421: it does not lead the partition; {@code leaderId} is who it thinks does, or null. */
    record NotLeader<T>(Integer leaderId, String message) implements StorageResult<T> {
    }

    /**
     * The node the metadata names as leader does not know the partition yet (it has not caught up with
     * ZooKeeper, e.g. just after the topic was created); nothing was done. {@link PartitionRouter} retries these
     * briefly and turns the last one into a retriable {@link Failed}, so its callers never see this variant.
     */
    record NotReady<T>(String message) implements StorageResult<T> {
    }

    /** The call failed; the answer to the client is {@code code} with {@code message}. */
    record Failed<T>(ErrorCode code, String message) implements StorageResult<T> {
    }

    static <T> StorageResult<T> failed(ErrorCode code, String message) {
        return new Failed<>(code, message);
    }
}
