package dev.streamlog.storage.partition;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.log.PartitionLog;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A partition replica this node holds: its open log and the lock that makes one append
 * request's batches consecutive in it (the log's own lock covers one batch only).
 *
 * <p>Thread-safe. Lock order: {@link #appendLock()} before the log's internal lock; the
 * reconciler takes it too before it deletes the log, so no request is cut half-way.
 */
public final class HostedPartition {

    private final PartitionLog log;
    private final ReentrantLock appendLock = new ReentrantLock();

    public HostedPartition(PartitionLog log) {
        this.log = log;
    }

    public TopicPartition topicPartition() {
        return log.topicPartition();
    }

    public PartitionLog log() {
        return log;
    }

    /** Held while the batches of one append request (or a deletion) go into the log. */
    public ReentrantLock appendLock() {
        return appendLock;
    }
}
