package dev.streamlog.storage.partition;

import dev.streamlog.model.ErrorCode;

/**
 * A request named a partition this node cannot serve for a reason other than leadership: an
 * unknown topic ({@link ErrorCode#TOPIC_NOT_FOUND}), a partition out of range
 * ({@link ErrorCode#PARTITION_NOT_FOUND}), a partition without a leader
 * ({@link ErrorCode#LEADER_NOT_AVAILABLE}) or a moment when the node is not ready to serve it
 * ({@link ErrorCode#UNAVAILABLE}: the metadata not loaded yet, a replica not opened yet). Nothing
 * was done in every case. Carries the answer's error code. Immutable.
 */
public final class PartitionRoutingException extends RuntimeException {

    private final ErrorCode errorCode;

    public PartitionRoutingException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
