package dev.streamlog.storage.cluster;

import dev.streamlog.model.ZkPaths;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches {@code /brokers/topics} (assignments and partition states) with a Curator
 * {@link CuratorCache} and has the {@link ReplicaManager} reconcile the local logs with it, on
 * one dedicated thread. Nothing is reconciled until the cache has read the whole tree once, so
 * no log is ever deleted on a partial view at start-up; after that, every change schedules
 * one reconcile (changes arriving meanwhile are folded into the next). A reconcile that could
 * not finish is retried after {@link #RETRY_DELAY}.
 *
 * <p>Thread-safe. Started before the web server, stopped after it.
 */
@Component
public class MetadataWatcher implements SmartLifecycle {

    /** Wait before retrying a reconcile that failed part-way (e.g. a disk error). */
    static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(MetadataWatcher.class);

    private final ReplicaManager replicas;
    private final ClusterMetadataReader reader;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor executor;
    private final CuratorCache cache;
    private volatile boolean initialized;
    private volatile boolean running;

    public MetadataWatcher(CuratorFramework curator, ZookeeperLayoutProperties namespace,
                           ReplicaManager replicas, JsonMapper json) {
        this.replicas = replicas;
        this.reader = new ClusterMetadataReader(json);
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "metadata-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.cache = CuratorCache.build(curator.usingNamespace(namespace.chroot()), ZkPaths.TOPICS);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> requestReconcile())
                .forInitialized(() -> {
                    LOG.info("event=metadata-cache-initialized znodes={}", cache.size());
                    initialized = true;
                    requestReconcile();
                })
                .build());
    }

    @Override
    public void start() {
        cache.start();
        running = true;
    }

    /**
     * Lets a reconcile under way finish (never interrupted: it may be writing files), then
     * closes the cache. In that order because closing empties the cache, and a reconcile
     * reading an emptied cache would take every topic for deleted.
     */
    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("event=reconciler-stop-timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cache.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (default phase minus 4096), so it stops after it. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }

    private void requestReconcile() {
        if (initialized && scheduled.compareAndSet(false, true)) {
            submit(this::reconcile, Duration.ZERO);
        }
    }

    private void reconcile() {
        scheduled.set(false);
        if (!running) {
            return;
        }
        try {
            if (!replicas.reconcile(reader.read(cache.stream()))) {
                retryLater();
            }
        } catch (RuntimeException e) {
            LOG.error("event=reconcile-failed", e);
            retryLater();
        }
    }

    private void retryLater() {
        if (scheduled.compareAndSet(false, true)) {
            submit(this::reconcile, RETRY_DELAY);
        }
    }

    private void submit(Runnable task, Duration delay) {
        try {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("event=reconcile-skipped reason=stopping");
        }
    }
}
