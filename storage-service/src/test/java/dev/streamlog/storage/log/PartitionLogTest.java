package dev.streamlog.storage.log;

import static dev.streamlog.storage.log.TestBatches.batch;
import static dev.streamlog.storage.log.TestBatches.records;
import static dev.streamlog.storage.log.TestBatches.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.log.errors.CorruptRecordException;
import dev.streamlog.storage.log.errors.InvalidOffsetException;
import dev.streamlog.storage.log.errors.InvalidSizeException;
import dev.streamlog.storage.log.errors.OffsetOutOfRangeException;
import dev.streamlog.storage.log.errors.RecordTooLargeException;
import dev.streamlog.storage.log.errors.StaleLeaderEpochException;
import dev.streamlog.storage.log.record.LogRecord;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
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
        if (log != null) {
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
        open(LogConfig.defaults().with(LogConfig.SEGMENT_BYTES, 1024).with(LogConfig.INDEX_INTERVAL_BYTES, 100));
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
        open(LogConfig.defaults().with(LogConfig.SEGMENT_BYTES, 2048));
        for (int i = 0; i < 50; i++) {
            log.append(batch("x", 4, 100 + i), 3);
        }
        log.close();
        open(LogConfig.defaults().with(LogConfig.SEGMENT_BYTES, 2048));
        assertThat(log.logEndOffset()).isEqualTo(200);
        assertThat(log.latestEpoch()).hasValue(3);
        assertThat(log.append(batch("y", 1, 500), 3).baseOffset()).isEqualTo(200);
        assertThat(records(log.read(198, 1 << 20, Long.MAX_VALUE))).extracting(LogRecord::offset)
                .containsExactly(196L, 197L, 198L, 199L, 200L);
    }

    @Test
    void badInputGetsItsOwnException() {
        open(LogConfig.defaults().with(LogConfig.MAX_MESSAGE_BYTES, 200));
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
}
