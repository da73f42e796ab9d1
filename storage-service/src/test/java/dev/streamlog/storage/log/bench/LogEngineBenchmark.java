package dev.streamlog.storage.log.bench;

import dev.streamlog.storage.log.LogConfig;
import dev.streamlog.storage.log.PartitionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark of the partition log engine ({@link PartitionLog}) against the file system
 * underneath it, all in one run:
 * <ol>
 *   <li><b>Append</b> of prebuilt batches of 100 records with 100-byte and 1 KiB values
 *       (encoding is not timed), compared with a plain {@code FileChannel} write loop of
 *       the very same bytes into a fresh file: 512 MiB per side and round, the two sides
 *       taking turns in 16 MiB chunks, five rounds, median reported, neither side fsyncs. The log uses {@link LogConfig#defaults()} and
 *       flushes rolled segments on a single-thread executor, as the log manager does.</li>
 *   <li><b>Sequential read</b> of the whole log from offset 0 with 1 MiB reads copied into
 *       a direct buffer, compared with 1 MiB {@code FileChannel} reads of the raw file.</li>
 *   <li><b>offsetForTimestamp</b> for random timestamps in logs whose records all have
 *       distinct, increasing timestamps.</li>
 *   <li><b>Random-offset read</b> latency ({@code read(offset, 1, Long.MAX_VALUE)} plus
 *       copying the one batch out) in a log of 10 k records and one of 10 M records: the
 *       sparse index should make it independent of the log size. Plain positional reads of
 *       one random batch from the same files show how much of any difference is the
 *       memory hierarchy (a 1 MiB log sits in the CPU caches, a 1 GiB one does not).</li>
 * </ol>
 * Every timed section runs after an untimed warm-up. Files live in a temporary directory
 * that is deleted at the end, also on failure or interruption; they mostly stay in the
 * page cache, so this measures the engine's overhead rather than the disk.
 *
 * <p>Run it from the repository root with
 * <pre>
 * mvn -q -B -pl storage-service -am -Plog-bench -DskipTests verify
 * </pre>
 * adding {@code -Dbench.scale=0.1} for a quick run (volumes, log size and lookup counts
 * scale) and {@code -Dbench.dir=/some/disk} to put the files elsewhere than
 * {@code java.io.tmpdir}. Arguments when started directly: {@code [scale [parentDir]]}.
 */
public final class LogEngineBenchmark {

    private static final long FULL_APPEND_VOLUME_BYTES = 512L << 20;
    private static final long SMALL_LOG_RECORDS = 10_000;
    private static final long FULL_LARGE_LOG_RECORDS = 10_000_000;
    private static final int FULL_LOOKUPS = 50_000;
    /** Not scaled: JIT compilation needs this many however short the run. */
    private static final int WARM_UP_LOOKUPS = 20_000;
    private static final int MIN_LOOKUPS = 2_000;
    /** Bytes a batch of 100 records with 100-byte values takes, rounded up. */
    private static final long LOOKUP_LOG_BYTES_PER_RECORD = 110;
    private static final long DISK_MARGIN_BYTES = 256L << 20;
    private static final int[] VALUE_SIZES = {100, 1024};

    private final Path dir;
    private final ExecutorService flusher;
    private final double scale;
    private final long appendVolumeBytes;
    private final long largeLogRecords;
    private final int lookups;

    private LogEngineBenchmark(Path dir, ExecutorService flusher, double scale) {
        this.dir = dir;
        this.flusher = flusher;
        this.scale = scale;
        this.appendVolumeBytes = Math.max(1L << 20, Math.round(FULL_APPEND_VOLUME_BYTES * scale));
        long batches = Math.round(FULL_LARGE_LOG_RECORDS * scale / BenchBatches.RECORDS_PER_BATCH);
        this.largeLogRecords = Math.max(10 * SMALL_LOG_RECORDS, batches * BenchBatches.RECORDS_PER_BATCH);
        this.lookups = Math.max(MIN_LOOKUPS, (int) Math.round(FULL_LOOKUPS * scale));
    }

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, got " + args[0]);
        }
        Path parent = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(parent, "log-bench-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> BenchIo.deleteTree(dir), "log-bench-cleanup"));
        ExecutorService flusher = Executors.newSingleThreadExecutor();
        try {
            new LogEngineBenchmark(dir, flusher, scale).run();
        } finally {
            flusher.shutdown();
            flusher.awaitTermination(1, TimeUnit.MINUTES);
            BenchIo.deleteTree(dir);
        }
    }

    private void run() throws IOException {
        long started = System.nanoTime();
        checkFreeSpace();
        printSetup();
        List<AppendBench.Result> appends = new ArrayList<>();
        for (int valueSize : VALUE_SIZES) {
            progress("append and sequential read, " + label(valueSize) + " records");
            appends.add(new AppendBench(dir, flusher, valueSize, appendVolumeBytes).run());
        }
        progress("offsetForTimestamp and random-offset reads, logs of " + count(SMALL_LOG_RECORDS) + " and "
                + count(largeLogRecords) + " records");
        List<LookupBench.Result> lookupResults = new LookupBench(dir, flusher, lookups, WARM_UP_LOOKUPS)
                .run(SMALL_LOG_RECORDS, largeLogRecords);
        Report report = new Report(appends, lookupResults.get(0), lookupResults.get(1), lookups);
        System.out.println(report.details());
        System.out.println(report.summary(BenchIo.secondsSince(started), scale));
    }

    private void checkFreeSpace() throws IOException {
        long needed = 2 * appendVolumeBytes + largeLogRecords * LOOKUP_LOG_BYTES_PER_RECORD + DISK_MARGIN_BYTES;
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < needed) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s has %,d MiB free, the benchmark needs %,d MiB; pass a smaller bench.scale or another bench.dir",
                    dir, usable >> 20, needed >> 20));
        }
    }

    private void printSetup() throws IOException {
        System.out.printf(Locale.ROOT, "%nStreamlog log engine benchmark%n");
        System.out.printf(Locale.ROOT, "  scale %s, Java %s, %d CPUs, %s (%,d MiB free)%n", scale,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), dir,
                Files.getFileStore(dir).getUsableSpace() >> 20);
        System.out.printf(Locale.ROOT, "  LogConfig.defaults() (1 GiB segments, no fsync), %d records per batch, "
                + "append volume %,d MiB per run%n", BenchBatches.RECORDS_PER_BATCH, appendVolumeBytes >> 20);
    }

    private static void progress(String step) {
        System.out.printf(Locale.ROOT, "  ... %s%n", step);
        System.out.flush();
    }

    static String label(int valueSize) {
        return valueSize % 1024 == 0 ? valueSize / 1024 + " KiB" : valueSize + " B";
    }

    static String count(long records) {
        if (records >= 1_000_000) {
            return String.format(Locale.ROOT, "%s M", trim(records / 1e6));
        }
        return records >= 1_000 ? String.format(Locale.ROOT, "%s k", trim(records / 1e3)) : Long.toString(records);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
