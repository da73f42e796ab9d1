package dev.streamlog.storage.fetch;

import dev.streamlog.model.internal.OffsetForTimestamp;
import dev.streamlog.model.v2.PartitionOffsets;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.log.errors.OffsetOutOfRangeException;
import dev.streamlog.storage.log.index.TimestampOffset;
import dev.streamlog.storage.partition.HighWatermarkWaiters;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.LeaderReplica;
import dev.streamlog.storage.partition.PartitionRouter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Serves reads and offsets of partitions this node leads. Readers see offsets below the high
 * watermark only: records every in-sync replica holds. A read at the high watermark with a
 * timeout waits (see {@link HighWatermarkWaiters}) until the high watermark moves or the
 * timeout, capped at {@code streamlog.storage.read.max-wait}, runs out, then reads again from
 * scratch, leadership check included. Thread-safe.
 */
@Service
public class Reader {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final PartitionRouter router;
    private final HighWatermarkWaiters waiters;
    private final Duration maxWait;
    private final int defaultMaxBytes;
    private final int maxBytesLimit;

    public Reader(PartitionRouter router, HighWatermarkWaiters waiters, StorageProperties properties) {
        this.router = router;
        this.waiters = waiters;
        this.maxWait = properties.read().maxWait();
        this.defaultMaxBytes = (int) properties.read().defaultMaxBytes().toBytes();
        this.maxBytesLimit = (int) properties.read().maxBytesLimit().toBytes();
    }

    /**
     * The batches holding the records from {@code offset} on.
     *
     * @param maxBytes  record data budget, or null for the configured default; cut to the configured limit
     * @param timeoutMs how long to wait at the end of the partition (0: answer at once)
     * @throws OffsetOutOfRangeException if {@code offset} is below the log start or past the log end (an offset
     *                                   between the high watermark and the log end waits, as in Kafka: a new
     *                                   leader's high watermark may be behind what readers already saw)
     */
    public CompletableFuture<LogRead> read(String topic, int partition, long offset, Integer maxBytes,
                                                long timeoutMs) {
        int budget = Math.min(maxBytes == null ? defaultMaxBytes : maxBytes, maxBytesLimit);
        LeaderReplica leader = router.leader(topic, partition);
        HostedPartition replica = leader.replica();
        long highWatermark = replica.highWatermark();
        checkRange(replica.log(), offset);
        Duration wait = Duration.ofMillis(Math.min(timeoutMs, maxWait.toMillis()));
        if (offset < highWatermark || wait.isZero()) {
            return CompletableFuture.completedFuture(readNow(leader, offset, budget));
        }
        return waiters.await(leader.topicPartition(), offset, wait, replica::highWatermark)
                .thenApply(woken -> readNow(router.leader(topic, partition), offset, budget));
    }

    /** The log start offset and the high watermark. */
    public PartitionOffsets offsets(String topic, int partition) {
        HostedPartition replica = router.leader(topic, partition).replica();
        return new PartitionOffsets(replica.log().logStartOffset(), replica.highWatermark());
    }

    /**
     * The first committed offset whose record's timestamp is at least {@code timestamp}, or the
     * high watermark when there is none.
     */
    public OffsetForTimestamp offsetForTimestamp(String topic, int partition, long timestamp) {
        HostedPartition replica = router.leader(topic, partition).replica();
        long highWatermark = replica.highWatermark();
        return new OffsetForTimestamp(replica.log().offsetForTimestamp(timestamp)
                .map(TimestampOffset::offset).filter(offset -> offset < highWatermark).orElse(highWatermark));
    }

    private LogRead readNow(LeaderReplica leader, long offset, int maxBytes) {
        PartitionLog log = leader.replica().log();
        long highWatermark = leader.replica().highWatermark();
        long logStart = log.logStartOffset();
        checkRange(log, offset);
        ByteBuffer batches = offset >= highWatermark ? EMPTY
                : log.read(offset, Math.max(1, maxBytes), highWatermark).toByteBuffer();
        return new LogRead(highWatermark, logStart, batches, offset, maxBytes);
    }

    private static void checkRange(PartitionLog log, long offset) {
        long logStart = log.logStartOffset();
        long logEnd = log.logEndOffset();
        if (offset < logStart || offset > logEnd) {
            throw new OffsetOutOfRangeException(offset, logStart, logEnd);
        }
    }
}
