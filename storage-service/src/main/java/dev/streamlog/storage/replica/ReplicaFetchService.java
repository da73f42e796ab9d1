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
import dev.streamlog.storage.web.ApiExceptionHandler;
import dev.streamlog.storage.web.BadRequestException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * The leader's side of replication. A follower fetches every partition it follows from this
 * broker in one request ({@link ReplicaFetchRequest}). Its position {@code o} in a partition tells
 * the leader that the follower holds everything below {@code o}: the leader records it (which may
 * move the high watermark, and may let the follower back into the ISR), then answers with the raw
 * batches from {@code o} on, up to its log end (followers copy uncommitted records too), with the
 * high watermark, for every partition of the request in its order, within the request's byte
 * budget. When no partition has anything new the answer waits (without a thread) for an append to
 * any of them, at most the asked timeout. A high watermark move alone does not end the wait, as in
 * Kafka: it would cost every replicated batch a second round trip per follower, and a follower
 * needs the high watermark only when it becomes leader, where a value at most one wait old is fine
 * (the new leader's high watermark catches up as soon as its followers fetch).
 *
 * <p>A partition asked in another leader epoch than this leader's ({@link FencedException}: the
 * follower has missed a leader change, or this node has), or at an offset outside the log, or
 * that this node does not lead, is answered with that error in its place; the others are served.
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
     * Records the follower's positions and answers each partition, at once when one has something
     * new (or an error), else once one has or the wait is over.
     */
    public CompletableFuture<List<PartitionFetch>> fetch(ReplicaFetchRequest request) {
        List<FetchPosition> positions = request.positions();
        List<HostedPartition> replicas = new ArrayList<>(positions.size());
        RuntimeException[] refusals = new RuntimeException[positions.size()];
        boolean ready = positions.isEmpty();
        for (int i = 0; i < positions.size(); i++) {
            try {
                HostedPartition replica = followed(positions.get(i), request.replicaId());
                ready |= replica.log().logEndOffset() > positions.get(i).offset();
                replicas.add(replica);
            } catch (RuntimeException refused) {
                refusals[i] = refused;
                ready = true;
            }
        }
        Duration wait = Duration.ofMillis(Math.min(request.maxWaitMs(), maxWait.toMillis()));
        if (ready || wait.isZero()) {
            return CompletableFuture.completedFuture(answer(request, refusals));
        }
        List<CompletableFuture<Void>> appended = new ArrayList<>(positions.size());
        for (int i = 0; i < positions.size(); i++) { // no refusals here: every position has its replica
            FetchPosition position = positions.get(i);
            appended.add(waiters.await(position.partition(), position.offset(), wait,
                    replicas.get(i).log()::logEndOffset));
        }
        return CompletableFuture.anyOf(appended.toArray(CompletableFuture[]::new)).thenApply(woken -> {
            appended.forEach(waiter -> waiter.complete(null));
            return answer(request, refusals);
        });
    }

    /** Checks one position and records the follower's progress; returns the leader's replica. */
    private HostedPartition followed(FetchPosition position, int replicaId) {
        TopicPartition tp = position.partition();
        LeaderReplica leader = leaderInEpoch(tp.topic(), tp.partition(), position.leaderEpoch());
        HostedPartition replica = leader.replica();
        if (replicaId == localId || !replica.leadership().replicas().contains(replicaId)) {
            throw new BadRequestException("broker " + replicaId + " is not a follower of " + tp
                    + "; its replicas are " + replica.leadership().replicas());
        }
        long offset = position.offset();
        checkInLog(replica.log(), offset);
        if (replica.followerFetched(replicaId, offset, clock.millis())) {
            signals.highWatermarkAdvanced(replica);
        }
        if (replica.mayJoinIsr(replicaId)) {
            isr.requestExpansion(replica, replicaId);
        }
        return replica;
    }

    /**
     * Every partition's answer, in the request's order, the record bytes within its budget; a position refused
     * when the request came is answered with its refusal.
     */
    private List<PartitionFetch> answer(ReplicaFetchRequest request, RuntimeException[] refusals) {
        List<PartitionFetch> answers = new ArrayList<>(request.positions().size());
        long budget = Math.max(1, request.maxBytes());
        for (int i = 0; i < request.positions().size(); i++) {
            FetchPosition position = request.positions().get(i);
            TopicPartition tp = position.partition();
            RuntimeException refused = refusals[i];
            if (refused == null) {
                try {
                    HostedPartition replica = leaderInEpoch(tp.topic(), tp.partition(), position.leaderEpoch())
                            .replica();
                    checkInLog(replica.log(), position.offset());
                    FetchedBatches fetched = read(replica, position.offset(), (int) Math.min(budget,
                            Integer.MAX_VALUE));
                    budget = Math.max(0, budget - fetched.batches().remaining());
                    answers.add(PartitionFetch.of(tp, fetched));
                    continue;
                } catch (RuntimeException e) {
                    refused = e;
                }
            }
            answers.add(PartitionFetch.failed(tp, ApiExceptionHandler.toResponse(refused).getStatusCode().value(),
                    String.valueOf(refused.getMessage())));
        }
        return answers;
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

    /** @throws OffsetOutOfRangeException if a follower at {@code offset} is outside the log */
    private static void checkInLog(PartitionLog log, long offset) {
        if (offset < log.logStartOffset() || offset > log.logEndOffset()) {
            throw new OffsetOutOfRangeException(offset, log.logStartOffset(), log.logEndOffset());
        }
    }

    /** The batches from {@code offset} on, at most {@code maxBytes} of them (none for 0; one batch may exceed it). */
    private static FetchedBatches read(HostedPartition replica, long offset, int maxBytes) {
        PartitionLog log = replica.log();
        long highWatermark = replica.highWatermark();
        long logEnd = log.logEndOffset();
        byte[] bytes = new byte[0];
        if (maxBytes > 0 && offset < logEnd) {
            LogSlice slice = log.read(offset, maxBytes, Long.MAX_VALUE);
            bytes = new byte[slice.sizeInBytes()];
            if (!slice.isEmpty()) {
                slice.readInto(ByteBuffer.wrap(bytes));
            }
        }
        return new FetchedBatches(highWatermark, log.logStartOffset(), logEnd, ByteBuffer.wrap(bytes));
    }
}
