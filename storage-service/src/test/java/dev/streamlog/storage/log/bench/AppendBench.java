package dev.streamlog.storage.log.bench;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.streamlog.storage.log.LogSlice;
import dev.streamlog.storage.log.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

/**
 * Sections 1 and 2 for one record size. Appends the same prebuilt batches to a fresh file
 * with a plain {@link FileChannel} write loop (the physical reference) and to a fresh
 * {@link PartitionLog}, in alternating 16 MiB chunks so both meet the same page-cache state,
 * {@link #ROUNDS} times; then reads the
 * files of the last round back sequentially, the raw one in 1 MiB chunks and the log with
 * 1 MiB {@link PartitionLog#read}s. Neither side fsyncs.
 */
final class AppendBench {

    /** Timed rounds per measurement; the median is reported. */
    static final int ROUNDS = 5;
    /** Bytes each side appends before the other takes its turn, within a round. */
    static final long CHUNK_BYTES = 16L << 20;
    /** Bytes per sequential read, for both sides. */
    static final int READ_CHUNK_BYTES = 1 << 20;

    /** Prebuilt batches are cycled through; this bounds their heap use. */
    private static final long PREBUILT_BYTES = 64L << 20;
    private static final long MIN_WARM_UP_BATCHES = 2_000;

    /**
     * What one record size measured.
     *
     * @param valueSize  bytes of every record value
     * @param batchBytes bytes of every batch
     * @param append     raw writes against engine appends
     * @param read       raw sequential reads against engine sequential reads
     * @param segments   segments the engine log had after appending
     */
    record Result(int valueSize, int batchBytes, Comparison append, Comparison read, int segments) {
    }

    private final Path dir;
    private final ExecutorService flusher;
    private final int valueSize;
    private final long volumeBytes;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_CHUNK_BYTES);
    private ByteBuffer[] batches;
    private long batchCount;

    AppendBench(Path dir, ExecutorService flusher, int valueSize, long volumeBytes) {
        this.dir = dir;
        this.flusher = flusher;
        this.valueSize = valueSize;
        this.volumeBytes = volumeBytes;
    }

    Result run() throws IOException {
        batches = BenchBatches.randomBatches(valueSize, Math.min(PREBUILT_BYTES, volumeBytes),
                new SplittableRandom(valueSize));
        int batchBytes = batches[0].remaining();
        batchCount = Math.max(1, volumeBytes / batchBytes);
        warmUp(Math.max(MIN_WARM_UP_BATCHES, batchCount / 2));
        Path rawFile = dir.resolve("raw-" + valueSize + ".log");
        Path logDir = dir.resolve("log-" + valueSize);
        Throughput[] raw = new Throughput[ROUNDS];
        Throughput[] engine = new Throughput[ROUNDS];
        PartitionLog log = null;
        for (int round = 0; round < ROUNDS; round++) {
            deleteRun(rawFile, log);
            log = BenchIo.openLog(logDir, flusher);
            Throughput[] pair = interleavedAppend(rawFile, log, round);
            raw[round] = pair[0];
            engine[round] = pair[1];
        }
        batches = null;
        try {
            return new Result(valueSize, batchBytes, Comparison.of(raw, engine), sequentialReads(rawFile, log),
                    log.segmentCount());
        } finally {
            deleteRun(rawFile, log);
        }
    }

    /**
     * One timed round: raw and engine append in alternating chunks of {@link #CHUNK_BYTES},
     * so both meet the same page-cache state (dirty pages, writeback) throughout.
     *
     * @return the raw and the engine throughput of the round
     */
    private Throughput[] interleavedAppend(Path rawFile, PartitionLog log, int round) throws IOException {
        long chunkBatches = Math.max(1, CHUNK_BYTES / batches[0].remaining());
        long rawNanos = 0;
        long engineNanos = 0;
        long rawBytes = 0;
        long logBytesBefore = log.sizeInBytes();
        try (FileChannel channel = FileChannel.open(rawFile, CREATE_NEW, WRITE)) {
            for (long done = 0, chunk = round; done < batchCount; done += chunkBatches, chunk++) {
                long count = Math.min(chunkBatches, batchCount - done);
                if (chunk % 2 == 0) {
                    long start = System.nanoTime();
                    rawBytes += rawAppend(channel, done, count);
                    long middle = System.nanoTime();
                    engineAppend(log, done, count);
                    rawNanos += middle - start;
                    engineNanos += System.nanoTime() - middle;
                } else {
                    long start = System.nanoTime();
                    engineAppend(log, done, count);
                    long middle = System.nanoTime();
                    rawBytes += rawAppend(channel, done, count);
                    engineNanos += middle - start;
                    rawNanos += System.nanoTime() - middle;
                }
            }
        }
        long records = batchCount * BenchBatches.RECORDS_PER_BATCH;
        return new Throughput[] {
            new Throughput(records, rawBytes, rawNanos / 1e9),
            new Throughput(records, log.sizeInBytes() - logBytesBefore, engineNanos / 1e9)
        };
    }

    private void warmUp(long count) throws IOException {
        Path rawFile = dir.resolve("warm-up-" + valueSize + ".log");
        PartitionLog log = BenchIo.openLog(dir.resolve("warm-up-" + valueSize), flusher);
        try (FileChannel channel = FileChannel.open(rawFile, CREATE_NEW, WRITE)) {
            rawAppend(channel, 0, count);
        }
        engineAppend(log, 0, count);
        deleteRun(rawFile, log);
    }

    /** Writes batches {@code first..first+count-1} of the cycle; returns the bytes written. */
    private long rawAppend(FileChannel channel, long first, long count) throws IOException {
        long bytes = 0;
        for (long i = first; i < first + count; i++) {
            ByteBuffer batch = batches[(int) (i % batches.length)].duplicate();
            bytes += batch.remaining();
            while (batch.hasRemaining()) {
                channel.write(batch);
            }
        }
        return bytes;
    }

    private void engineAppend(PartitionLog log, long first, long count) {
        for (long i = first; i < first + count; i++) {
            log.append(batches[(int) (i % batches.length)].duplicate(), 0);
        }
    }

    /** One untimed pass each, then {@link #ROUNDS} alternating timed ones. */
    private Comparison sequentialReads(Path rawFile, PartitionLog log) throws IOException {
        long records = batchCount * BenchBatches.RECORDS_PER_BATCH;
        rawRead(rawFile, records);
        engineRead(log, records);
        Throughput[] raw = new Throughput[ROUNDS];
        Throughput[] engine = new Throughput[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 2 == 0) {
                raw[round] = rawRead(rawFile, records);
                engine[round] = engineRead(log, records);
            } else {
                engine[round] = engineRead(log, records);
                raw[round] = rawRead(rawFile, records);
            }
        }
        if (raw[0].bytes() != engine[0].bytes()) {
            throw new IllegalStateException("raw file has " + raw[0].bytes() + " bytes, the log " + engine[0].bytes());
        }
        return Comparison.of(raw, engine);
    }

    private Throughput rawRead(Path file, long records) throws IOException {
        try (FileChannel channel = FileChannel.open(file, READ)) {
            long bytes = 0;
            long start = System.nanoTime();
            int read;
            while ((read = channel.read(readBuffer.clear())) >= 0) {
                bytes += read;
            }
            return new Throughput(records, bytes, BenchIo.secondsSince(start));
        }
    }

    private Throughput engineRead(PartitionLog log, long records) {
        long bytes = 0;
        long offset = log.logStartOffset();
        long end = log.logEndOffset();
        long start = System.nanoTime();
        while (offset < end) {
            LogSlice slice = log.read(offset, READ_CHUNK_BYTES, Long.MAX_VALUE);
            slice.readInto(readBuffer.clear());
            bytes += slice.sizeInBytes();
            offset = slice.nextOffset();
        }
        return new Throughput(records, bytes, BenchIo.secondsSince(start));
    }

    private static void deleteRun(Path rawFile, PartitionLog log) {
        BenchIo.deleteTree(rawFile);
        if (log != null) {
            log.close();
            BenchIo.deleteTree(log.dir());
        }
    }
}
