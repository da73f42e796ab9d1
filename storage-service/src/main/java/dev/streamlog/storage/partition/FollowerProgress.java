package dev.streamlog.storage.partition;

/**
 * What a leader knows of one follower: the follower's log end offset (the offset of its latest
 * fetch) and the last time it was caught up. A follower counts as caught up at a fetch that
 * asks for the leader's log end offset, and also at the time of its previous fetch when this
 * fetch reaches the end the leader had then (a follower of a busy leader is never exactly at
 * the end, yet keeps up). Not thread-safe: guarded by its {@link HostedPartition}'s lock.
 */
final class FollowerProgress {

    /** The log end offset of a follower that has not fetched since this node became leader. */
    static final long UNKNOWN = -1;

    private long logEndOffset = UNKNOWN;
    private long lastCaughtUpMs;
    private long lastFetchMs;
    private long leaderEndAtLastFetch = Long.MAX_VALUE;

    FollowerProgress(long lastCaughtUpMs) {
        this.lastCaughtUpMs = lastCaughtUpMs;
    }

    void fetched(long fetchOffset, long leaderEndOffset, long nowMs) {
        if (fetchOffset >= leaderEndOffset) {
            lastCaughtUpMs = nowMs;
        } else if (fetchOffset >= leaderEndAtLastFetch) {
            lastCaughtUpMs = Math.max(lastCaughtUpMs, lastFetchMs);
        }
        logEndOffset = fetchOffset;
        leaderEndAtLastFetch = leaderEndOffset;
        lastFetchMs = nowMs;
    }

    long logEndOffset() {
        return logEndOffset;
    }

    long lastCaughtUpMs() {
        return lastCaughtUpMs;
    }
}
