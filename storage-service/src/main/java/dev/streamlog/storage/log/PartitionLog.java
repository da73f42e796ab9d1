package dev.streamlog.storage.log;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.CorruptBatchException;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.storage.log.checkpoint.CheckpointFile;
import dev.streamlog.storage.log.checkpoint.OffsetCheckpoint;
import dev.streamlog.storage.log.errors.CorruptRecordException;
import dev.streamlog.storage.log.errors.InvalidArgumentException;
import dev.streamlog.storage.log.errors.InvalidOffsetException;
import dev.streamlog.storage.log.errors.InvalidSizeException;
import dev.streamlog.storage.log.errors.LogClosedException;
import dev.streamlog.storage.log.errors.LogStorageException;
import dev.streamlog.storage.log.errors.OffsetOutOfRangeException;
import dev.streamlog.storage.log.errors.RecordTooLargeException;
import dev.streamlog.storage.log.errors.StaleLeaderEpochException;
import dev.streamlog.storage.log.index.TimestampOffset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition replica: an ordered, append-only sequence of record batches
 * with offsets, kept in {@link Segment}s under one directory (names in {@link LogFiles}).
 *
 * <p>Offsets run from {@link #logStartOffset()} (retention moves it up) to
 * {@link #logEndOffset()} (the offset the next record gets). Reads return whole batches as
 * file regions ({@link LogSlice}). The leader epoch of every append is recorded, and
 * {@link #endOffsetForEpoch} answers followers. Durability follows {@code flush.messages}
 * and {@code flush.ms} (by default it relies on replication, as Kafka does); the recovery
 * point says how far the log is known to be on disk, and {@link #open} recovers the rest
 * after a crash.
 *
 * <p>Thread-safety: thread-safe. Appends, truncation, retention, flushes and close take one
 * lock, so there is one writer at a time (the group commit of {@link #flushThrough} fsyncs
 * outside it, under a lock of its own; see {@code LOCKS.md}); reads do not take it: they see
 * only batches whose bytes were fully written (see {@link Segment}). Readers and the writer
 * meet only on an index's mapping lock, for the moment a roll or truncation remaps that index.
 */
public final class PartitionLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final TopicPartition topicPartition;
    private final Path dir;
    private final Clock clock;
    private final Executor flushExecutor;
    private final ReentrantLock lock = new ReentrantLock();
    private final SegmentSet segments;
    private final LeaderEpochCache epochs;
    private final OffsetCheckpoint recoveryPointCheckpoint;
    private final OffsetCheckpoint logStartOffsetCheckpoint;
    private final Deque<PendingDelete> pendingDeletes = new ArrayDeque<>();
    private final FlushStats flushStats;
    private volatile LogConfig config;
    private volatile long logStartOffset;
    private volatile long logEndOffset;
    private volatile boolean closed;
    private long recoveryPoint;
    /**
     * The recovery point as its checkpoint file holds it. Raising it is written lazily (by
     * {@link #flushIfDue}, {@link #flush} and {@link #close}): a checkpoint that lags only makes
     * recovery check more. Lowering it (truncation) is written at once.
     */
    private long checkpointedRecoveryPoint;
    private long unflushedRecords;
    private long lastFlushMs;
    /** Whether flush.messages or flush.ms want the log on disk; set by leader appends, cleared by a flush. */
    private volatile boolean flushWanted;
    /** Held by {@link #flushThrough} around its fsync, so concurrent appenders wait for one fsync, not one each. */
    private final ReentrantLock flushLock = new ReentrantLock();
    /** Counts truncations, so a background flush started before one does not trust its result. */
    private long truncations;

    private record PendingDelete(Segment segment, long deleteAtMs) {
    }

    private PartitionLog(TopicPartition topicPartition, Path dir, LogConfig config, Clock clock,
                         Executor flushExecutor, FlushStats flushStats, LogLoader.Loaded loaded) {
        this.topicPartition = topicPartition;
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.flushExecutor = flushExecutor;
        this.flushStats = flushStats;
        this.segments = loaded.segments();
        this.epochs = loaded.epochs();
        this.logStartOffset = loaded.logStartOffset();
        this.logEndOffset = segments.active().nextOffset();
        this.recoveryPoint = loaded.recoveryPoint();
        this.checkpointedRecoveryPoint = loaded.recoveryPoint();
        this.recoveryPointCheckpoint = new OffsetCheckpoint(dir.resolve(LogFiles.RECOVERY_POINT_FILE));
        this.logStartOffsetCheckpoint = new OffsetCheckpoint(dir.resolve(LogFiles.LOG_START_OFFSET_FILE));
        this.lastFlushMs = clock.millis();
    }

    /**
     * Opens (creating if needed) the log in {@code dir}, recovering it if it was not closed
     * cleanly. Rolled segments are flushed on {@code flushExecutor} (pass
     * {@code Runnable::run} to flush them on the appending thread).
     *
     * @throws LogStorageException if the directory cannot be read or written
     */
    public static PartitionLog open(Path dir, TopicPartition topicPartition, LogConfig config, Clock clock,
                                    Executor flushExecutor) {
        return open(dir, topicPartition, config, clock, flushExecutor, new FlushStats());
    }

    /** {@link #open(Path, TopicPartition, LogConfig, Clock, Executor)}, counting its flushes in {@code flushStats}. */
    public static PartitionLog open(Path dir, TopicPartition topicPartition, LogConfig config, Clock clock,
                                    Executor flushExecutor, FlushStats flushStats) {
        try {
            long started = System.nanoTime();
            LogLoader.Loaded loaded = new LogLoader(dir, config, clock.millis()).load();
            PartitionLog log = new PartitionLog(topicPartition, dir, config, clock, flushExecutor, flushStats, loaded);
            LOG.debug("event=log-opened partition={} segments={} logStartOffset={} logEndOffset={} truncatedBytes={} ms={}",
                    topicPartition, log.segments.count(), log.logStartOffset, log.logEndOffset,
                    loaded.bytesTruncated(), (System.nanoTime() - started) / 1_000_000);
            return log;
        } catch (IOException e) {
            throw new LogStorageException("opening log " + dir + " failed", e);
        }
    }

    /**
     * Appends one batch as the leader in {@code leaderEpoch}: checks it, stamps its base
     * offset and epoch into the buffer (in place; the buffer is the log's until this
     * returns), and writes it.
     *
     * @throws dev.streamlog.storage.log.errors.CorruptRecordException if the batch fails its CRC or does not parse
     * @throws RecordTooLargeException if it is larger than {@code max.message.bytes}
     * @throws StaleLeaderEpochException if a newer epoch has already appended
     */
    public AppendResult append(ByteBuffer batchBytes, int leaderEpoch) {
        return appendAll(List.of(batchBytes), leaderEpoch);
    }

    /**
     * Appends batches as the leader in {@code leaderEpoch}, at consecutive offsets, as
     * {@link #appendAllDeferringFlush}, then {@link #flushThrough flushes} if the log's flush
     * policy asks for it: the records are as durable as {@code flush.messages} and
     * {@code flush.ms} say when this returns.
     */
    public AppendResult appendAll(List<ByteBuffer> batchBytes, int leaderEpoch) {
        AppendResult appended = appendAllDeferringFlush(batchBytes, leaderEpoch);
        flushThrough(appended.lastOffset());
        return appended;
    }

    /**
     * Appends batches as the leader in {@code leaderEpoch}, at consecutive offsets: checks every
     * one first, so a bad batch anywhere appends none of them, then stamps and writes them all
     * under one acquisition of the lock (the buffers are the log's until this returns). Does not
     * fsync: a caller that serializes its appends with a lock of its own calls
     * {@link #flushThrough} after releasing it, so that concurrent appends share one fsync
     * (group commit).
     *
     * @return the first batch's base offset and the last batch's last offset
     * @throws dev.streamlog.storage.log.errors.CorruptRecordException if a batch fails its CRC or does not parse
     * @throws RecordTooLargeException if a batch is larger than {@code max.message.bytes}
     * @throws StaleLeaderEpochException if a newer epoch has already appended
     */
    public AppendResult appendAllDeferringFlush(List<ByteBuffer> batchBytes, int leaderEpoch) {
        if (leaderEpoch < 0) {
            throw new InvalidArgumentException("leader epoch must not be negative, got " + leaderEpoch);
        }
        if (batchBytes.isEmpty()) {
            throw new InvalidArgumentException("an append needs at least one batch");
        }
        List<RecordBatch> batches = new ArrayList<>(batchBytes.size());
        for (ByteBuffer bytes : batchBytes) {
            batches.add(checkedBatch(bytes));
        }
        lock.lock();
        try {
            checkOpen();
            checkEpoch(leaderEpoch);
            AppendResult first = null;
            AppendResult last = null;
            for (RecordBatch batch : batches) {
                batch.setBaseOffset(logEndOffset);
                batch.setPartitionLeaderEpoch(leaderEpoch);
                last = write(batch);
                first = first == null ? last : first;
            }
            flushWanted = flushWanted || flushIsDue(last.logAppendTime());
            return new AppendResult(first.baseOffset(), last.lastOffset(), last.logAppendTime());
        } catch (IOException e) {
            throw storageFailure("append", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Group commit: if the flush policy ({@code flush.messages}, {@code flush.ms}) wants the log
     * on disk and no fsync has covered {@code offset} yet, fsyncs every segment from the recovery
     * point on and moves the recovery point to the log end offset seen before the fsync. Callers
     * that come while one fsync runs wait for it, and return at once if it covered their offset;
     * so one fsync serves every append that came before it. The fsync runs outside the append
     * lock: appends go on meanwhile. Returns at once when the policy wants nothing.
     *
     * @throws LogStorageException if an fsync failed or was interrupted; the recovery point did
     *         not move, and the records may or may not be on disk
     */
    public void flushThrough(long offset) {
        if (!flushWanted) {
            return;
        }
        flushLock.lock();
        try {
            long target;
            long truncationsAtStart;
            List<Segment> dirty;
            lock.lock();
            try {
                if (closed || !flushWanted || recoveryPoint > offset) {
                    return;
                }
                target = logEndOffset;
                truncationsAtStart = truncations;
                Segment from = segments.floor(recoveryPoint);
                dirty = List.copyOf(segments.from(from == null ? segments.first().baseOffset() : from.baseOffset()));
            } finally {
                lock.unlock();
            }
            long started = System.nanoTime();
            for (Segment segment : dirty) {
                segment.flushFromAnyThread();
            }
            lock.lock();
            try {
                if (!closed && truncations == truncationsAtStart && target > recoveryPoint) {
                    recoveryPoint = target;
                    unflushedRecords = logEndOffset - target;
                    lastFlushMs = clock.millis();
                    flushWanted = flushIsDue(lastFlushMs);
                    flushStats.record(System.nanoTime() - started);
                }
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            throw storageFailure("flush", e);
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * Appends one batch as a follower: the batch keeps the base offset and leader epoch its
     * leader gave it, byte for byte, so replicas hold identical logs. Its base offset must be
     * this log's end offset.
     *
     * @throws InvalidOffsetException if the batch does not start at the log end offset
     * @throws StaleLeaderEpochException if the batch's epoch is older than the latest one here
     * @throws dev.streamlog.storage.log.errors.CorruptRecordException if the batch fails its CRC or does not parse
     */
    public AppendResult appendAsFollower(ByteBuffer batchBytes) {
        RecordBatch batch = checkedBatch(batchBytes);
        lock.lock();
        try {
            checkOpen();
            if (batch.baseOffset() != logEndOffset) {
                throw new InvalidOffsetException("replicated batch base offset (log end offset is " + logEndOffset
                        + ")", batch.baseOffset());
            }
            checkEpoch(batch.partitionLeaderEpoch());
            AppendResult appended = write(batch);
            if (flushIsDue(appended.logAppendTime())) {
                flushLocked(appended.logAppendTime());
            }
            return appended;
        } catch (IOException e) {
            throw storageFailure("append", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that {@code leaderEpoch} begins at the log end offset, before any batch of it
     * is written: a new leader does this so a follower asking where an older epoch ends gets
     * the right answer. A repeat or an older epoch changes nothing.
     */
    public void beginEpoch(int leaderEpoch) {
        if (leaderEpoch < 0) {
            throw new InvalidArgumentException("leader epoch must not be negative, got " + leaderEpoch);
        }
        lock.lock();
        try {
            checkOpen();
            epochs.assign(leaderEpoch, logEndOffset);
        } finally {
            lock.unlock();
        }
    }

    private RecordBatch checkedBatch(ByteBuffer batchBytes) {
        if (batchBytes.isReadOnly()) {
            throw new InvalidArgumentException("the batch buffer is read-only; the log stamps offsets into it");
        }
        try {
            RecordBatch batch = RecordBatch.of(batchBytes);
            if (batch.sizeInBytes() > config.maxMessageBytes()) {
                throw new RecordTooLargeException(batch.sizeInBytes(), config.maxMessageBytes());
            }
            batch.ensureValid();
            return batch;
        } catch (CorruptBatchException e) {
            throw new CorruptRecordException(e.getMessage());
        }
    }

    private void checkEpoch(int leaderEpoch) {
        OptionalInt latest = epochs.latestEpoch();
        if (latest.isPresent() && leaderEpoch < latest.getAsInt()) {
            throw new StaleLeaderEpochException(leaderEpoch, latest.getAsInt());
        }
    }

    /** Writes a batch whose offsets and epoch are set, under the lock. */
    private AppendResult write(RecordBatch batch) throws IOException {
        long now = clock.millis();
        long baseOffset = batch.baseOffset();
        Segment active = maybeRoll(batch, now);
        epochs.assign(batch.partitionLeaderEpoch(), baseOffset);
        active.append(batch);
        logEndOffset = batch.lastOffset() + 1;
        unflushedRecords += batch.recordCount();
        return new AppendResult(baseOffset, batch.lastOffset(), now);
    }

    /** Whether {@code flush.messages} or {@code flush.ms} want the log on disk now; under the lock. */
    private boolean flushIsDue(long now) {
        return unflushedRecords > 0
                && (unflushedRecords >= config.flushMessages() || now - lastFlushMs >= config.flushMs());
    }

    /**
     * Reads whole batches starting with the one that holds {@code fromOffset}, stopping
     * before {@code maxBytes} would be exceeded (but always returning the first batch whole
     * when {@code maxBytes > 0}) and before any batch reaching {@code maxOffsetExclusive}
     * (pass the high watermark to serve consumers).
     *
     * @return the batches; empty when {@code fromOffset} is the log end offset or the next
     *         batch is not below {@code maxOffsetExclusive}
     * @throws OffsetOutOfRangeException if {@code fromOffset} is outside
     *                                   [{@link #logStartOffset()}, {@link #logEndOffset()}]
     */
    public LogSlice read(long fromOffset, int maxBytes, long maxOffsetExclusive) {
        if (fromOffset < 0) {
            throw new InvalidOffsetException("fetch offset", fromOffset);
        }
        if (maxBytes < 0) {
            throw new InvalidSizeException("maxBytes", maxBytes);
        }
        if (maxOffsetExclusive < 0) {
            throw new InvalidOffsetException("maxOffsetExclusive", maxOffsetExclusive);
        }
        checkOpen();
        long end = logEndOffset;
        long start = logStartOffset;
        if (fromOffset < start || fromOffset > end) {
            throw new OffsetOutOfRangeException(fromOffset, start, end);
        }
        long limit = Math.min(maxOffsetExclusive, end);
        if (fromOffset >= limit) {
            return LogSlice.empty(fromOffset);
        }
        try {
            Segment segment = segments.floor(fromOffset);
            if (segment == null) {
                throw new OffsetOutOfRangeException(fromOffset, logStartOffset, logEndOffset);
            }
            while (segment != null) {
                LogSlice slice = segment.read(fromOffset, maxBytes, limit);
                if (slice != null) {
                    return slice;
                }
                segment = segments.higher(segment.baseOffset());
            }
            return LogSlice.empty(fromOffset);
        } catch (IOException e) {
            throw storageFailure("read", e);
        }
    }

    /**
     * The first record whose timestamp is at least {@code timestamp}: its offset and its
     * timestamp; empty when every record is older.
     */
    public Optional<TimestampOffset> offsetForTimestamp(long timestamp) {
        if (timestamp < 0) {
            throw new InvalidArgumentException("timestamp must not be negative, got " + timestamp);
        }
        checkOpen();
        try {
            long end = logEndOffset;
            long start = logStartOffset;
            for (Segment segment : segments.all()) {
                TimestampOffset found = segment.findByTimestamp(timestamp, start);
                if (found != null) {
                    return found.offset() < end ? Optional.of(found) : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw storageFailure("timestamp lookup", e);
        }
    }

    /**
     * Removes every batch holding an offset at or above {@code offset} (a batch straddling
     * it goes whole), so the log end offset becomes at most {@code offset}. Used by a
     * follower to drop records its leader does not have. Leader epochs that begin at or after
     * {@code offset} are forgotten too, even when no batch is removed (an epoch begun by
     * {@link #beginEpoch} that never wrote).
     *
     * @return whether any batch was removed
     * @throws OffsetOutOfRangeException if {@code offset} is below the log start offset
     */
    public boolean truncateTo(long offset) {
        if (offset < 0) {
            throw new InvalidOffsetException("truncation offset", offset);
        }
        lock.lock();
        try {
            checkOpen();
            if (offset >= logEndOffset) {
                epochs.truncateFromEnd(offset);
                return false;
            }
            if (offset < logStartOffset) {
                throw new OffsetOutOfRangeException(offset, logStartOffset, logEndOffset);
            }
            long before = logEndOffset;
            truncations++;
            Segment target = segments.floor(offset);
            boolean wasActive = target == segments.active();
            long now = clock.millis();
            List<Segment> later = segments.after(target.baseOffset());
            for (Segment segment : later) {
                retire(segment, now);
            }
            if (!later.isEmpty()) {
                CheckpointFile.fsyncDirectory(dir);
            }
            target.truncateTo(offset);
            if (!wasActive) {
                target.reopenForAppend(config);
            }
            logEndOffset = target.nextOffset();
            epochs.truncateFromEnd(logEndOffset);
            if (recoveryPoint > logEndOffset) {
                recoveryPoint = logEndOffset;
                recoveryPointCheckpoint.write(recoveryPoint);
                checkpointedRecoveryPoint = recoveryPoint;
            }
            LOG.info("event=log-truncated partition={} requested={} from={} to={}", topicPartition, offset, before,
                    logEndOffset);
            return true;
        } catch (IOException e) {
            throw storageFailure("truncation", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies {@code retention.ms} and {@code retention.bytes}: deletes whole segments from
     * the oldest on, never the active one, and moves the log start offset up. Also deletes
     * the files of segments removed longer than {@code file.delete.delay.ms} ago.
     *
     * @return how many segments were removed
     */
    public int deleteExpiredSegments() {
        lock.lock();
        try {
            checkOpen();
            long now = clock.millis();
            LogConfig current = config;
            List<Segment> candidates = segments.all();
            candidates.remove(candidates.size() - 1);
            int count = Math.max(expiredByTime(candidates, current, now), expiredBySize(candidates, current));
            if (count > 0) {
                Segment firstKept = count < candidates.size() ? candidates.get(count) : segments.active();
                logStartOffset = Math.max(logStartOffset, firstKept.baseOffset());
                long bytes = 0;
                for (Segment segment : candidates.subList(0, count)) {
                    bytes += segment.size();
                    retire(segment, now);
                }
                logStartOffsetCheckpoint.write(logStartOffset);
                epochs.truncateFromStart(logStartOffset);
                LOG.info("event=retention-deleted partition={} segments={} bytes={} logStartOffset={}",
                        topicPartition, count, bytes, logStartOffset);
            }
            deleteRetiredSegments(now);
            return count;
        } catch (IOException e) {
            throw storageFailure("retention", e);
        } finally {
            lock.unlock();
        }
    }

    /** fsyncs everything not yet on disk; moves the recovery point and its checkpoint to the log end offset. */
    public void flush() {
        lock.lock();
        try {
            checkOpen();
            flushLocked(clock.millis());
            writeRecoveryPoint();
        } catch (IOException e) {
            throw storageFailure("flush", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Flushes if unflushed records have waited {@code flush.ms}, and writes the recovery point's
     * checkpoint if the point moved since; for a periodic scheduler.
     */
    public void flushIfDue() {
        lock.lock();
        try {
            long now = clock.millis();
            if (!closed && unflushedRecords > 0 && now - lastFlushMs >= config.flushMs()) {
                flushLocked(now);
            }
            if (!closed) {
                writeRecoveryPoint();
            }
        } catch (IOException e) {
            throw storageFailure("flush", e);
        } finally {
            lock.unlock();
        }
    }

    /** Where epoch {@code epoch} ends in this log (see {@link EpochEndOffset}). */
    public EpochEndOffset endOffsetForEpoch(int epoch) {
        return epochs.endOffsetFor(epoch, logEndOffset);
    }

    /** The latest leader epoch that appended here, if any. */
    public OptionalInt latestEpoch() {
        return epochs.latestEpoch();
    }

    /** Replaces the configuration; the next append and retention run use it. */
    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    /**
     * Flushes, trims the active segment's indexes, writes the checkpoints and the
     * clean-shutdown marker, and closes every file. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            segments.active().onBecomeInactive();
            flushLocked(clock.millis());
            writeRecoveryPoint();
            logStartOffsetCheckpoint.write(logStartOffset);
            closed = true;
            for (Segment segment : segments.all()) {
                segment.close();
            }
            deleteRetiredSegments(Long.MAX_VALUE);
            Files.createFile(dir.resolve(LogFiles.CLEAN_SHUTDOWN_FILE));
            CheckpointFile.fsyncDirectory(dir);
        } catch (IOException e) {
            throw storageFailure("close", e);
        } finally {
            lock.unlock();
        }
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** The first offset still in the log. */
    public long logStartOffset() {
        return logStartOffset;
    }

    /** The offset the next appended record gets. */
    public long logEndOffset() {
        return logEndOffset;
    }

    /** The offset below which the log is known to be on disk. */
    /**
     * How far a leader may move the high watermark: the log end offset, or, while a flush the
     * flush policy asked for is still pending ({@link #flushThrough}), the recovery point. So
     * with {@code flush.messages} or {@code flush.ms} set, readers never see a record whose due
     * fsync has not happened, as when the fsync ran inside the append.
     */
    public long exposableEndOffset() {
        LogConfig current = config;
        if (current.flushMessages() == Long.MAX_VALUE && current.flushMs() == Long.MAX_VALUE) {
            return logEndOffset;
        }
        lock.lock();
        try {
            return flushWanted ? recoveryPoint : logEndOffset;
        } finally {
            lock.unlock();
        }
    }

    public long recoveryPoint() {
        lock.lock();
        try {
            return recoveryPoint;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of batches across all segments. */
    public long sizeInBytes() {
        return segments.sizeInBytes();
    }

    public int segmentCount() {
        return segments.count();
    }

    public boolean isClosed() {
        return closed;
    }

    private Segment maybeRoll(RecordBatch batch, long now) throws IOException {
        Segment active = segments.active();
        if (active.isEmpty()) {
            return active;
        }
        LogConfig current = config;
        boolean full = (long) active.size() + batch.sizeInBytes() > current.segmentBytes();
        boolean old = now - active.createdMs() >= current.segmentMs();
        boolean offsetsOverflow = batch.lastOffset() - active.baseOffset() > Integer.MAX_VALUE;
        if (!full && !old && !active.indexesFull() && !offsetsOverflow) {
            return active;
        }
        active.onBecomeInactive();
        Segment fresh = Segment.create(dir, logEndOffset, current, now);
        segments.add(fresh);
        CheckpointFile.fsyncDirectory(dir);
        LOG.info("event=segment-rolled partition={} baseOffset={} previousBytes={} reason={}", topicPartition,
                fresh.baseOffset(), active.size(),
                full ? "size" : old ? "age" : offsetsOverflow ? "offset-range" : "index-full");
        long flushUpTo = fresh.baseOffset();
        long truncationsAtRoll = truncations;
        flushExecutor.execute(() -> flushRolled(flushUpTo, truncationsAtRoll));
        return fresh;
    }

    /** Flushes the segments before {@code offset} (rolled, so immutable) and moves the recovery point there. */
    private void flushRolled(long offset, long truncationsAtRoll) {
        try {
            long from = recoveryPoint();
            Segment segment = segments.floor(from);
            while (segment != null && segment.baseOffset() < offset) {
                segment.flushFromAnyThread();
                segment = segments.higher(segment.baseOffset());
            }
            lock.lock();
            try {
                long target = Math.min(offset, logEndOffset);
                if (!closed && truncations == truncationsAtRoll && target > recoveryPoint) {
                    recoveryPoint = target;
                }
            } finally {
                lock.unlock();
            }
        } catch (ClosedChannelException | LogClosedException e) {
            LOG.debug("event=flush-skipped partition={} reason=segment-closed", topicPartition);
        } catch (IOException e) {
            LOG.error("event=flush-failed partition={} offset={}", topicPartition, offset, e);
        }
    }

    /**
     * fsyncs every segment from the one holding the recovery point on (always including the
     * active one, whose indexes a close has just trimmed) and moves the recovery point to the
     * log end offset.
     */
    private void flushLocked(long now) throws IOException {
        long started = System.nanoTime();
        boolean dirty = unflushedRecords > 0;
        Segment from = segments.floor(recoveryPoint);
        for (Segment segment : segments.from(from == null ? segments.first().baseOffset() : from.baseOffset())) {
            segment.flush();
        }
        if (recoveryPoint < logEndOffset) {
            recoveryPoint = logEndOffset;
        }
        unflushedRecords = 0;
        lastFlushMs = now;
        flushWanted = false;
        if (dirty) {
            flushStats.record(System.nanoTime() - started);
        }
    }

    /** Writes the recovery point's checkpoint if it moved since the last write; under the lock. */
    private void writeRecoveryPoint() throws IOException {
        if (checkpointedRecoveryPoint != recoveryPoint) {
            recoveryPointCheckpoint.write(recoveryPoint);
            checkpointedRecoveryPoint = recoveryPoint;
        }
    }

    private static int expiredByTime(List<Segment> candidates, LogConfig config, long now) throws IOException {
        if (config.retentionMs() < 0) {
            return 0;
        }
        int count = 0;
        for (Segment segment : candidates) {
            long newest = segment.maxTimestamp() >= 0 ? segment.maxTimestamp() : segment.lastModifiedMs();
            if (now - newest <= config.retentionMs()) {
                break;
            }
            count++;
        }
        return count;
    }

    private int expiredBySize(List<Segment> candidates, LogConfig config) {
        if (config.retentionBytes() < 0) {
            return 0;
        }
        long excess = segments.sizeInBytes() - config.retentionBytes();
        int count = 0;
        for (Segment segment : candidates) {
            if (excess - segment.size() < 0) {
                break;
            }
            excess -= segment.size();
            count++;
        }
        return count;
    }

    /** Takes a segment out of the log; its files go after {@code file.delete.delay.ms}. */
    private void retire(Segment segment, long now) throws IOException {
        segments.remove(segment);
        segment.markDeleted();
        pendingDeletes.add(new PendingDelete(segment, now + config.fileDeleteDelayMs()));
    }

    private void deleteRetiredSegments(long now) throws IOException {
        while (!pendingDeletes.isEmpty() && pendingDeletes.peekFirst().deleteAtMs() <= now) {
            pendingDeletes.pollFirst().segment().closeAndDelete();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new LogClosedException("log " + topicPartition + " is closed");
        }
    }

    private RuntimeException storageFailure(String operation, IOException e) {
        if (e instanceof ClosedChannelException || closed) {
            return new LogClosedException("log " + topicPartition + " was closed during " + operation);
        }
        return new LogStorageException(operation + " on " + topicPartition + " failed", e);
    }
}
