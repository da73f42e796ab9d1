package dev.streamlog.storage.partition;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.log.PartitionLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A partition replica this node holds: its open log, the lock that makes one append request's
 * batches consecutive in it, and its replication state: the {@link Leadership} this node knows,
 * the high watermark and, while this node leads, each follower's progress.
 *
 * <p>As leader the high watermark is the least log end offset over the ISR (this node's
 * included); it never decreases while this node leads. As follower it is the leader's, capped
 * at the local log end. A follower joins the ISR once it has fetched up to the high watermark,
 * and is due to leave it when it was last caught up longer ago than the lag limit.
 *
 * <p>Thread-safe. The replication state is guarded by this object's monitor; reads of the
 * leadership and the high watermark are lock-free (volatile). Lock order:
 * {@link #appendLock()}, then this object's monitor, then the log's internal lock.
 */
public final class HostedPartition {

    /** What applying a newer leadership changed for this node. */
    public enum Transition {
        /** Nothing this node acts on. */
        NONE,
        /** This node leads now, in a new epoch. */
        LEADER,
        /** Another broker leads now (or nobody), or the leader's epoch changed. */
        FOLLOWER,
        /** This node still leads in the same epoch; the ISR changed. */
        ISR_CHANGED
    }

    private final int localId;
    private final PartitionLog log;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Map<Integer, FollowerProgress> followers = new HashMap<>();
    private volatile Leadership leadership = Leadership.UNKNOWN;
    private volatile long highWatermark;
    private volatile int minInsyncReplicas = 1;

    public HostedPartition(int localId, PartitionLog log) {
        this.localId = localId;
        this.log = log;
        this.highWatermark = log.logStartOffset();
    }

    public TopicPartition topicPartition() {
        return log.topicPartition();
    }

    public PartitionLog log() {
        return log;
    }

    /** Held while the batches of one append request (a truncation, or a deletion) go into the log. */
    public ReentrantLock appendLock() {
        return appendLock;
    }

    public Leadership leadership() {
        return leadership;
    }

    /** Whether this node leads the partition as far as it knows. */
    public boolean isLeader() {
        return leadership.leaderId() == localId;
    }

    /** The offset below which records are committed (readable by consumers). */
    public long highWatermark() {
        return highWatermark;
    }

    /** The topic's {@code min.insync.replicas}. */
    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    public void minInsyncReplicas(int value) {
        this.minInsyncReplicas = Math.max(1, value);
    }

    /**
     * Takes {@code next} if it is newer than the leadership known (else changes nothing). On
     * becoming leader, or leading in a new epoch, the epoch is recorded in the log, every
     * follower's progress starts unknown and counts as caught up now.
     */
    public synchronized Transition apply(Leadership next, long nowMs) {
        Leadership current = leadership;
        if (!next.newerThan(current)) {
            return Transition.NONE;
        }
        boolean wasLeading = current.leaderId() == localId;
        boolean leads = next.leaderId() == localId;
        boolean sameTerm = current.leaderId() == next.leaderId() && current.leaderEpoch() == next.leaderEpoch();
        if (leads && !sameTerm) {
            log.beginEpoch(next.leaderEpoch());
            followers.clear();
            for (int replica : next.replicas()) {
                if (replica != localId) {
                    followers.put(replica, new FollowerProgress(nowMs));
                }
            }
            highWatermark = Math.min(highWatermark, log.logEndOffset());
        } else if (!leads && wasLeading) {
            followers.clear();
        }
        leadership = next;
        if (leads) {
            return sameTerm ? Transition.ISR_CHANGED : Transition.LEADER;
        }
        return sameTerm ? Transition.NONE : Transition.FOLLOWER;
    }

    /**
     * Leader: records a follower's fetch at {@code fetchOffset}, then advances the high
     * watermark if it can.
     *
     * @return whether the high watermark advanced
     */
    public synchronized boolean followerFetched(int replicaId, long fetchOffset, long nowMs) {
        FollowerProgress progress = followers.get(replicaId);
        if (!isLeader() || progress == null) {
            return false;
        }
        progress.fetched(fetchOffset, log.logEndOffset(), nowMs);
        return advanceHighWatermark();
    }

    /**
     * Leader: moves the high watermark up to the least log end offset over the ISR (its own
     * counted only as far as {@link PartitionLog#exposableEndOffset} allows), if that is higher
     * and every ISR member's progress is known.
     *
     * @return whether it advanced
     */
    public synchronized boolean advanceHighWatermark() {
        if (!isLeader()) {
            return false;
        }
        long least = log.exposableEndOffset();
        for (int replica : leadership.isr()) {
            if (replica == localId) {
                continue;
            }
            FollowerProgress progress = followers.get(replica);
            if (progress == null || progress.logEndOffset() == FollowerProgress.UNKNOWN) {
                return false;
            }
            least = Math.min(least, progress.logEndOffset());
        }
        if (least > highWatermark) {
            highWatermark = least;
            return true;
        }
        return false;
    }

    /** Leader: the ISR members (other than this node) not caught up within {@code lagMaxMs}. */
    public synchronized List<Integer> laggingReplicas(long nowMs, long lagMaxMs) {
        List<Integer> lagging = new ArrayList<>();
        if (!isLeader()) {
            return lagging;
        }
        for (int replica : leadership.isr()) {
            FollowerProgress progress = followers.get(replica);
            if (replica != localId && (progress == null || nowMs - progress.lastCaughtUpMs() > lagMaxMs)) {
                lagging.add(replica);
            }
        }
        return lagging;
    }

    /**
     * While this node leads: how far each follower is behind the log end, in offsets (from the offset its last
     * fetch asked for; the whole log while it has not fetched yet). Empty otherwise.
     */
    public synchronized Map<Integer, Long> followerLags() {
        if (!isLeader()) {
            return Map.of();
        }
        long end = log.logEndOffset();
        Map<Integer, Long> lags = new TreeMap<>();
        followers.forEach((replica, progress) -> lags.put(replica, progress.logEndOffset() == FollowerProgress.UNKNOWN
                ? end - log.logStartOffset() : Math.max(0, end - progress.logEndOffset())));
        return lags;
    }

    /** Leader: whether a replica outside the ISR has fetched up to the high watermark. */
    public synchronized boolean mayJoinIsr(int replicaId) {
        FollowerProgress progress = followers.get(replicaId);
        return isLeader() && progress != null && !leadership.isr().contains(replicaId)
                && progress.logEndOffset() != FollowerProgress.UNKNOWN && progress.logEndOffset() >= highWatermark;
    }

    /** Follower: takes the leader's high watermark, capped at the local log end. */
    public synchronized void followLeaderHighWatermark(long leaderHighWatermark) {
        if (!isLeader()) {
            highWatermark = Math.min(leaderHighWatermark, log.logEndOffset());
        }
    }

    /** Follower: after a truncation the high watermark is at most the new log end. */
    public synchronized void truncated() {
        highWatermark = Math.min(highWatermark, log.logEndOffset());
    }
}
