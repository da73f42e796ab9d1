package dev.streamlog.storage.log;

import static dev.streamlog.storage.log.TestBatches.records;
import static dev.streamlog.storage.log.TestBatches.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.LogRecord;
import dev.streamlog.model.batch.RecordBatchBuilder;
import dev.streamlog.storage.log.index.TimestampOffset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer appends thousands of small batches to a log with tiny segments and indexes (so
 * it rolls all the time) while three readers, without any coordination, follow the log to its
 * current end, from where they stopped or from random offsets. Every slice must hold whole
 * batches with valid CRCs, start with the batch holding the offset asked for, and carry
 * consecutive offsets with exactly the values and timestamps the writer gave them; a
 * timestamp lookup must find the record stamped with that time. Reader failures fail the test.
 */
class PartitionLogConcurrencyTest {

    private static final TopicPartition TP = new TopicPartition("concurrent", 0);
    private static final int BATCHES = 3000;
    private static final int READERS = 3;
    private static final long TIMESTAMP_BASE = 1_000_000;
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void readersFollowingTheLogSeeOnlyWholeCorrectBatchesWhileItIsWritten() throws Exception {
        LogConfig config = LogConfig.defaults()
                .with(TopicConfigs.SEGMENT_BYTES, 2048)
                .with(TopicConfigs.INDEX_INTERVAL_BYTES, 100)
                .with(TopicConfigs.SEGMENT_INDEX_BYTES, 96);
        PartitionLog log = PartitionLog.open(dir, TP, config, new MutableClock(0), Runnable::run);
        ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);
        try {
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<?> writer = threads.submit(() -> write(log, writing));
            List<Future<Long>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                Random random = new Random(i);
                readers.add(threads.submit(() -> follow(log, writing, random)));
            }
            await(writer);
            for (Future<Long> reader : readers) {
                assertThat(await(reader)).as("slices read").isPositive();
            }
            assertThat(log.segmentCount()).as("segments rolled").isGreaterThan(50);
            long position = 0;
            while (position < log.logEndOffset()) {
                position = checkSlice(log.read(position, Integer.MAX_VALUE, Long.MAX_VALUE), position);
            }
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.close();
        }
    }

    /**
     * Appends the batches. Being the only writer, it knows each batch's base offset (the log
     * end offset) before appending, so every record's value and timestamp name its offset.
     */
    private static void write(PartitionLog log, AtomicBoolean writing) {
        try {
            Random random = new Random(-1);
            for (int i = 0; i < BATCHES; i++) {
                long base = log.logEndOffset();
                int count = 1 + random.nextInt(10);
                RecordBatchBuilder builder = new RecordBatchBuilder();
                for (long offset = base; offset < base + count; offset++) {
                    byte[] value = valueAt(base, offset).getBytes(StandardCharsets.UTF_8);
                    builder.append(TIMESTAMP_BASE + offset, null, value);
                }
                assertThat(log.append(builder.build(), 0).baseOffset()).isEqualTo(base);
            }
        } finally {
            writing.set(false);
        }
    }

    /**
     * Follows the log: reads from where it stopped (now and then from a random offset
     * instead) to the log end offset seen before reading, again and again, until a pass that
     * began after the writer finished; looks up a random timestamp after each pass.
     *
     * @return how many slices it read
     */
    private static long follow(PartitionLog log, AtomicBoolean writing, Random random) {
        long slices = 0;
        long position = 0;
        boolean lastPass;
        do {
            lastPass = !writing.get();
            long end = log.logEndOffset();
            if (random.nextInt(4) == 0) {
                position = random.nextLong(log.logStartOffset(), end + 1);
            }
            while (position < end) {
                position = checkSlice(log.read(position, 1 + random.nextInt(3000), Long.MAX_VALUE), position);
                slices++;
            }
            if (end > 0) {
                long offset = random.nextLong(end);
                assertThat(log.offsetForTimestamp(TIMESTAMP_BASE + offset))
                        .contains(new TimestampOffset(TIMESTAMP_BASE + offset, offset));
            }
        } while (!lastPass);
        return slices;
    }

    /**
     * Checks a slice read from {@code position}, below the log end offset.
     *
     * @return where the next read continues
     */
    private static long checkSlice(LogSlice slice, long position) {
        assertThat(slice.isEmpty()).as("slice from %d is empty", position).isFalse();
        assertThat(slice.firstOffset()).as("first offset of the slice from %d", position).isLessThanOrEqualTo(position);
        assertThat(slice.nextOffset()).as("next offset of the slice from %d", position).isGreaterThan(position);
        long batchBase = slice.firstOffset();
        long expected = slice.firstOffset();
        for (LogRecord record : records(slice)) {
            assertThat(record.offset()).as("offsets in the slice from %d", position).isEqualTo(expected++);
            // a record named as the first of a batch at its own offset starts the next batch
            if (value(record).equals(valueAt(record.offset(), record.offset()))) {
                batchBase = record.offset();
            }
            assertThat(value(record)).as("value at %d", record.offset()).isEqualTo(valueAt(batchBase, record.offset()));
            assertThat(record.timestamp()).as("timestamp at %d", record.offset())
                    .isEqualTo(TIMESTAMP_BASE + record.offset());
            if (record.offset() == position) {
                assertThat(batchBase).as("the slice from %d starts with the batch holding it", position)
                        .isEqualTo(slice.firstOffset());
            }
        }
        assertThat(expected).as("next offset of the slice from %d", position).isEqualTo(slice.nextOffset());
        return slice.nextOffset();
    }

    /** The value of the record at {@code offset} in the batch starting at {@code batchBase}. */
    private static String valueAt(long batchBase, long offset) {
        return "b" + batchBase + "-" + (offset - batchBase);
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
