package dev.streamlog.storage.produce;

import dev.streamlog.model.Acks;
import dev.streamlog.model.batch.BatchTooLargeException;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.AppendRequest;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.datadir.DataDir;
import dev.streamlog.storage.log.AppendResult;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.log.errors.InvalidArgumentException;
import dev.streamlog.storage.log.errors.RecordTooLargeException;
import dev.streamlog.storage.metrics.StorageMetrics;
import dev.streamlog.storage.partition.HighWatermarkWaiters;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.LeaderReplica;
import dev.streamlog.storage.partition.Leadership;
import dev.streamlog.storage.partition.NotEnoughReplicasException;
import dev.streamlog.storage.partition.NotLeaderException;
import dev.streamlog.storage.partition.PartitionRouter;
import dev.streamlog.storage.partition.PartitionSignals;
import dev.streamlog.storage.partition.ReplicationException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Appends a request's record batches to a partition this node leads (a JSON request's records
 * are first encoded as batches no larger than the topic's {@code max.message.bytes}): checks
 * them all, appends them all under the partition's append lock (so they get consecutive
 * offsets) in the partition's leader epoch, fsyncs if the topic's {@code flush.messages} or
 * {@code flush.ms} ask for it (outside the append lock, so concurrent appends share one fsync:
 * group commit; before the high watermark can move past the records, as in Kafka), wakes the
 * followers, then answers as {@link Acks} asks. With acks=all an append is refused before anything is written when the ISR is smaller
 * than {@code min.insync.replicas}, and answered once the high watermark passed its last record,
 * provided this node still leads in the same epoch with enough in-sync replicas; otherwise, or
 * after {@code produce.ack-timeout}, it is answered 503 (the records may or may not end up
 * committed). A write that fails on the data dir itself takes it offline ({@link DataDir}) and is answered 503
 * as not known to be committed; a dir below its free-space floor (or offline) refuses writes before anything is
 * written, 503 unavailable. Thread-safe.
 */
@Service
public class Appender {

    private final PartitionRouter router;
    private final PartitionSignals signals;
    private final HighWatermarkWaiters waiters;
    private final Duration ackTimeout;
    private final StorageMetrics metrics;
    private final DataDir dataDir;

    public Appender(PartitionRouter router, PartitionSignals signals, HighWatermarkWaiters waiters,
                    StorageProperties properties, StorageMetrics metrics, DataDir dataDir) {
        this.router = router;
        this.signals = signals;
        this.waiters = waiters;
        this.ackTimeout = properties.produce().ackTimeout();
        this.metrics = metrics;
        this.dataDir = dataDir;
    }

    /**
     * Appends the records of a JSON request: encodes them as batches no larger than the topic's
     * {@code max.message.bytes}, then as {@link #appendBatches}.
     *
     * @throws dev.streamlog.storage.log.errors.RecordTooLargeException if one record alone exceeds the batch limit
     * @see #appendBatches
     */
    public CompletableFuture<AppendResponse> append(String topic, int partition, AppendRequest request, Acks acks) {
        if (request == null || request.records() == null || request.records().isEmpty()) {
            throw new InvalidArgumentException("an append needs a non-empty 'records' list");
        }
        LeaderReplica leader = router.leader(topic, partition);
        RecordBatches encoded;
        try {
            encoded = RecordBatches.encode(request.records(), leader.replica().log().config().maxMessageBytes());
        } catch (BatchTooLargeException e) {
            throw new RecordTooLargeException(e.size(), e.limit());
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(e.getMessage());
        }
        return append(leader, RecordBatches.split(ByteBuffer.wrap(encoded.bytes())), acks);
    }

    /**
     * Appends batches as they came (the sender encoded them): every one is checked before any is written,
     * then they get consecutive offsets in this node's leader epoch.
     *
     * @return the offset of the first record (record i got {@code baseOffset + i}) and the epoch,
     *         once the records are as durable as {@code acks} asks
     * @throws NotLeaderException if this node does not lead the partition (nothing was appended)
     * @throws NotEnoughReplicasException if acks=all and the ISR is below {@code min.insync.replicas} (nothing was
     *         appended)
     * @throws dev.streamlog.storage.log.errors.CorruptRecordException if a batch fails its checksum or does not
     *         parse (nothing was appended)
     * @throws dev.streamlog.storage.log.errors.RecordTooLargeException if a batch exceeds {@code max.message.bytes}
     */
    public CompletableFuture<AppendResponse> appendBatches(String topic, int partition, List<ByteBuffer> batches,
                                                           Acks acks) {
        return append(router.leader(topic, partition), batches, acks);
    }

    private CompletableFuture<AppendResponse> append(LeaderReplica leader, List<ByteBuffer> batches, Acks acks) {
        HostedPartition replica = leader.replica();
        PartitionLog log = replica.log();
        dataDir.checkWritable();
        AppendResult appended;
        ReentrantLock lock = replica.appendLock();
        lock.lock();
        try {
            checkStillLeader(leader);
            String shortOf = acks == Acks.ALL ? inSyncShort(leader) : null;
            if (shortOf != null) {
                throw new NotEnoughReplicasException(shortOf + "; the write was refused, nothing was appended");
            }
            appended = writing(leader, () -> log.appendAllDeferringFlush(batches, leader.leaderEpoch()));
        } finally {
            lock.unlock();
        }
        writing(leader, () -> {
            log.flushThrough(appended.lastOffset());
            return null;
        });
        signals.appended(replica);
        long bytes = 0;
        for (ByteBuffer batch : batches) {
            bytes += batch.remaining();
        }
        metrics.appended(leader.topicPartition().topic(), (int) (appended.lastOffset() - appended.baseOffset() + 1),
                bytes);
        AppendResponse response = new AppendResponse(appended.baseOffset(), leader.leaderEpoch());
        if (acks != Acks.ALL) {
            return CompletableFuture.completedFuture(response);
        }
        long committedPast = appended.lastOffset();
        return waiters.await(leader.topicPartition(), committedPast, ackTimeout, replica::highWatermark)
                .thenApply(woken -> committed(leader, committedPast, response));
    }

    /**
     * Runs a write to the log; a failure of the data dir itself takes it offline (the node then withdraws and its
     * partitions move). Part of the write may be in the log (and a follower may have copied it), so the answer is
     * "not known to be committed" (503/50003), which the gateway does not ask again.
     */
    private <T> T writing(LeaderReplica leader, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException | InternalError e) {
            if (!DataDir.isDirFailure(e)) {
                throw e;
            }
            dataDir.failed("appending to " + leader.topicPartition(), e);
            throw new ReplicationException("the write to " + leader.topicPartition() + " failed on this node's data"
                    + " dir, which is now offline; the records may or may not end up committed");
        }
    }

    private AppendResponse committed(LeaderReplica leader, long lastOffset, AppendResponse response) {
        HostedPartition replica = leader.replica();
        Leadership now = replica.leadership();
        if (!replica.isLeader() || now.leaderEpoch() != leader.leaderEpoch()) {
            throw new ReplicationException("the leadership of " + leader.topicPartition()
                    + " changed before the records were replicated; they may or may not be committed");
        }
        if (replica.highWatermark() <= lastOffset) {
            throw new ReplicationException("acks=all: the in-sync replicas did not all take the records within "
                    + ackTimeout.toMillis() + " ms; they may or may not end up committed");
        }
        String shortOf = inSyncShort(leader);
        if (shortOf != null) {
            throw new ReplicationException(shortOf + "; the records were appended but may not be committed");
        }
        return response;
    }

    private static void checkStillLeader(LeaderReplica leader) {
        HostedPartition replica = leader.replica();
        if (!replica.isLeader() || replica.leadership().leaderEpoch() != leader.leaderEpoch()) {
            Leadership now = replica.leadership();
            throw new NotLeaderException(leader.topicPartition(), now.leaderId() < 0 ? null : now.leaderId());
        }
    }

    /** What is short when the partition has fewer in-sync replicas than {@code min.insync.replicas}, else null. */
    private static String inSyncShort(LeaderReplica leader) {
        HostedPartition replica = leader.replica();
        int inSync = replica.leadership().isr().size();
        if (inSync >= replica.minInsyncReplicas()) {
            return null;
        }
        return "NOT_ENOUGH_REPLICAS: " + leader.topicPartition() + " has " + inSync
                + " in-sync replicas, fewer than min.insync.replicas=" + replica.minInsyncReplicas();
    }
}
