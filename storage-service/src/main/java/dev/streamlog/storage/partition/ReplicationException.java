package dev.streamlog.storage.partition;

/**
 * An appended write that is not known to be committed, answered 503/50003 so the client may
 * retry: replication that did not finish in time, a leadership that changed meanwhile, or an ISR
 * that shrank below {@code min.insync.replicas} after the append (the records may or may not end
 * up committed). A write refused before anything was appended is a
 * {@link NotEnoughReplicasException}. Immutable.
 */
public final class ReplicationException extends RuntimeException {

    public ReplicationException(String message) {
        super(message);
    }
}
