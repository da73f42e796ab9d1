package dev.streamlog.storage.log;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.LogRecord;
import dev.streamlog.model.batch.RecordBatchBuilder;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The process {@link PartitionLogCrashIT} kills: opens the partition log in a directory and
 * appends the deterministic batch sequence ({@link #batch}) from wherever the log ends,
 * printing {@code acked <batch> <baseOffset> <lastOffset>} (and flushing) after each append
 * returns, until it has appended {@code count} batches or dies.
 *
 * <p>Usage: {@code AppendLoop <dir> <count> <leaderEpoch>}. Segments are small (64 KiB) so
 * that rolls, and their background flushes, happen while it runs.
 */
public final class AppendLoop {

    static final TopicPartition TP = new TopicPartition("crash", 0);
    static final LogConfig CONFIG = LogConfig.defaults()
            .with(TopicConfigs.SEGMENT_BYTES, 64 * 1024)
            .with(TopicConfigs.INDEX_INTERVAL_BYTES, 1024);

    private AppendLoop() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        int leaderEpoch = Integer.parseInt(args[2]);
        ExecutorService flusher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "append-loop-flusher");
            thread.setDaemon(true);
            return thread;
        });
        PrintStream out = System.out;
        try (PartitionLog log = PartitionLog.open(dir, TP, CONFIG, Clock.systemUTC(), flusher)) {
            int first = nextBatch(log);
            for (long i = 0; i < count; i++) {
                int n = Math.toIntExact(first + i);
                AppendResult result = log.append(batch(n), leaderEpoch);
                out.println("acked " + n + " " + result.baseOffset() + " " + result.lastOffset());
                out.flush();
            }
        } finally {
            flusher.shutdown();
        }
    }

    /** Records in batch {@code n}: 1 to 4, so batches differ in count and size. */
    static int recordCount(int n) {
        return 1 + n % 4;
    }

    /** Value of record {@code i} of batch {@code n}. */
    static String value(int n, int i) {
        return "b" + n + "-" + i + "-" + "x".repeat(n % 40);
    }

    /** Timestamp of every record of batch {@code n}. */
    static long timestamp(int n) {
        return 1_000_000L + n;
    }

    /** Batch {@code n} of the sequence. */
    static ByteBuffer batch(int n) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < recordCount(n); i++) {
            builder.append(timestamp(n), null, value(n, i).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** The number of the batch after the log's last one, read from its last record; 0 when empty. */
    static int nextBatch(PartitionLog log) {
        long end = log.logEndOffset();
        if (end == log.logStartOffset()) {
            return 0;
        }
        List<LogRecord> last = TestBatches.records(log.read(end - 1, 1, Long.MAX_VALUE));
        String value = TestBatches.value(last.get(last.size() - 1));
        return Integer.parseInt(value.substring(1, value.indexOf('-'))) + 1;
    }
}
