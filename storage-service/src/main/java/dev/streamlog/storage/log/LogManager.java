package dev.streamlog.storage.log;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.log.checkpoint.CheckpointFile;
import dev.streamlog.storage.log.errors.InvalidConfigException;
import dev.streamlog.storage.log.errors.LogClosedException;
import dev.streamlog.storage.log.errors.LogException;
import dev.streamlog.storage.log.errors.LogStorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every partition log under one or more data dirs: locks the dirs, opens the logs
 * found there at start-up (in parallel, recovering those not closed cleanly), creates and
 * deletes logs, runs retention and time-based flushes on a schedule, and closes everything
 * cleanly. A partition's directory is {@code {dataDir}/{topic}-{partition}} (see
 * {@link LogFiles}); topic names are checked by the shared rule before any path is built.
 *
 * <p>Thread-safety: thread-safe. Logs live in a concurrent map; creation and deletion of one
 * partition both run inside that map's compute for the partition, so they exclude each other.
 */
public final class LogManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);

    /**
     * How a log manager runs.
     *
     * @param dataDirs               directories holding partition logs (created if missing)
     * @param defaultConfig          configuration of logs found at start-up and of new logs given none
     * @param recoveryThreads        threads opening logs at start-up
     * @param retentionCheckInterval how often retention runs
     * @param flushCheckInterval     how often {@code flush.ms} is checked
     */
    public record Settings(List<Path> dataDirs, LogConfig defaultConfig, int recoveryThreads,
                           Duration retentionCheckInterval, Duration flushCheckInterval) {

        public Settings {
            dataDirs = List.copyOf(dataDirs);
            if (dataDirs.isEmpty()) {
                throw new InvalidConfigException("at least one data dir is needed");
            }
            if (recoveryThreads < 1) {
                throw new InvalidConfigException("recovery threads must be at least 1, got " + recoveryThreads);
            }
            if (retentionCheckInterval.isNegative() || retentionCheckInterval.isZero()
                    || flushCheckInterval.isNegative() || flushCheckInterval.isZero()) {
                throw new InvalidConfigException("check intervals must be positive");
            }
        }

        /** One data dir, defaults for the rest (retention every 5 minutes, flush checks every second). */
        public static Settings of(Path dataDir) {
            return new Settings(List.of(dataDir), LogConfig.defaults(), 2, Duration.ofMinutes(5), Duration.ofSeconds(1));
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final List<FileChannel> lockChannels = new ArrayList<>();
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final FlushStats flushStats = new FlushStats();
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    private LogManager(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-manager-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Locks the data dirs, opens every partition log in them and starts the schedules.
     *
     * @throws LogStorageException if a data dir cannot be used or is locked by another process
     */
    public static LogManager start(Settings settings, Clock clock) {
        LogManager manager = new LogManager(settings, clock);
        try {
            manager.lockDataDirs();
            manager.openExistingLogs();
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        long retention = settings.retentionCheckInterval().toMillis();
        long flush = settings.flushCheckInterval().toMillis();
        manager.scheduler.scheduleWithFixedDelay(manager::runRetention, retention, retention, TimeUnit.MILLISECONDS);
        manager.scheduler.scheduleWithFixedDelay(manager::runTimedFlushes, flush, flush, TimeUnit.MILLISECONDS);
        return manager;
    }

    /** The log of a partition, if this node has it. */
    public Optional<PartitionLog> get(TopicPartition tp) {
        return Optional.ofNullable(logs.get(tp));
    }

    /**
     * The log of a partition, created empty (in the data dir holding fewest logs) if this
     * node does not have it yet. An existing log keeps its data and takes {@code config}.
     *
     * @throws dev.streamlog.storage.log.errors.InvalidTopicException if the topic name or partition is illegal
     */
    public PartitionLog getOrCreate(TopicPartition tp, LogConfig config) {
        checkOpen();
        Path dataDir = leastLoadedDataDir();
        Path dir = LogFiles.partitionDir(dataDir, tp);
        PartitionLog log = logs.computeIfAbsent(tp, key -> openLog(dir, key, config));
        log.updateConfig(config);
        return log;
    }

    /** Closes a partition's log and deletes its directory; false if there was none. */
    public boolean delete(TopicPartition tp) {
        Path[] moved = new Path[1];
        logs.computeIfPresent(tp, (key, log) -> {
            moved[0] = closeAndMoveAside(log);
            return null;
        });
        if (moved[0] == null) {
            return false;
        }
        try {
            deleteTree(moved[0]);
        } catch (IOException e) {
            LOG.warn("event=log-delete-incomplete dir={} error={}", moved[0], e.toString());
        }
        LOG.info("event=log-deleted partition={}", tp);
        return true;
    }

    /**
     * Closes a log and renames its directory to a unique {@code *.deleting} name, durably;
     * runs inside the map's compute so no {@link #getOrCreate} can reopen it meanwhile.
     */
    private static Path closeAndMoveAside(PartitionLog log) {
        Path deleting = log.dir().resolveSibling(log.dir().getFileName() + "." + UUID.randomUUID()
                + LogFiles.DELETING_SUFFIX);
        try {
            log.close();
            Files.move(log.dir(), deleting, StandardCopyOption.ATOMIC_MOVE);
            CheckpointFile.fsyncDirectory(deleting.getParent());
            return deleting;
        } catch (IOException e) {
            throw new LogStorageException("deleting log of " + log.topicPartition() + " failed", e);
        }
    }

    /** The flushes of every log this manager opened (including logs deleted since). */
    public FlushStats flushStats() {
        return flushStats;
    }

    /** Every open log (a snapshot). */
    public Collection<PartitionLog> logs() {
        return List.copyOf(logs.values());
    }

    /** Runs retention on every log now (the schedule also does). */
    public void runRetention() {
        for (PartitionLog log : logs.values()) {
            try {
                log.deleteExpiredSegments();
            } catch (LogClosedException e) {
                LOG.debug("event=retention-skipped partition={} reason=closed", log.topicPartition());
            } catch (RuntimeException e) {
                LOG.error("event=retention-failed partition={}", log.topicPartition(), e);
            }
        }
    }

    /** Closes every log cleanly, stops the schedules and releases the data dir locks. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("event=scheduler-stop-timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PartitionLog log : logs.values()) {
            try {
                log.close();
            } catch (LogException e) {
                LOG.error("event=log-close-failed partition={}", log.topicPartition(), e);
            }
        }
        logs.clear();
        for (FileChannel channel : lockChannels) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("event=lock-release-failed error={}", e.toString());
            }
        }
    }

    private void runTimedFlushes() {
        for (PartitionLog log : logs.values()) {
            try {
                log.flushIfDue();
            } catch (RuntimeException e) {
                LOG.error("event=flush-failed partition={}", log.topicPartition(), e);
            }
        }
    }

    private PartitionLog openLog(Path dir, TopicPartition tp, LogConfig config) {
        return PartitionLog.open(dir, tp, config, clock, this::flushInBackground, flushStats);
    }

    private void flushInBackground(Runnable flush) {
        try {
            scheduler.execute(flush);
        } catch (RejectedExecutionException e) {
            flush.run();
        }
    }

    private void lockDataDirs() {
        for (Path dataDir : settings.dataDirs()) {
            try {
                Files.createDirectories(dataDir);
                FileChannel channel = FileChannel.open(dataDir.resolve(LogFiles.LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    channel.close();
                    throw new LogStorageException("data dir " + dataDir + " is in use by another process");
                }
                lockChannels.add(channel);
            } catch (IOException e) {
                throw new LogStorageException("cannot use data dir " + dataDir, e);
            }
        }
    }

    /** The lock, or null when another process or another manager in this JVM holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private void openExistingLogs() {
        List<Path> found = new ArrayList<>();
        for (Path dataDir : settings.dataDirs()) {
            found.addAll(partitionDirs(dataDir));
        }
        ExecutorService pool = Executors.newFixedThreadPool(settings.recoveryThreads());
        try {
            List<Future<PartitionLog>> opening = new ArrayList<>();
            for (Path dir : found) {
                TopicPartition tp = LogFiles.parsePartitionDir(dir.getFileName().toString()).orElseThrow();
                opening.add(pool.submit(() -> openLog(dir, tp, settings.defaultConfig())));
            }
            RuntimeException failure = null;
            for (Future<PartitionLog> future : opening) {
                try {
                    PartitionLog log = future.get();
                    PartitionLog previous = logs.putIfAbsent(log.topicPartition(), log);
                    if (previous != null) {
                        log.close();
                        failure = firstOf(failure, new LogStorageException("partition " + log.topicPartition()
                                + " is in two data dirs: " + previous.dir() + " and " + log.dir()));
                    }
                } catch (ExecutionException e) {
                    failure = firstOf(failure, e.getCause() instanceof LogException logException
                            ? logException : new LogStorageException("opening logs failed: " + e.getCause()));
                }
            }
            if (failure != null) {
                throw failure;
            }
            LOG.info("event=logs-loaded count={} dataDirs={}", logs.size(), settings.dataDirs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogClosedException("interrupted while opening logs");
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Keeps the first failure and attaches later ones to it. Every future is waited for, so
     * each log that did open is in the map and closed with the manager.
     */
    private static RuntimeException firstOf(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private List<Path> partitionDirs(Path dataDir) {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dataDir, Files::isDirectory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.endsWith(LogFiles.DELETING_SUFFIX)) {
                    deleteTree(child);
                } else if (LogFiles.parsePartitionDir(name).isPresent()) {
                    dirs.add(child);
                } else {
                    LOG.warn("event=unknown-dir-skipped dir={}", child);
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("listing data dir " + dataDir + " failed", e);
        }
        return dirs;
    }

    private Path leastLoadedDataDir() {
        Path best = settings.dataDirs().get(0);
        long fewest = Long.MAX_VALUE;
        for (Path dataDir : settings.dataDirs()) {
            Path root = dataDir.toAbsolutePath().normalize();
            long count = logs.values().stream()
                    .filter(log -> log.dir().toAbsolutePath().normalize().getParent().equals(root)).count();
            if (count < fewest) {
                fewest = count;
                best = dataDir;
            }
        }
        return best;
    }

    private void checkOpen() {
        if (closed) {
            throw new LogClosedException("log manager is closed");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
