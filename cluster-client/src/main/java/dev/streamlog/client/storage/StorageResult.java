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
     * Nothing was done, for a reason that clears by itself: the partition has no leader yet or its leader is
     * moving, the leader is down or could not be connected to, it does not serve the partition yet (it has not
     * caught up with a topic just created), it has too few in-sync replicas for acks=all, or its data dir is
     * offline. Asking again cannot write anything twice. {@link PartitionRouter} asks again within its patience
     * and turns the last one into a {@link Failed} with {@code code}, so its callers never see this variant.
     */
    record Unavailable<T>(ErrorCode code, String message) implements StorageResult<T> {
    }

    /** The call failed; the answer to the client is {@code code} with {@code message}. */
    record Failed<T>(ErrorCode code, String message) implements StorageResult<T> {
    }

    static <T> StorageResult<T> failed(ErrorCode code, String message) {
        return new Failed<>(code, message);
    }

    static <T> StorageResult<T> unavailable(ErrorCode code, String message) {
        return new Unavailable<>(code, message);
    }
}
