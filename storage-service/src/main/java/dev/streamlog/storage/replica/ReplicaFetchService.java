package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.EpochEndOffsetResponse;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.log.EpochEndOffset;
import dev.streamlog.storage.log.LogSlice;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.log.errors.OffsetOutOfRangeException;
import dev.streamlog.storage.partition.FencedException;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.LeaderReplica;
import dev.streamlog.storage.partition.LogEndWaiters;
import dev.streamlog.storage.partition.PartitionRouter;
import dev.streamlog.storage.partition.PartitionSignals;
import dev.streamlog.storage.web.BadRequestException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * The leader's side of replication. A follower's fetch at offset {@code o} tells the leader
 * that the follower holds everything below {@code o}: the leader records it (which may move the
 * high watermark, and may let the follower back into the ISR), then answers with the raw
 * batches from {@code o} on, up to its log end (followers copy uncommitted records too), with
 * the high watermark. When there is nothing new the answer waits (without a thread) for an
 * append, at most the asked timeout. A high watermark move alone does not end the wait, as in
 * Kafka: it would cost every replicated batch a second round trip per follower, and a
 * follower needs the high watermark only when it becomes leader, where a value at most one
 * wait old is fine (the new leader's high watermark catches up as soon as its followers fetch).
 *
 * <p>A fetch or epoch question in another leader epoch than this leader's is refused
 * ({@link FencedException}): the follower has missed a leader change, or this node has.
 *
 * <p>Thread-safe.
 */
@Service
public class ReplicaFetchService {

    private final PartitionRouter router;
    private final LogEndWaiters waiters;
    private final PartitionSignals signals;
    private final IsrMaintenance isr;
    private final Clock clock;
    private final int localId;
    private final Duration maxWait;

    public ReplicaFetchService(PartitionRouter router, LogEndWaiters waiters, PartitionSignals signals,
                               IsrMaintenance isr, Clock clock, StorageProperties properties) {
        this.router = router;
        this.waiters = waiters;
        this.signals = signals;
        this.isr = isr;
        this.clock = clock;
        this.localId = properties.nodeId();
        this.maxWait = properties.read().maxWait();
    }

    /**
     * @throws FencedException           if {@code leaderEpoch} is not this leader's epoch
     * @throws OffsetOutOfRangeException if {@code offset} is outside the leader's log
     */
    public CompletableFuture<FetchedBatches> fetch(String topic, int partition, int replicaId, long offset,
                                                   int leaderEpoch, int maxBytes, long timeoutMs) {
        LeaderReplica leader = leaderInEpoch(topic, partition, leaderEpoch);
        HostedPartition replica = leader.replica();
        if (replicaId == localId || !replica.leadership().replicas().contains(replicaId)) {
            throw new BadRequestException("broker " + replicaId + " is not a follower of " + leader.topicPartition()
                    + "; its replicas are " + replica.leadership().replicas());
        }
        PartitionLog log = replica.log();
        if (offset < log.logStartOffset() || offset > log.logEndOffset()) {
            throw new OffsetOutOfRangeException(offset, log.logStartOffset(), log.logEndOffset());
        }
        if (replica.followerFetched(replicaId, offset, clock.millis())) {
            signals.highWatermarkAdvanced(replica);
        }
        if (replica.mayJoinIsr(replicaId)) {
            isr.requestExpansion(replica, replicaId);
        }
        Duration wait = Duration.ofMillis(Math.min(timeoutMs, maxWait.toMillis()));
        if (wait.isZero() || replica.log().logEndOffset() > offset) {
            return CompletableFuture.completedFuture(read(replica, offset, maxBytes));
        }
        TopicPartition tp = leader.topicPartition();
        return waiters.await(tp, offset, wait, replica.log()::logEndOffset)
                .thenApply(woken -> read(leaderInEpoch(topic, partition, leaderEpoch).replica(), offset, maxBytes));
    }

    /**
     * Where {@code epoch} ends in this leader's log: the largest epoch here not above it and the
     * start of the next one (or the log end).
     */
    public EpochEndOffsetResponse epochEndOffset(String topic, int partition, int epoch, int leaderEpoch) {
        EpochEndOffset answer = leaderInEpoch(topic, partition, leaderEpoch).replica().log().endOffsetForEpoch(epoch);
        return new EpochEndOffsetResponse(answer.epoch(), answer.endOffset());
    }

    private LeaderReplica leaderInEpoch(String topic, int partition, int leaderEpoch) {
        LeaderReplica leader = router.leader(topic, partition);
        if (leader.leaderEpoch() != leaderEpoch) {
            throw new FencedException("this node leads " + leader.topicPartition() + " in epoch "
                    + leader.leaderEpoch() + ", not " + leaderEpoch);
        }
        return leader;
    }

    private static FetchedBatches read(HostedPartition replica, long offset, int maxBytes) {
        PartitionLog log = replica.log();
        long highWatermark = replica.highWatermark();
        long logEnd = log.logEndOffset();
        LogSlice slice = log.read(offset, Math.max(1, maxBytes), Long.MAX_VALUE);
        byte[] bytes = new byte[slice.sizeInBytes()];
        if (!slice.isEmpty()) {
            slice.readInto(ByteBuffer.wrap(bytes));
        }
        return new FetchedBatches(highWatermark, log.logStartOffset(), logEnd, bytes);
    }
}
