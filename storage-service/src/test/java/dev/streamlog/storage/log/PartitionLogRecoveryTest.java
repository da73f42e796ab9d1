package dev.streamlog.storage.log;

import static dev.streamlog.storage.log.TestBatches.records;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.LogRecord;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.storage.log.index.TimestampOffset;
import dev.streamlog.storage.log.io.MappingLeakCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damages a partition directory the way crashes and disk faults do (a torn last write, a
 * flipped byte, missing or garbage indexes, leftover temp and {@code .deleted} files, an
 * unreadable epoch checkpoint) and checks what reopening makes of it: every batch written
 * whole before the damage reads back with its exact content, nothing after it is left, the
 * log end offset is right, indexes and the epoch cache are rebuilt, and appends continue at
 * the log end offset.
 *
 * <p>Batch {@code b} holds {@value #RECORDS_PER_BATCH} records with values {@code "b{b}-{i}"}
 * at timestamp {@code 10_000 + 10 b}, so its offsets are {@code b * RECORDS_PER_BATCH} on.
 */
@ExtendWith(MappingLeakCheck.class)
class PartitionLogRecoveryTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final LogConfig CONFIG = LogConfig.defaults()
            .with(TopicConfigs.SEGMENT_BYTES, 2048)
            .with(TopicConfigs.INDEX_INTERVAL_BYTES, 128);
    private static final int RECORDS_PER_BATCH = 4;
    private static final int EPOCH = 2;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000);
    private final List<Written> written = new ArrayList<>();
    private PartitionLog log;

    /** Where test batch {@code batch} landed: its segment's log file and its bytes there. */
    private record Written(int batch, Path file, long position, int size) {
    }

    @AfterEach
    void closeLog() {
        if (log != null && !log.isClosed()) {
            log.close();
        }
    }

    @ParameterizedTest(name = "recovery point kept: {0}")
    @ValueSource(booleans = {true, false})
    void tornLastBatchIsCutOffAndTheRestKept(boolean keepRecoveryPoint) throws IOException {
        open();
        write(40, EPOCH);
        Written last = written.get(39);
        crash(keepRecoveryPoint);
        try (FileChannel file = FileChannel.open(last.file(), StandardOpenOption.WRITE)) {
            file.truncate(last.position() + last.size() / 2);
        }

        open();

        assertHoldsExactly(39);
        assertAppendContinues();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"base offset,7", "length,11", "magic,16", "crc,17", "record count,60", "record bytes,64",
            "last byte,-1"})
    void corruptBatchInTheActiveSegmentIsDroppedWithEverythingAfterIt(String field, int at) throws IOException {
        open();
        write(40, EPOCH);
        List<Written> active = inSegment(LogFiles.segmentBaseOffsets(dir).get(LogFiles.segmentBaseOffsets(dir).size() - 1));
        assertThat(active).as("batches in the active segment").hasSizeGreaterThanOrEqualTo(3);
        Written damaged = active.get(1);
        crash(true);
        flipByte(damaged, at);

        open();

        assertHoldsExactly(damaged.batch());
        assertAppendContinues();
    }

    @ParameterizedTest(name = "deleted: {0}")
    @ValueSource(strings = {".index", ".timeindex", ".index .timeindex"})
    void missingIndexesOfAnInactiveSegmentAreRebuilt(String suffixes) throws IOException {
        open();
        write(60, EPOCH);
        long base = LogFiles.segmentBaseOffsets(dir).get(1);
        log.close();
        byte[] offsetIndex = Files.readAllBytes(LogFiles.offsetIndexFile(dir, base));
        byte[] timeIndex = Files.readAllBytes(LogFiles.timeIndexFile(dir, base));
        assertThat(offsetIndex).as("the segment has offset index entries").isNotEmpty();
        for (String suffix : suffixes.split(" ")) {
            Files.delete(dir.resolve(LogFiles.segmentFileName(base, suffix)));
        }

        open();

        assertThat(LogFiles.offsetIndexFile(dir, base)).exists().hasBinaryContent(offsetIndex);
        assertThat(LogFiles.timeIndexFile(dir, base)).exists().hasBinaryContent(timeIndex);
        assertHoldsExactly(60);
        assertTimestampLookupsFindEveryBatch();
        assertAppendContinues();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({".index,garbage", ".index,zeros", ".index,partial entry",
            ".timeindex,garbage", ".timeindex,zeros", ".timeindex,partial entry"})
    void damagedIndexOfAnInactiveSegmentIsRebuilt(String suffix, String damage) throws IOException {
        open();
        write(60, EPOCH);
        long base = LogFiles.segmentBaseOffsets(dir).get(1);
        log.close();
        Path index = dir.resolve(LogFiles.segmentFileName(base, suffix));
        byte[] original = Files.readAllBytes(index);
        Files.write(index, damaged(original, damage));

        open();

        assertThat(index).hasBinaryContent(original);
        assertHoldsExactly(60);
        assertTimestampLookupsFindEveryBatch();
        assertAppendContinues();
    }

    @Test
    void leftoverTempDeletedAndOrphanFilesAreRemovedOnOpen() throws IOException {
        open();
        write(40, EPOCH);
        crash(true);
        List<Path> leftovers = List.of(
                dir.resolve(LogFiles.RECOVERY_POINT_FILE + ".tmp"),
                dir.resolve(LogFiles.LEADER_EPOCH_FILE + ".tmp"),
                LogFiles.deletedFile(LogFiles.logFile(dir, 1_000_000)),
                LogFiles.deletedFile(LogFiles.offsetIndexFile(dir, 1_000_000)),
                LogFiles.deletedFile(LogFiles.timeIndexFile(dir, 1_000_000)),
                LogFiles.offsetIndexFile(dir, 2_000_000),
                LogFiles.timeIndexFile(dir, 2_000_000));
        for (Path leftover : leftovers) {
            Files.write(leftover, "0\n1\n12".getBytes(StandardCharsets.UTF_8));
        }

        open();

        for (Path leftover : leftovers) {
            assertThat(leftover).doesNotExist();
        }
        assertHoldsExactly(40);
        assertThat(log.recoveryPoint()).isEqualTo(log.logEndOffset());
        assertAppendContinues();
    }

    @ParameterizedTest(name = "clean shutdown: {0}")
    @ValueSource(booleans = {true, false})
    void unreadableEpochCheckpointIsRebuiltFromTheBatches(boolean cleanShutdown) throws IOException {
        open();
        write(20, 1);
        write(20, 3);
        write(20, 4);
        assertThat(inSegment(LogFiles.segmentBaseOffsets(dir).get(LogFiles.segmentBaseOffsets(dir).size() - 1)))
                .as("the active segment holds only epoch 4").allMatch(w -> w.batch() >= 40);
        if (cleanShutdown) {
            log.close();
        } else {
            crash(true);
        }
        Files.writeString(dir.resolve(LogFiles.LEADER_EPOCH_FILE), "0\n2\nnot an epoch\n");

        open();

        assertEpochsAre1Then3Then4();
        log.close();
        open();
        assertEpochsAre1Then3Then4();
        assertHoldsExactly(60);
    }

    @Test
    void damageInAMiddleSegmentDropsTheSegmentsAfterIt() throws IOException {
        open();
        write(60, EPOCH);
        List<Long> bases = LogFiles.segmentBaseOffsets(dir);
        assertThat(bases).hasSizeGreaterThanOrEqualTo(4);
        List<Written> middle = inSegment(bases.get(1));
        Written damaged = middle.get(middle.size() / 2);
        crash(false);
        flipByte(damaged, RecordBatch.HEADER_SIZE + 3);

        open();

        assertHoldsExactly(damaged.batch());
        assertThat(LogFiles.segmentBaseOffsets(dir)).containsExactly(bases.get(0), bases.get(1));
        assertThat(log.recoveryPoint()).isEqualTo(log.logEndOffset());
        assertAppendContinues();
        log.close();
        open();
        assertHoldsExactly(damaged.batch() + 1);
    }

    private void open() {
        log = PartitionLog.open(dir, TP, CONFIG, clock, Runnable::run);
    }

    /** Closes the log, then removes what only a clean close leaves: the marker, optionally the recovery point. */
    private void crash(boolean keepRecoveryPoint) throws IOException {
        log.close();
        Files.delete(dir.resolve(LogFiles.CLEAN_SHUTDOWN_FILE));
        if (!keepRecoveryPoint) {
            Files.delete(dir.resolve(LogFiles.RECOVERY_POINT_FILE));
        }
    }

    private static ByteBuffer batch(int b) {
        return TestBatches.batch("b" + b + "-", RECORDS_PER_BATCH, timestamp(b));
    }

    private static long timestamp(int b) {
        return 10_000 + 10L * b;
    }

    private void write(int count, int epoch) throws IOException {
        for (int i = 0; i < count; i++) {
            int b = written.size();
            AppendResult result = log.append(batch(b), epoch);
            assertThat(result.baseOffset()).isEqualTo((long) b * RECORDS_PER_BATCH);
            LogSlice slice = log.read(result.baseOffset(), 1, Long.MAX_VALUE);
            written.add(new Written(b, LogFiles.logFile(dir, segmentHolding(result.baseOffset())), slice.position(),
                    slice.sizeInBytes()));
        }
    }

    private long segmentHolding(long offset) throws IOException {
        return LogFiles.segmentBaseOffsets(dir).stream().filter(base -> base <= offset).reduce((a, b) -> b).orElseThrow();
    }

    private List<Written> inSegment(long base) {
        Path file = LogFiles.logFile(dir, base);
        return written.stream().filter(w -> file.equals(w.file())).toList();
    }

    /** Inverts every bit of one byte of a written batch; a negative {@code at} counts from its end. */
    private static void flipByte(Written batch, int at) throws IOException {
        long position = batch.position() + (at >= 0 ? at : batch.size() + at);
        try (FileChannel file = FileChannel.open(batch.file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            file.read(one, position);
            one.put(0, (byte) ~one.get(0)).rewind();
            file.write(one, position);
        }
    }

    private static byte[] damaged(byte[] original, String damage) {
        return switch (damage) {
            case "garbage" -> {
                byte[] garbage = new byte[original.length];
                new Random(42).nextBytes(garbage);
                yield garbage;
            }
            case "zeros" -> new byte[original.length];
            case "partial entry" -> Arrays.copyOf(original, original.length - 3);
            default -> throw new IllegalArgumentException(damage);
        };
    }

    /**
     * The log holds exactly test batches {@code 0 .. batches - 1}: read from the start and
     * batch by batch, with their values, and nothing after them.
     */
    private void assertHoldsExactly(int batches) {
        long end = (long) batches * RECORDS_PER_BATCH;
        assertThat(log.logEndOffset()).isEqualTo(end);
        List<String> values = new ArrayList<>();
        long offset = 0;
        while (offset < end) {
            LogSlice slice = log.read(offset, 1000, Long.MAX_VALUE);
            for (LogRecord record : records(slice)) {
                assertThat(record.offset()).isEqualTo(values.size());
                values.add(TestBatches.value(record));
            }
            offset = slice.nextOffset();
        }
        assertThat(values).containsExactlyElementsOf(expectedValues(0, batches));
        for (int b = 0; b < batches; b++) {
            long last = (long) b * RECORDS_PER_BATCH + RECORDS_PER_BATCH - 1;
            assertThat(records(log.read(last, 1, Long.MAX_VALUE))).extracting(TestBatches::value)
                    .containsExactlyElementsOf(expectedValues(b, b + 1));
        }
        assertThat(log.read(end, 1000, Long.MAX_VALUE).isEmpty()).isTrue();
    }

    private static List<String> expectedValues(int fromBatch, int toBatch) {
        List<String> values = new ArrayList<>();
        for (int b = fromBatch; b < toBatch; b++) {
            for (int i = 0; i < RECORDS_PER_BATCH; i++) {
                values.add("b" + b + "-" + i);
            }
        }
        return values;
    }

    /** The next test batch lands at the log end offset and reads back. */
    private void assertAppendContinues() {
        long end = log.logEndOffset();
        int b = (int) (end / RECORDS_PER_BATCH);
        assertThat(log.append(batch(b), EPOCH).baseOffset()).isEqualTo(end);
        assertThat(log.logEndOffset()).isEqualTo(end + RECORDS_PER_BATCH);
        assertThat(records(log.read(end, 1000, Long.MAX_VALUE))).extracting(TestBatches::value)
                .containsExactlyElementsOf(expectedValues(b, b + 1));
    }

    private void assertTimestampLookupsFindEveryBatch() {
        int batches = (int) (log.logEndOffset() / RECORDS_PER_BATCH);
        for (int b = 0; b < batches; b++) {
            TimestampOffset expected = new TimestampOffset(timestamp(b), (long) b * RECORDS_PER_BATCH);
            assertThat(log.offsetForTimestamp(timestamp(b))).contains(expected);
            assertThat(log.offsetForTimestamp(timestamp(b) - 5)).contains(expected);
        }
        assertThat(log.offsetForTimestamp(timestamp(batches))).isEmpty();
    }

    /** Batches 0-19 were epoch 1, 20-39 epoch 3, 40-59 epoch 4. */
    private void assertEpochsAre1Then3Then4() {
        long epoch3Start = 20L * RECORDS_PER_BATCH;
        long epoch4Start = 40L * RECORDS_PER_BATCH;
        assertThat(log.latestEpoch()).hasValue(4);
        assertThat(log.endOffsetForEpoch(0)).isEqualTo(new EpochEndOffset(0, 0));
        assertThat(log.endOffsetForEpoch(1)).isEqualTo(new EpochEndOffset(1, epoch3Start));
        assertThat(log.endOffsetForEpoch(2)).isEqualTo(new EpochEndOffset(1, epoch3Start));
        assertThat(log.endOffsetForEpoch(3)).isEqualTo(new EpochEndOffset(3, epoch4Start));
        assertThat(log.endOffsetForEpoch(4)).isEqualTo(new EpochEndOffset(4, log.logEndOffset()));
        assertThat(log.endOffsetForEpoch(5)).isEqualTo(EpochEndOffset.UNDEFINED);
    }
}
