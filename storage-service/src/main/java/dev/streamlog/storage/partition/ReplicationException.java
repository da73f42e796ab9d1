package dev.streamlog.storage.partition;

/**
 * A write that is not (or not known to be) committed, answered 503/50003 so the client may
 * retry: too few in-sync replicas to accept it ({@code NOT_ENOUGH_REPLICAS}, nothing was
 * appended), or, after the append, replication that did not finish in time or a leadership
 * that changed meanwhile (the records may or may not end up committed). Immutable.
 */
public final class ReplicationException extends RuntimeException {

    public ReplicationException(String message) {
        super(message);
    }
}
