package dev.streamlog.storage.log.bench;

import dev.streamlog.storage.log.LogFiles;
import dev.streamlog.storage.log.LogSlice;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.log.index.TimestampOffset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

/**
 * Sections 3 and 4. Builds one log per requested size from batches of 100 records with
 * 100-byte values, where the record at offset {@code n} has timestamp
 * {@code BASE_TIMESTAMP + n}, so every answer is known and checked (outside the timed
 * call). Then times, per log, {@link PartitionLog#offsetForTimestamp} for random
 * timestamps and {@link PartitionLog#read}{@code (offset, 1, Long.MAX_VALUE)} plus copying
 * the one returned batch out, for random offsets. As the physical reference for the
 * latter, it times plain positional reads of one random batch from the log's first segment
 * file, which show what the memory hierarchy alone costs at each log size. Every log is
 * warmed up before any is timed.
 */
final class LookupBench {

    /** Bytes of every record value. */
    static final int VALUE_BYTES = 100;

    /**
     * What one log measured.
     *
     * @param records          records in the log
     * @param logBytes         bytes of batches in the log
     * @param segments         segments of the log
     * @param timestamp        latency of each timestamp lookup
     * @param timestampSeconds wall-clock time of all timestamp lookups
     * @param offsetRead       latency of each random-offset read
     * @param rawRead          latency of each plain read of one random batch from the first segment file
     */
    record Result(long records, long logBytes, int segments, Latencies timestamp, double timestampSeconds,
                  Latencies offsetRead, Latencies rawRead) {

        double timestampLookupsPerSecond() {
            return timestamp.count() / timestampSeconds;
        }
    }

    private final Path dir;
    private final ExecutorService flusher;
    private final int lookups;
    private final int warmUpLookups;
    private final ByteBuffer copyBuffer = ByteBuffer.allocateDirect(1 << 20);

    LookupBench(Path dir, ExecutorService flusher, int lookups, int warmUpLookups) {
        this.dir = dir;
        this.flusher = flusher;
        this.lookups = lookups;
        this.warmUpLookups = warmUpLookups;
    }

    /** Measures one log per entry of {@code recordCounts} (each a multiple of 100). */
    List<Result> run(long... recordCounts) {
        List<PartitionLog> logs = new ArrayList<>();
        try {
            for (long records : recordCounts) {
                logs.add(buildLog(dir.resolve("lookup-" + records), records));
            }
            BenchIo.drain(flusher);
            for (PartitionLog log : logs) {
                timestampLookups(log, warmUpLookups, new SplittableRandom(1));
                offsetReads(log, warmUpLookups, new SplittableRandom(2));
                rawReads(log, warmUpLookups, new SplittableRandom(3));
            }
            List<Result> results = new ArrayList<>();
            for (PartitionLog log : logs) {
                results.add(measure(log));
            }
            return results;
        } finally {
            for (PartitionLog log : logs) {
                log.close();
                BenchIo.deleteTree(log.dir());
            }
        }
    }

    private PartitionLog buildLog(Path logDir, long records) {
        byte[] value = new byte[VALUE_BYTES];
        new SplittableRandom(records).nextBytes(value);
        PartitionLog log = BenchIo.openLog(logDir, flusher);
        for (long offset = 0; offset < records; offset += BenchBatches.RECORDS_PER_BATCH) {
            log.append(BenchBatches.timestamped(BenchBatches.BASE_TIMESTAMP + offset, value), 0);
        }
        return log;
    }

    private Result measure(PartitionLog log) {
        long start = System.nanoTime();
        Latencies timestamp = timestampLookups(log, lookups, new SplittableRandom(4));
        double timestampSeconds = BenchIo.secondsSince(start);
        Latencies offsetRead = offsetReads(log, lookups, new SplittableRandom(5));
        Latencies rawRead = rawReads(log, lookups, new SplittableRandom(6));
        return new Result(log.logEndOffset(), log.sizeInBytes(), log.segmentCount(), timestamp, timestampSeconds,
                offsetRead, rawRead);
    }

    private static Latencies timestampLookups(PartitionLog log, int count, SplittableRandom random) {
        Latencies latencies = new Latencies(count);
        long records = log.logEndOffset();
        for (int i = 0; i < count; i++) {
            long expectedOffset = random.nextLong(records);
            long timestamp = BenchBatches.BASE_TIMESTAMP + expectedOffset;
            long start = System.nanoTime();
            Optional<TimestampOffset> found = log.offsetForTimestamp(timestamp);
            latencies.add(System.nanoTime() - start);
            if (found.isEmpty() || found.get().offset() != expectedOffset || found.get().timestamp() != timestamp) {
                throw new IllegalStateException("timestamp " + timestamp + " should map to offset " + expectedOffset
                        + ", got " + found);
            }
        }
        return latencies;
    }

    private Latencies offsetReads(PartitionLog log, int count, SplittableRandom random) {
        Latencies latencies = new Latencies(count);
        long records = log.logEndOffset();
        for (int i = 0; i < count; i++) {
            long offset = random.nextLong(records);
            long start = System.nanoTime();
            LogSlice slice = log.read(offset, 1, Long.MAX_VALUE);
            slice.readInto(copyBuffer.clear());
            latencies.add(System.nanoTime() - start);
            if (offset < slice.firstOffset() || offset >= slice.nextOffset()
                    || slice.nextOffset() - slice.firstOffset() != BenchBatches.RECORDS_PER_BATCH) {
                throw new IllegalStateException("read of offset " + offset + " returned offsets "
                        + slice.firstOffset() + " to " + (slice.nextOffset() - 1));
            }
        }
        return latencies;
    }

    /** Reads one whole random batch (all batches have the same size) from the first segment file. */
    private Latencies rawReads(PartitionLog log, int count, SplittableRandom random) {
        int batchBytes = log.read(0, 1, Long.MAX_VALUE).sizeInBytes();
        Latencies latencies = new Latencies(count);
        try (FileChannel channel = FileChannel.open(LogFiles.logFile(log.dir(), 0), StandardOpenOption.READ)) {
            long batches = channel.size() / batchBytes;
            for (int i = 0; i < count; i++) {
                long position = random.nextLong(batches) * batchBytes;
                long start = System.nanoTime();
                ByteBuffer target = copyBuffer.clear().limit(batchBytes);
                while (target.hasRemaining()) {
                    if (channel.read(target, position + target.position()) < 0) {
                        throw new IllegalStateException("segment file ended inside a batch at " + position);
                    }
                }
                latencies.add(System.nanoTime() - start);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("raw read of " + log.dir() + " failed", e);
        }
        return latencies;
    }
}
