package dev.streamlog.storage.partition;

/**
 * An acks=all append refused before anything was written because the partition has fewer in-sync replicas
 * than its {@code min.insync.replicas} (Kafka's {@code NOT_ENOUGH_REPLICAS}, not to be confused with the
 * "after append" case, a {@link ReplicationException}). Answered 503 with the internal code
 * {@link dev.streamlog.model.ErrorCode#UNAVAILABLE}, so the caller knows asking again cannot write twice.
 * Immutable.
 */
public final class NotEnoughReplicasException extends RuntimeException {

    public NotEnoughReplicasException(String message) {
        super(message);
    }
}
