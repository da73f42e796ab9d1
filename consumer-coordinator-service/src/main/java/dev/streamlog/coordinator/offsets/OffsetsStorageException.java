package dev.streamlog.coordinator.offsets;

import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;

/**
 * A read or write of {@code __consumer_offsets} failed at the storage layer; {@link #errorCode()} is
 * what the coordinator answers for it (503/50003 when the cause is not more specific).
 */
public class OffsetsStorageException extends RuntimeException {

    private final ErrorCode errorCode;

    public OffsetsStorageException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode == null ? ErrorCode.RETRIABLE : errorCode;
    }

    /** The exception for a storage call that did not answer {@link StorageResult.Ok}. */
    static OffsetsStorageException of(TopicPartition partition, StorageResult<?> result) {
        if (result instanceof StorageResult.Failed<?> failed) {
            return new OffsetsStorageException(failed.code().httpStatus() >= 500 ? failed.code() : ErrorCode.RETRIABLE,
                    partition + ": " + failed.message());
        }
        return new OffsetsStorageException(ErrorCode.RETRIABLE, partition + ": unexpected answer " + result);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
