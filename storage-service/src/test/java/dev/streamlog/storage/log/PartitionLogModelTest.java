package dev.streamlog.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.LogRecord;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.model.batch.RecordBatchBuilder;
import dev.streamlog.storage.log.checkpoint.OffsetCheckpoint;
import dev.streamlog.storage.log.errors.StaleLeaderEpochException;
import dev.streamlog.storage.log.index.TimestampOffset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomized model test of {@link PartitionLog}: for each seed, thousands of random appends,
 * reads, truncations, timestamp and epoch lookups, size and time retention runs, flushes,
 * configuration changes, clean reopens and unclean reopens (which recover, sometimes from a
 * torn last batch, an old recovery point or a missing index) are run against the log and
 * against a plain in-memory model of it (records by offset, the batches they came in, the
 * leader epochs, the log start offset), and every answer is compared. Small segments and
 * indexes make rolls by size, age and full index frequent. A failure names the seed and step
 * and lists the last steps taken; a seed replays exactly.
 */
class PartitionLogModelTest {

    private static final TopicPartition TP = new TopicPartition("model", 0);
    private static final int STEPS = 1500;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20_240_521L})
    void theLogAnswersLikeTheModel(long seed) {
        new Run(seed, dir).steps(STEPS);
    }

    /** One record as the model keeps it, and as it is decoded from a read. */
    private record ModelRecord(long offset, long timestamp, String value) {

        static ModelRecord of(LogRecord record) {
            return new ModelRecord(record.offset(), record.timestamp(), TestBatches.value(record));
        }
    }

    /** One batch as the model keeps it, and as it is found in a read. */
    private record ModelBatch(long baseOffset, long lastOffset, int epoch, int sizeInBytes) {

        static ModelBatch of(RecordBatch batch) {
            return new ModelBatch(batch.baseOffset(), batch.lastOffset(), batch.partitionLeaderEpoch(),
                    batch.sizeInBytes());
        }
    }

    /** What the log should hold. */
    private static final class LogModel {

        /** Every record appended and not truncated, indexed by offset (retention keeps them here). */
        private final List<ModelRecord> records = new ArrayList<>();
        /** The batches from the log start offset on, by base offset. */
        private final TreeMap<Long, ModelBatch> batches = new TreeMap<>();
        /** Leader epoch to the first offset written in it. */
        private final TreeMap<Integer, Long> epochStarts = new TreeMap<>();
        private long logStartOffset;

        long logStartOffset() {
            return logStartOffset;
        }

        long logEndOffset() {
            return records.size();
        }

        long sizeInBytes() {
            return batches.values().stream().mapToLong(ModelBatch::sizeInBytes).sum();
        }

        OptionalInt latestEpoch() {
            return epochStarts.isEmpty() ? OptionalInt.empty() : OptionalInt.of(epochStarts.lastKey());
        }

        List<ModelRecord> records(long from, long toExclusive) {
            return records.subList((int) from, (int) toExclusive);
        }

        void append(ModelBatch batch, List<ModelRecord> batchRecords) {
            if (epochStarts.isEmpty() || batch.epoch() > epochStarts.lastKey()) {
                epochStarts.values().removeIf(start -> start >= batch.baseOffset());
                epochStarts.put(batch.epoch(), batch.baseOffset());
            }
            batches.put(batch.baseOffset(), batch);
            records.addAll(batchRecords);
        }

        ModelBatch batchHolding(long offset) {
            return batches.floorEntry(offset).getValue();
        }

        /** Truncation drops the batch holding {@code offset} and everything after it. */
        void truncateTo(long offset) {
            if (offset >= logEndOffset()) {
                return;
            }
            long newEnd = batchHolding(offset).baseOffset();
            batches.tailMap(newEnd, true).clear();
            records.subList((int) newEnd, records.size()).clear();
            forgetEpochsFrom(newEnd);
        }

        /** Retention moved the log start offset up to {@code newStart}, a batch boundary. */
        void startAt(long newStart) {
            assertThat(newStart).as("the log start offset only moves forward").isGreaterThanOrEqualTo(logStartOffset);
            logStartOffset = newStart;
            batches.headMap(newStart, false).clear();
            forgetEpochsBefore(newStart);
        }

        /** Loading a log trims the epochs to the offsets it holds. */
        void reopened() {
            forgetEpochsFrom(logEndOffset());
            forgetEpochsBefore(logStartOffset);
        }

        /**
         * The batches a read should return: from the one holding {@code from}, below the limit,
         * within {@code maxBytes} (the first whole anyway), and within one segment.
         */
        List<ModelBatch> expectedRead(long from, int maxBytes, long maxOffsetExclusive, long segmentEnd) {
            long limit = Math.min(maxOffsetExclusive, logEndOffset());
            List<ModelBatch> expected = new ArrayList<>();
            if (from >= limit || maxBytes == 0) {
                return expected;
            }
            long bytes = 0;
            for (ModelBatch batch : batches.tailMap(batchHolding(from).baseOffset(), true).values()) {
                if (batch.lastOffset() >= limit || batch.baseOffset() >= segmentEnd
                        || (!expected.isEmpty() && bytes + batch.sizeInBytes() > maxBytes)) {
                    break;
                }
                expected.add(batch);
                bytes += batch.sizeInBytes();
            }
            return expected;
        }

        Optional<TimestampOffset> offsetForTimestamp(long timestamp) {
            for (ModelRecord record : records(logStartOffset, logEndOffset())) {
                if (record.timestamp() >= timestamp) {
                    return Optional.of(new TimestampOffset(record.timestamp(), record.offset()));
                }
            }
            return Optional.empty();
        }

        EpochEndOffset endOffsetForEpoch(int epoch) {
            if (epochStarts.isEmpty() || epoch < 0) {
                return EpochEndOffset.UNDEFINED;
            }
            if (epoch == epochStarts.lastKey()) {
                return new EpochEndOffset(epoch, logEndOffset());
            }
            Map.Entry<Integer, Long> next = epochStarts.higherEntry(epoch);
            if (next == null) {
                return EpochEndOffset.UNDEFINED;
            }
            Integer floor = epochStarts.floorKey(epoch);
            return new EpochEndOffset(floor == null ? epoch : floor, next.getValue());
        }

        /** Bytes of the batches from {@code from} (a batch boundary) to {@code to}. */
        long bytesBetween(long from, long to) {
            return batches.subMap(from, to).values().stream().mapToLong(ModelBatch::sizeInBytes).sum();
        }

        /**
         * Where the log should start after size retention over segments starting at
         * {@code bases}: whole segments (never the last) go from the oldest on while the rest
         * still holds at least {@code retentionBytes}.
         */
        long startAfterSizeRetention(List<Long> bases, long retentionBytes) {
            long excess = sizeInBytes() - retentionBytes;
            int deleted = 0;
            while (deleted + 1 < bases.size()) {
                long size = bytesBetween(bases.get(deleted), bases.get(deleted + 1));
                if (excess - size < 0) {
                    break;
                }
                excess -= size;
                deleted++;
            }
            return bases.get(deleted);
        }

        /**
         * Where the log should start after time retention: whole segments (never the last) go
         * from the oldest on while their newest record is more than {@code retentionMs} old.
         */
        long startAfterTimeRetention(List<Long> bases, long nowMs, long retentionMs) {
            int deleted = 0;
            while (deleted + 1 < bases.size()
                    && nowMs - newestTimestamp(bases.get(deleted), bases.get(deleted + 1)) > retentionMs) {
                deleted++;
            }
            return bases.get(deleted);
        }

        /** The largest timestamp of the records from {@code from} to {@code to}. */
        long newestTimestamp(long from, long to) {
            return records(from, to).stream().mapToLong(ModelRecord::timestamp).max().orElse(-1);
        }

        private void forgetEpochsFrom(long offset) {
            epochStarts.values().removeIf(start -> start >= offset);
        }

        private void forgetEpochsBefore(long offset) {
            while (epochStarts.size() > 1 && epochStarts.higherEntry(epochStarts.firstKey()).getValue() <= offset) {
                epochStarts.pollFirstEntry();
            }
            if (!epochStarts.isEmpty() && epochStarts.firstEntry().getValue() < offset) {
                epochStarts.put(epochStarts.firstKey(), offset);
            }
        }
    }

    /** One seeded run: the log, the model and the random choices. */
    private static final class Run {

        private final long seed;
        private final Random random;
        private final Path dir;
        private final MutableClock clock = new MutableClock(10_000_000);
        private final LogModel model = new LogModel();
        private final Deque<String> recentSteps = new ArrayDeque<>();
        private LogConfig config;
        private PartitionLog log;
        private int leaderEpoch;

        Run(long seed, Path dir) {
            this.seed = seed;
            this.random = new Random(seed);
            this.dir = dir;
            this.config = randomSizes(LogConfig.defaults().with(TopicConfigs.FILE_DELETE_DELAY_MS, 0));
        }

        /** Small random segment and index sizes, so that rolls by size, age and full index are frequent. */
        private LogConfig randomSizes(LogConfig base) {
            return base.with(TopicConfigs.SEGMENT_BYTES, between(1024, 4096))
                    .with(TopicConfigs.INDEX_INTERVAL_BYTES, between(64, 512))
                    .with(TopicConfigs.SEGMENT_INDEX_BYTES, between(48, 240))
                    .with(TopicConfigs.SEGMENT_MS, between(1_000, 20_000));
        }

        void steps(int count) {
            int step = 0;
            try {
                note("open with " + config);
                log = PartitionLog.open(dir, TP, config, clock, Runnable::run);
                for (; step < count; step++) {
                    randomStep();
                    checkEnds();
                }
                checkWholeLog();
            } catch (Throwable e) {
                AssertionError failure = new AssertionError("seed " + seed + " failed at step " + step
                        + "; last steps, oldest first:\n  " + String.join("\n  ", recentSteps), e);
                closeAfter(failure);
                throw failure;
            }
            log.close();
        }

        private void closeAfter(AssertionError failure) {
            try {
                if (log != null) {
                    log.close();
                }
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }

        private void randomStep() throws IOException {
            int dice = random.nextInt(100);
            if (dice < 45) {
                append();
            } else if (dice < 70) {
                read();
            } else if (dice < 77) {
                offsetForTimestamp();
            } else if (dice < 82) {
                endOffsetForEpoch();
            } else if (dice < 87) {
                truncate();
            } else if (dice < 91) {
                retention();
            } else if (dice < 92) {
                flush();
            } else if (dice < 93) {
                reconfigure();
            } else if (dice < 95) {
                staleAppend();
            } else if (dice < 97) {
                cleanReopen();
            } else {
                crashAndRecover();
            }
        }

        private void append() {
            if (random.nextInt(20) == 0) {
                leaderEpoch += between(1, 2);
            }
            clock.advance(random.nextInt(1000));
            long base = model.logEndOffset();
            int count = between(1, 20);
            RecordBatchBuilder builder = new RecordBatchBuilder();
            List<ModelRecord> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ModelRecord record = new ModelRecord(base + i, nextTimestamp(), randomValue());
                builder.append(record.timestamp(), null, record.value().getBytes(StandardCharsets.UTF_8));
                records.add(record);
            }
            ByteBuffer batch = builder.build();
            ModelBatch expected = new ModelBatch(base, base + count - 1, leaderEpoch, batch.remaining());
            note("append " + expected);
            AppendResult result = log.append(batch, leaderEpoch);
            assertThat(result).isEqualTo(new AppendResult(base, expected.lastOffset(), clock.millis()));
            model.append(expected, records);
        }

        private void staleAppend() {
            OptionalInt latest = model.latestEpoch();
            if (latest.isEmpty() || latest.getAsInt() == 0) {
                append();
                return;
            }
            int stale = latest.getAsInt() - 1;
            note("append in stale epoch " + stale);
            assertThatThrownBy(() -> log.append(TestBatches.single("stale", clock.millis()), stale))
                    .isInstanceOf(StaleLeaderEpochException.class);
        }

        private void read() throws IOException {
            long from = between(model.logStartOffset(), model.logEndOffset());
            int maxBytes = switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1 -> Integer.MAX_VALUE;
                default -> between(1, 4000);
            };
            long maxOffsetExclusive = random.nextInt(6) == 0
                    ? Long.MAX_VALUE
                    : between(Math.max(0, from - 3), model.logEndOffset() + 3);
            note("read from " + from + ", maxBytes " + maxBytes + ", below " + maxOffsetExclusive);
            checkRead(from, maxBytes, maxOffsetExclusive);
        }

        private void offsetForTimestamp() {
            long target;
            if (model.logEndOffset() > model.logStartOffset() && random.nextBoolean()) {
                long offset = between(model.logStartOffset(), model.logEndOffset() - 1);
                target = model.records(offset, offset + 1).get(0).timestamp() + between(-1, 1);
            } else {
                target = between(9_990_000, clock.millis() + 10);
            }
            note("offsetForTimestamp " + target);
            assertThat(log.offsetForTimestamp(target)).isEqualTo(model.offsetForTimestamp(target));
        }

        private void endOffsetForEpoch() {
            int epoch = between(-1, leaderEpoch + 1);
            note("endOffsetForEpoch " + epoch);
            assertThat(log.endOffsetForEpoch(epoch)).isEqualTo(model.endOffsetForEpoch(epoch));
        }

        private void truncate() {
            long offset = between(model.logStartOffset(), model.logEndOffset());
            note("truncateTo " + offset);
            boolean removed = log.truncateTo(offset);
            assertThat(removed).as("truncateTo(%d) removed something", offset)
                    .isEqualTo(offset < model.logEndOffset());
            model.truncateTo(offset);
        }

        /**
         * Retention by size or by time, with limits often right at a segment boundary (where
         * an off-by-one would show).
         */
        private void retention() throws IOException {
            List<Long> bases = segmentBases();
            assertThat(bases.get(0)).as("first segment").isEqualTo(model.logStartOffset());
            int segment = random.nextInt(bases.size());
            long expectedStart;
            if (random.nextBoolean()) {
                long retentionBytes = random.nextBoolean()
                        ? between(0, model.sizeInBytes())
                        : Math.max(0, model.bytesBetween(bases.get(segment), Long.MAX_VALUE) + between(-1, 1));
                note("retention.bytes " + retentionBytes + " over segments " + bases);
                config = config.with(TopicConfigs.RETENTION_BYTES, retentionBytes).with(TopicConfigs.RETENTION_MS, -1);
                expectedStart = model.startAfterSizeRetention(bases, retentionBytes);
            } else {
                long newest = segment + 1 < bases.size()
                        ? model.newestTimestamp(bases.get(segment), bases.get(segment + 1))
                        : clock.millis() - between(0, 100_000);
                long retentionMs = Math.max(0, clock.millis() - newest + between(-1, 1));
                note("retention.ms " + retentionMs + " at " + clock.millis() + " over segments " + bases);
                config = config.with(TopicConfigs.RETENTION_MS, retentionMs).with(TopicConfigs.RETENTION_BYTES, -1);
                expectedStart = model.startAfterTimeRetention(bases, clock.millis(), retentionMs);
            }
            log.updateConfig(config);
            int deleted = log.deleteExpiredSegments();
            assertThat(log.logStartOffset()).as("log start offset after retention").isEqualTo(expectedStart);
            assertThat(deleted).as("segments deleted").isEqualTo(bases.indexOf(expectedStart));
            model.startAt(expectedStart);
            if (deleted > 0) {
                checkWholeLog();
            }
        }

        /** Changes segment and index sizes while the log is open. */
        private void reconfigure() {
            config = randomSizes(config);
            note("updateConfig " + config);
            log.updateConfig(config);
        }

        private void flush() {
            note("flush");
            log.flush();
            assertThat(log.recoveryPoint()).isEqualTo(model.logEndOffset());
        }

        private void cleanReopen() throws IOException {
            note("close and reopen");
            log.close();
            reopen();
        }

        /**
         * An unclean shutdown: no clean-shutdown marker, so the log recovers from its recovery
         * point. Sometimes the recovery point is gone (recover everything) or older than the
         * log end, the last batch was torn half-written, or an index is missing.
         */
        private void crashAndRecover() throws IOException {
            boolean recoveryPointLost = random.nextInt(3) == 0;
            boolean recoveryPointOld = !recoveryPointLost && random.nextBoolean();
            boolean torn = random.nextBoolean();
            boolean indexLost = random.nextInt(4) == 0;
            long oldRecoveryPoint = between(model.logStartOffset(), model.logEndOffset());
            note("crash" + (recoveryPointLost ? ", recovery point lost" : "")
                    + (recoveryPointOld ? ", recovery point back at " + oldRecoveryPoint : "")
                    + (torn ? ", last batch torn" : "") + (indexLost ? ", an index lost" : "") + ", recover");
            log.close();
            Files.delete(dir.resolve(LogFiles.CLEAN_SHUTDOWN_FILE));
            Path recoveryPointFile = dir.resolve(LogFiles.RECOVERY_POINT_FILE);
            if (recoveryPointLost) {
                Files.deleteIfExists(recoveryPointFile);
            } else if (recoveryPointOld) {
                new OffsetCheckpoint(recoveryPointFile).write(oldRecoveryPoint);
            }
            List<Long> bases = segmentBases();
            if (torn) {
                writeTornBatch(bases.get(bases.size() - 1));
            }
            if (indexLost) {
                long base = bases.get(random.nextInt(bases.size()));
                Path index = random.nextBoolean()
                        ? LogFiles.offsetIndexFile(dir, base)
                        : LogFiles.timeIndexFile(dir, base);
                Files.delete(index);
            }
            reopen();
        }

        private void reopen() throws IOException {
            log = PartitionLog.open(dir, TP, config, clock, Runnable::run);
            model.reopened();
            checkEnds();
            checkWholeLog();
        }

        /** Appends the first bytes of the batch that would come next to a segment, as a crash mid-write leaves it. */
        private void writeTornBatch(long segmentBase) throws IOException {
            ByteBuffer batch = TestBatches.batch("torn", between(1, 10), clock.millis());
            RecordBatch.of(batch).setBaseOffset(model.logEndOffset());
            batch.limit(between(1, batch.limit() - 1));
            Path file = LogFiles.logFile(dir, segmentBase);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND)) {
                while (batch.hasRemaining()) {
                    channel.write(batch);
                }
            }
        }

        private void checkEnds() {
            assertThat(log.logStartOffset()).as("log start offset").isEqualTo(model.logStartOffset());
            assertThat(log.logEndOffset()).as("log end offset").isEqualTo(model.logEndOffset());
            assertThat(log.sizeInBytes()).as("log size").isEqualTo(model.sizeInBytes());
            assertThat(log.latestEpoch()).as("latest epoch").isEqualTo(model.latestEpoch());
        }

        /** Reads the whole log in the largest slices and checks every epoch's end. */
        private void checkWholeLog() throws IOException {
            long position = model.logStartOffset();
            while (position < model.logEndOffset()) {
                position = checkRead(position, Integer.MAX_VALUE, Long.MAX_VALUE).nextOffset();
            }
            for (int epoch = -1; epoch <= leaderEpoch + 1; epoch++) {
                assertThat(log.endOffsetForEpoch(epoch)).as("end of epoch %d", epoch)
                        .isEqualTo(model.endOffsetForEpoch(epoch));
            }
        }

        private LogSlice checkRead(long from, int maxBytes, long maxOffsetExclusive) throws IOException {
            LogSlice slice = log.read(from, maxBytes, maxOffsetExclusive);
            List<ModelBatch> expected = model.expectedRead(from, maxBytes, maxOffsetExclusive, segmentEnd(from));
            if (expected.isEmpty()) {
                assertThat(slice.isEmpty()).as("slice is empty").isTrue();
                assertThat(slice.nextOffset()).as("an empty slice skips nothing").isLessThanOrEqualTo(from);
                return slice;
            }
            ModelBatch last = expected.get(expected.size() - 1);
            List<RecordBatch> batches = batchesOf(slice);
            assertThat(batches).extracting(ModelBatch::of).as("batches read from %d", from).isEqualTo(expected);
            assertThat(slice.firstOffset()).isEqualTo(expected.get(0).baseOffset());
            assertThat(slice.nextOffset()).isEqualTo(last.lastOffset() + 1);
            List<ModelRecord> records = new ArrayList<>();
            for (RecordBatch batch : batches) {
                batch.ensureValid();
                batch.records().forEach(record -> records.add(ModelRecord.of(record)));
            }
            assertThat(records).as("records read from %d", from)
                    .isEqualTo(model.records(slice.firstOffset(), slice.nextOffset()));
            return slice;
        }

        /** The base offset of the segment after the one holding {@code offset}, or MAX_VALUE. */
        private long segmentEnd(long offset) throws IOException {
            Long next = new TreeSet<>(segmentBases()).higher(offset);
            return next == null ? Long.MAX_VALUE : next;
        }

        private List<Long> segmentBases() throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(file -> LogFiles.baseOffset(file.getFileName().toString(), LogFiles.LOG_SUFFIX))
                        .filter(base -> base.isPresent())
                        .map(base -> base.getAsLong())
                        .sorted()
                        .toList();
            }
        }

        /** Mostly about now, sometimes seconds late. */
        private long nextTimestamp() {
            return clock.millis() - (random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(5));
        }

        private String randomValue() {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                value.append((char) ('a' + random.nextInt(26)));
            }
            return value.toString();
        }

        private int between(int min, int max) {
            return random.nextInt(min, max + 1);
        }

        private long between(long min, long max) {
            return random.nextLong(min, max + 1);
        }

        private void note(String step) {
            if (recentSteps.size() == 12) {
                recentSteps.removeFirst();
            }
            recentSteps.addLast(step);
        }
    }

    /** Splits a slice into its batches. */
    private static List<RecordBatch> batchesOf(LogSlice slice) {
        ByteBuffer bytes = slice.toByteBuffer();
        List<RecordBatch> batches = new ArrayList<>();
        while (bytes.hasRemaining()) {
            int size = RecordBatch.LOG_OVERHEAD + bytes.getInt(bytes.position() + RecordBatch.LENGTH_OFFSET);
            batches.add(RecordBatch.of(bytes.slice(bytes.position(), size)));
            bytes.position(bytes.position() + size);
        }
        return batches;
    }
}
