package dev.streamlog.storage.datadir;

import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.log.errors.LogStorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This node's data dir as a part that can fail, handled as Kafka handles a failed log dir (KIP-112) on a broker with
 * one: a write that fails on it (disk full, an I/O error, a fault in a memory-mapped index) takes it
 * <em>offline</em>, and then the node stops serving and following every partition and withdraws its broker
 * registration, so the controller moves each partition it led to an in-sync replica elsewhere and drops it from
 * every ISR at once (no session timeout to wait for). Requests to it answer 503 with the internal code 50311, which
 * the gateway asks again, at the new leader. The node takes its partitions back after it is restarted with a
 * healthy dir (it recovers its logs, follows, truncates what no leader had, and rejoins the ISRs).
 *
 * <p>Before that happens for real, the dir is taken offline when its usable space falls below
 * {@code streamlog.storage.engine.min-free-space} (64 MB) at a write: a full file system fails writes into the
 * memory-mapped indexes with a fault the JVM cannot always survive, and so the node stops writing while there is
 * room left. Writes read the free space at most every {@link #FREE_SPACE_CACHE_MS} ms.
 *
 * <p>Offline is final for the process: {@link #onOffline} listeners run once, on a thread of this class's own.
 * Thread-safe.
 */
@Component("storageDataDir")
public class DataDir {

    private static final Logger log = LoggerFactory.getLogger(DataDir.class);
    static final long FREE_SPACE_CACHE_MS = 100;

    /** Why and since when the dir is offline. */
    public record Offline(String reason, Instant since) {
    }

    private final Path path;
    private final long minFreeBytes;
    private final AtomicReference<Offline> offline = new AtomicReference<>();
    private final List<Runnable> offlineListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService listeners = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "data-dir-offline");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long freeBytes = Long.MAX_VALUE;
    /** When {@link #freeBytes} was read ({@link System#nanoTime()}); set in the past so the first write reads it. */
    private volatile long freeReadAt = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);

    public DataDir(StorageProperties properties) {
        this.path = properties.dataDir();
        this.minFreeBytes = properties.engine().minFreeSpace().toBytes();
    }

    /** The dir. */
    public Path path() {
        return path;
    }

    /** The free-space floor in bytes. */
    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Whether the dir is offline, and why. */
    public Optional<Offline> offline() {
        return Optional.ofNullable(offline.get());
    }

    public boolean isOffline() {
        return offline.get() != null;
    }

    /**
     * Runs {@code listener} when the dir goes offline (soon, if it is already), on a thread of its own, never on
     * the thread that noticed (which may hold a partition's lock). Listeners run one at a time, in order.
     */
    public void onOffline(Runnable listener) {
        offlineListeners.add(listener);
        if (isOffline()) {
            listeners.execute(listener);
        }
    }

    /**
     * Checks that a write may go ahead: the dir is online and has at least the floor free (else it goes offline
     * now).
     *
     * @throws DataDirOfflineException if it is or goes offline
     */
    public void checkWritable() {
        Offline now = offline.get();
        if (now == null) {
            long free = freeBytes();
            if (free < minFreeBytes) {
                failed("writing", new LogStorageException("the data dir " + path + " has " + free
                        + " bytes free, below streamlog.storage.engine.min-free-space (" + minFreeBytes + ")"));
            }
            now = offline.get();
        }
        if (now != null) {
            throw unavailable(now);
        }
    }

    /** The answer for a request to an offline dir. */
    public DataDirOfflineException unavailable() {
        return unavailable(offline.get());
    }

    /** The answer names no path or exception: the reason is in the node's log and its health details. */
    private static DataDirOfflineException unavailable(Offline now) {
        return new DataDirOfflineException("this storage node's data dir is offline (a write failed on it or it ran"
                + " short of space, since " + now.since() + "); its partitions are led by other replicas; nothing"
                + " was written");
    }

    /**
     * Takes the dir offline because {@code failure} happened while {@code doing} (the first failure wins; later
     * ones are only logged at debug).
     */
    public void failed(String doing, Throwable failure) {
        Offline next = new Offline(doing + ": " + failure, Instant.now());
        if (!offline.compareAndSet(null, next)) {
            log.debug("event=data-dir-failure-again doing=\"{}\" error={}", doing, failure.toString());
            return;
        }
        log.error("event=data-dir-offline path={} reason=\"{}\" action=\"the node withdraws its registration and "
                + "stops leading and following; free or repair the dir, then restart the node\"", path, next.reason());
        for (Runnable listener : offlineListeners) {
            listeners.execute(() -> {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    log.error("event=data-dir-offline-listener-failed", e);
                }
            });
        }
    }

    /**
     * Whether {@code failure} (or one of its causes) is a failure of the dir itself: the log engine's storage
     * error (every I/O error of the engine is one), the fault of a memory-mapped access ({@link InternalError}), or
     * the refusal of an offline dir.
     */
    public static boolean isDirFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LogStorageException || t instanceof InternalError || t instanceof DataDirOfflineException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Usable bytes on the dir's file store, read at most every {@link #FREE_SPACE_CACHE_MS} ms. When the file store
     * cannot be asked (some bind mounts), the last answer stands (at first: no limit): only a failed write, not a
     * failed question, takes the dir offline.
     */
    long freeBytes() {
        long now = System.nanoTime();
        if (now - freeReadAt > TimeUnit.MILLISECONDS.toNanos(FREE_SPACE_CACHE_MS)) {
            freeReadAt = now;
            try {
                freeBytes = Files.getFileStore(path).getUsableSpace();
            } catch (IOException e) {
                log.debug("event=free-space-unknown path={} error={}", path, e.toString());
            }
        }
        return freeBytes;
    }
}
