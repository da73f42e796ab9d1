package dev.streamlog.storage.log;

import static dev.streamlog.storage.log.TestBatches.batch;
import static dev.streamlog.storage.log.TestBatches.records;
import static dev.streamlog.storage.log.TestBatches.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.LogRecord;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.storage.log.checkpoint.OffsetCheckpoint;
import dev.streamlog.storage.log.errors.CorruptRecordException;
import dev.streamlog.storage.log.errors.InvalidOffsetException;
import dev.streamlog.storage.log.errors.InvalidSizeException;
import dev.streamlog.storage.log.errors.LogClosedException;
import dev.streamlog.storage.log.errors.OffsetOutOfRangeException;
import dev.streamlog.storage.log.errors.RecordTooLargeException;
import dev.streamlog.storage.log.errors.StaleLeaderEpochException;
import dev.streamlog.storage.log.index.TimestampOffset;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class PartitionLogTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000);
    private PartitionLog log;

    @AfterEach
    void closeLog() {
        if (log != null && !log.isClosed()) {
            log.close();
        }
    }

    private PartitionLog open(LogConfig config) {
        log = PartitionLog.open(dir, TP, config, clock, Runnable::run);
        return log;
    }

    @Test
    void appendsAssignOffsetsAndReadsReturnThem() {
        open(LogConfig.defaults());
        AppendResult first = log.append(batch("a", 3, 10), 0);
        AppendResult second = log.append(batch("b", 2, 20), 0);

        assertThat(first).isEqualTo(new AppendResult(0, 2, clock.millis()));
        assertThat(second.baseOffset()).isEqualTo(3);
        assertThat(second.lastOffset()).isEqualTo(4);
        assertThat(log.logEndOffset()).isEqualTo(5);

        List<LogRecord> all = records(log.read(0, 1 << 20, Long.MAX_VALUE));
        assertThat(all).extracting(LogRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(all).extracting(TestBatches::value).containsExactly("a0", "a1", "a2", "b0", "b1");
    }

    @Test
    void readStartsAtTheBatchHoldingTheOffsetAndStopsBelowTheLimit() {
        open(LogConfig.defaults());
        log.append(batch("a", 3, 10), 0);
        log.append(batch("b", 3, 10), 0);
        log.append(batch("c", 3, 10), 0);

        LogSlice slice = log.read(4, 1 << 20, 6);
        assertThat(slice.firstOffset()).isEqualTo(3);
        assertThat(slice.nextOffset()).isEqualTo(6);
        assertThat(records(slice)).extracting(TestBatches::value).containsExactly("b0", "b1", "b2");
        assertThat(log.read(9, 100, Long.MAX_VALUE).isEmpty()).isTrue();
        assertThat(log.read(6, 100, 8).isEmpty()).isTrue();
    }

    @Test
    void readReturnsTheFirstBatchWholeEvenWhenLargerThanMaxBytes() {
        open(LogConfig.defaults());
        log.append(batch("a", 50, 10), 0);
        log.append(batch("b", 50, 10), 0);
        LogSlice slice = log.read(0, 1, Long.MAX_VALUE);
        assertThat(records(slice)).hasSize(50);
        assertThat(slice.nextOffset()).isEqualTo(50);
    }

    @Test
    void rollsBySizeAndKeepsEverythingReadable() {
        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 1024).with(TopicConfigs.INDEX_INTERVAL_BYTES, 100));
        for (int i = 0; i < 100; i++) {
            log.append(batch("r" + i + "-", 3, 1000 + i), 0);
        }
        assertThat(log.segmentCount()).isGreaterThanOrEqualTo(9);
        long offset = 0;
        int seen = 0;
        while (offset < log.logEndOffset()) {
            LogSlice slice = log.read(offset, 300, Long.MAX_VALUE);
            for (LogRecord record : records(slice)) {
                assertThat(record.offset()).isEqualTo(seen);
                assertThat(value(record)).isEqualTo("r" + (seen / 3) + "-" + (seen % 3));
                seen++;
            }
            offset = slice.nextOffset();
        }
        assertThat(seen).isEqualTo(300);
    }

    @Test
    void reopenAfterCleanCloseKeepsDataAndContinuesOffsets() {
        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 2048));
        for (int i = 0; i < 50; i++) {
            log.append(batch("x", 4, 100 + i), 3);
        }
        log.close();
        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 2048));
        assertThat(log.logEndOffset()).isEqualTo(200);
        assertThat(log.latestEpoch()).hasValue(3);
        assertThat(log.append(batch("y", 1, 500), 3).baseOffset()).isEqualTo(200);
        assertThat(records(log.read(198, 1 << 20, Long.MAX_VALUE))).extracting(LogRecord::offset)
                .containsExactly(196L, 197L, 198L, 199L, 200L);
    }

    @Test
    void appendAllGivesConsecutiveOffsetsAndAppendsNothingWhenAnyBatchIsBad() {
        open(LogConfig.defaults());
        ByteBuffer corrupt = batch("c", 2, 10);
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 1));
        assertThatThrownBy(() -> log.appendAll(List.of(batch("a", 3, 10), corrupt), 2))
                .isInstanceOf(CorruptRecordException.class);
        assertThat(log.logEndOffset()).isZero();

        AppendResult appended = log.appendAll(List.of(batch("a", 3, 10), batch("b", 2, 10)), 2);
        assertThat(appended.baseOffset()).isZero();
        assertThat(appended.lastOffset()).isEqualTo(4);
        assertThat(records(log.read(0, 1 << 20, Long.MAX_VALUE))).extracting(LogRecord::offset)
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(log.latestEpoch()).hasValue(2);
    }

    @Test
    void groupCommitOneFsyncCoversEveryAppendBeforeItAndNoneIsAskedForWithoutAFlushPolicy() {
        FlushStats stats = new FlushStats();
        log = PartitionLog.open(dir, TP, LogConfig.defaults().with(TopicConfigs.FLUSH_MESSAGES, 1), clock,
                Runnable::run, stats);
        AppendResult first = log.appendAllDeferringFlush(List.of(batch("a", 2, 10)), 0);
        AppendResult second = log.appendAllDeferringFlush(List.of(batch("b", 3, 10)), 0);
        assertThat(log.recoveryPoint()).isZero();
        assertThat(log.exposableEndOffset()).as("nothing past a pending fsync is shown").isZero();

        log.flushThrough(first.lastOffset());
        assertThat(log.recoveryPoint()).isEqualTo(5);
        assertThat(stats.count()).isEqualTo(1);
        log.flushThrough(second.lastOffset());
        assertThat(stats.count()).as("the first fsync covered the second append too").isEqualTo(1);
        assertThat(log.exposableEndOffset()).isEqualTo(5);

        log.appendAll(List.of(batch("c", 1, 10)), 0);
        assertThat(log.recoveryPoint()).as("appendAll is durable when it returns").isEqualTo(6);
        log.close();

        FlushStats none = new FlushStats();
        log = PartitionLog.open(dir, TP, LogConfig.defaults(), clock, Runnable::run, none);
        AppendResult unflushed = log.appendAllDeferringFlush(List.of(batch("d", 1, 10)), 0);
        assertThat(log.exposableEndOffset()).as("without a flush policy the log end is shown").isEqualTo(7);
        log.flushThrough(unflushed.lastOffset());
        assertThat(none.count()).isZero();
        assertThat(log.recoveryPoint()).isEqualTo(6);
    }

    @Test
    void theRecoveryPointCheckpointFollowsFlushesAtTheNextFlushCheckAndAtClose() throws Exception {
        open(LogConfig.defaults().with(TopicConfigs.FLUSH_MESSAGES, 1));
        OffsetCheckpoint checkpoint = new OffsetCheckpoint(dir.resolve(LogFiles.RECOVERY_POINT_FILE));
        long before = checkpoint.read().orElse(0);
        log.appendAll(List.of(batch("a", 3, 10)), 0);
        assertThat(log.recoveryPoint()).isEqualTo(3);
        assertThat(checkpoint.read().orElse(0)).as("not written at every flush").isEqualTo(before);
        log.flushIfDue();
        assertThat(checkpoint.read()).hasValue(3L);
        log.appendAll(List.of(batch("b", 2, 10)), 0);
        log.close();
        assertThat(checkpoint.read()).hasValue(5L);
    }

    @Test
    void concurrentGroupCommitsLeaveEveryAcknowledgedAppendBelowTheRecoveryPoint() throws Exception {
        log = PartitionLog.open(dir, TP, LogConfig.defaults().with(TopicConfigs.FLUSH_MESSAGES, 1), clock,
                Runnable::run, new FlushStats());
        ReentrantLock appendLock = new ReentrantLock();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        AppendResult appended;
                        appendLock.lock();
                        try {
                            appended = log.appendAllDeferringFlush(List.of(batch("x", 2, 10)), 0);
                        } finally {
                            appendLock.unlock();
                        }
                        log.flushThrough(appended.lastOffset());
                        assertThat(log.recoveryPoint()).isGreaterThan(appended.lastOffset());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(log.logEndOffset()).isEqualTo(400);
        assertThat(log.recoveryPoint()).isEqualTo(400);
    }

    @Test
    void badInputGetsItsOwnException() {
        open(LogConfig.defaults().with(TopicConfigs.MAX_MESSAGE_BYTES, 200));
        ByteBuffer corrupt = batch("a", 2, 10);
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 1));
        assertThatThrownBy(() -> log.append(corrupt, 0)).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("CRC");
        assertThatThrownBy(() -> log.append(TestBatches.sized(1, 500, 10), 0))
                .isInstanceOf(RecordTooLargeException.class).hasMessageContaining("max.message.bytes=200");
        assertThatThrownBy(() -> log.append(ByteBuffer.allocate(10), 0)).isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> log.read(-1, 10, 10)).isInstanceOf(InvalidOffsetException.class);
        assertThatThrownBy(() -> log.read(0, -1, 10)).isInstanceOf(InvalidSizeException.class);
        assertThatThrownBy(() -> log.read(1, 10, 10)).isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("valid offsets are 0 to 0");
        log.append(batch("a", 1, 10), 5);
        assertThatThrownBy(() -> log.append(batch("b", 1, 10), 4)).isInstanceOf(StaleLeaderEpochException.class);
        assertThat(log.logEndOffset()).isEqualTo(1);
    }
    @Test
    void rollsByAgeAndWhenAnIndexIsFull() {
        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_MS, 60_000));
        log.append(batch("a", 1, 10), 0);
        clock.advance(59_999);
        log.append(batch("b", 1, 10), 0);
        assertThat(log.segmentCount()).isEqualTo(1);
        clock.advance(1);
        log.append(batch("c", 1, 10), 0);
        assertThat(log.segmentCount()).isEqualTo(2);
        log.close();

        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_INDEX_BYTES, 24).with(TopicConfigs.INDEX_INTERVAL_BYTES, 0));
        for (int i = 0; i < 12; i++) {
            log.append(batch("d", 1, 10 + i), 0);
        }
        assertThat(log.segmentCount()).isGreaterThan(3);
        assertThat(records(log.read(0, 1 << 20, Long.MAX_VALUE))).hasSizeGreaterThan(0);
    }

    @Test
    void offsetForTimestampFindsTheFirstRecordAtOrAfterIt() {
        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 512).with(TopicConfigs.INDEX_INTERVAL_BYTES, 50));
        for (int i = 0; i < 60; i++) {
            log.append(batch("t", 2, 1_000 + i * 10L), 0);
        }
        assertThat(log.offsetForTimestamp(0)).contains(new TimestampOffset(1_000, 0));
        assertThat(log.offsetForTimestamp(1_005)).contains(new TimestampOffset(1_010, 2));
        assertThat(log.offsetForTimestamp(1_300)).contains(new TimestampOffset(1_300, 60));
        assertThat(log.offsetForTimestamp(1_590)).contains(new TimestampOffset(1_590, 118));
        assertThat(log.offsetForTimestamp(1_591)).isEmpty();
    }

    @Test
    void retentionBySizeDeletesWholeOldSegmentsButNeverTheActiveOne() {
        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 1024).with(TopicConfigs.FILE_DELETE_DELAY_MS, 0));
        for (int i = 0; i < 100; i++) {
            log.append(batch("s", 3, 10), 0);
        }
        int before = log.segmentCount();
        log.updateConfig(log.config().with(TopicConfigs.RETENTION_BYTES, 3000));
        int deleted = log.deleteExpiredSegments();

        assertThat(deleted).isPositive();
        assertThat(log.segmentCount()).isEqualTo(before - deleted);
        assertThat(log.sizeInBytes()).as("keeps at least retention.bytes, less than a segment more").isBetween(3000L, 3000L + 1024);
        long start = log.logStartOffset();
        assertThat(start).isPositive();
        assertThat(records(log.read(start, 100, Long.MAX_VALUE)).get(0).offset()).isEqualTo(start);
        assertThatThrownBy(() -> log.read(start - 1, 100, Long.MAX_VALUE))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .satisfies(e -> assertThat(((OffsetOutOfRangeException) e).logStartOffset()).isEqualTo(start));

        log.updateConfig(log.config().with(TopicConfigs.RETENTION_BYTES, 0));
        log.deleteExpiredSegments();
        assertThat(log.segmentCount()).isEqualTo(1);
        assertThat(log.logEndOffset()).isEqualTo(300);
    }

    @Test
    void retentionByTimeUsesEachSegmentsNewestRecord() {
        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 400).with(TopicConfigs.RETENTION_MS, 1_000)
                .with(TopicConfigs.FILE_DELETE_DELAY_MS, 0));
        long now = clock.millis();
        for (int i = 0; i < 30; i++) {
            log.append(batch("old", 2, now - 5_000), 0);
        }
        for (int i = 0; i < 30; i++) {
            log.append(batch("new", 2, now), 0);
        }
        log.deleteExpiredSegments();
        List<LogRecord> left = records(log.read(log.logStartOffset(), 1 << 20, Long.MAX_VALUE));
        assertThat(left).isNotEmpty();
        assertThat(log.logStartOffset()).isBetween(1L, 60L);
        clock.advance(10_000);
        log.deleteExpiredSegments();
        assertThat(log.segmentCount()).isEqualTo(1);
    }

    @Test
    void retentionSurvivesReopen() {
        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 1024).with(TopicConfigs.RETENTION_BYTES, 2048)
                .with(TopicConfigs.FILE_DELETE_DELAY_MS, 0));
        for (int i = 0; i < 50; i++) {
            log.append(batch("s", 3, 10), 0);
        }
        log.deleteExpiredSegments();
        long start = log.logStartOffset();
        log.close();
        open(LogConfig.defaults());
        assertThat(log.logStartOffset()).isEqualTo(start);
        assertThat(log.logEndOffset()).isEqualTo(150);
    }

    @Test
    void truncationRemovesWholeBatchesAcrossSegmentsAndAppendsContinue() {
        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 512).with(TopicConfigs.FILE_DELETE_DELAY_MS, 0));
        for (int i = 0; i < 40; i++) {
            log.append(batch("a" + i + "-", 5, 10 + i), i < 20 ? 1 : 2);
        }
        int segmentsBefore = log.segmentCount();
        assertThat(log.truncateTo(52)).isTrue();
        assertThat(log.logEndOffset()).isEqualTo(50);
        assertThat(log.segmentCount()).isLessThan(segmentsBefore);
        assertThat(log.truncateTo(50)).isFalse();
        assertThat(log.latestEpoch()).hasValue(1);
        assertThat(log.endOffsetForEpoch(1)).isEqualTo(new EpochEndOffset(1, 50));

        AppendResult next = log.append(batch("n", 2, 99), 3);
        assertThat(next.baseOffset()).isEqualTo(50);
        List<LogRecord> tail = records(log.read(45, 1 << 20, Long.MAX_VALUE));
        assertThat(tail).extracting(TestBatches::value).containsExactly("a9-0", "a9-1", "a9-2", "a9-3", "a9-4", "n0", "n1");
        assertThat(log.endOffsetForEpoch(1)).isEqualTo(new EpochEndOffset(1, 50));
        assertThat(log.endOffsetForEpoch(2)).isEqualTo(new EpochEndOffset(1, 50));
        assertThat(log.endOffsetForEpoch(3)).isEqualTo(new EpochEndOffset(3, 52));
        assertThatThrownBy(() -> log.truncateTo(-1)).isInstanceOf(InvalidOffsetException.class);
    }

    @Test
    void truncatingToTheStartEmptiesTheLog() {
        open(LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 512));
        for (int i = 0; i < 20; i++) {
            log.append(batch("a", 5, 10), 0);
        }
        log.truncateTo(0);
        assertThat(log.logEndOffset()).isZero();
        assertThat(log.segmentCount()).isEqualTo(1);
        assertThat(log.read(0, 100, Long.MAX_VALUE).isEmpty()).isTrue();
        assertThat(log.append(batch("b", 1, 10), 0).baseOffset()).isZero();
        assertThat(log.latestEpoch()).hasValue(0);
    }

    @Test
    void flushPolicyMovesTheRecoveryPoint() {
        open(LogConfig.defaults().with(TopicConfigs.FLUSH_MESSAGES, 10).with(TopicConfigs.FLUSH_MS, 5_000));
        log.append(batch("a", 4, 10), 0);
        assertThat(log.recoveryPoint()).isZero();
        log.append(batch("a", 6, 10), 0);
        assertThat(log.recoveryPoint()).isEqualTo(10);
        log.append(batch("a", 1, 10), 0);
        log.flushIfDue();
        assertThat(log.recoveryPoint()).isEqualTo(10);
        clock.advance(5_000);
        log.flushIfDue();
        assertThat(log.recoveryPoint()).isEqualTo(11);
        log.append(batch("a", 1, 10), 0);
        log.flush();
        assertThat(log.recoveryPoint()).isEqualTo(12);
    }

    @Test
    void closedLogsRefuseWork() {
        open(LogConfig.defaults());
        log.append(batch("a", 1, 10), 0);
        log.close();
        assertThatThrownBy(() -> log.append(batch("a", 1, 10), 0))
                .isInstanceOf(LogClosedException.class);
        assertThatThrownBy(() -> log.read(0, 10, 10)).isInstanceOf(LogClosedException.class);
        log.close();
        log = null;
    }
    @Test
    void anInterruptedReaderDoesNotBreakTheLog() {
        open(LogConfig.defaults());
        log.append(batch("a", 3, 10), 0);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> log.read(0, 1 << 20, Long.MAX_VALUE).toByteBuffer())
                    .isInstanceOf(LogClosedException.class);
        } finally {
            Thread.interrupted();
        }
        log.append(batch("b", 2, 10), 0);
        assertThat(records(log.read(0, 1 << 20, Long.MAX_VALUE))).extracting(TestBatches::value)
                .containsExactly("a0", "a1", "a2", "b0", "b1");
    }

    @Test
    void anEmptySegmentFarAboveIntRangeClosesAndReopens() throws Exception {
        long start = 3_000_000_000L;
        Files.createDirectories(dir);
        new OffsetCheckpoint(dir.resolve(LogFiles.LOG_START_OFFSET_FILE)).write(start);
        open(LogConfig.defaults());
        assertThat(log.logEndOffset()).isEqualTo(start);
        log.close();
        open(LogConfig.defaults());
        assertThat(log.append(batch("a", 2, 10), 0).baseOffset()).isEqualTo(start);
        log.close();
        open(LogConfig.defaults());
        assertThat(records(log.read(start, 1 << 20, Long.MAX_VALUE))).hasSize(2);
    }

    @Test
    void aCorruptLengthInATrustedSegmentEndsReadsInsteadOfHanging() throws Exception {
        LogConfig config = LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 1024);
        open(config);
        for (int i = 0; i < 40; i++) {
            log.append(batch("c", 3, 10), 0);
        }
        log.close();
        Path first = LogFiles.logFile(dir, 0);
        try (FileChannel channel = FileChannel.open(first,
                StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ByteBuffer length = ByteBuffer.allocate(4);
            channel.read(length, RecordBatch.LENGTH_OFFSET);
            int firstBatch = RecordBatch.LOG_OVERHEAD + length.flip().getInt();
            channel.write(ByteBuffer.allocate(4).putInt(0, -12), firstBatch + RecordBatch.LENGTH_OFFSET);
        }
        open(config);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long offset = 0;
            for (int step = 0; step < 1_000 && offset < log.logEndOffset(); step++) {
                LogSlice slice = log.read(offset, 1 << 20, Long.MAX_VALUE);
                if (slice.isEmpty()) {
                    break;
                }
                offset = slice.nextOffset();
            }
            log.offsetForTimestamp(10);
        });
    }
}
