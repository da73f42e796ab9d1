package dev.streamlog.storage.partition;

import dev.streamlog.model.TopicPartition;

/** This node does not lead the partition; carries the leader it knows of, if any. Immutable. */
public final class NotLeaderException extends RuntimeException {

    private final Integer leaderId;

    public NotLeaderException(TopicPartition partition, Integer leaderId) {
        super("this node does not lead " + partition
                + (leaderId == null ? "" : "; the leader is broker " + leaderId));
        this.leaderId = leaderId;
    }

    /** The leader's broker id, or null when unknown. */
    public Integer leaderId() {
        return leaderId;
    }
}
