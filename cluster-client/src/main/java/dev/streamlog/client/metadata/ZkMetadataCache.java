package dev.streamlog.client.metadata;

import dev.streamlog.client.zookeeper.ZkReads;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.PartitionState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's cluster metadata, kept fresh by ZooKeeper watches: a Curator {@link CuratorCache} mirrors everything under
 * {@code /brokers} (live brokers, topic assignments, partition states) and every change schedules a rebuild of an
 * immutable {@link ClusterSnapshot}, which is then swapped in. Rebuilds run on one background thread and coalesce
 * (a burst of changes, such as a topic created with many partitions, costs one or two rebuilds, not one per
 * znode). Until the cache has loaded once, {@link #snapshot()} refuses with 503/50003. {@link #start()} starts
 * it, {@link #close()} stops it. Thread-safe: readers only touch the volatile snapshot reference.
 */
public class ZkMetadataCache implements ClusterMetadata, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZkMetadataCache.class);
    private static final String BROKERS = "/brokers";
    /** How often {@link #awaitTopic} looks at the snapshot again. */
    private static final long AWAIT_POLL_MS = 10;

    private final CuratorFramework client;
    private final JsonMapper json;
    private final SnapshotBuilder builder;
    private final Duration readTimeout;
    private final CuratorCache cache;
    private final ExecutorService rebuilder;
    private final AtomicBoolean rebuildScheduled = new AtomicBoolean();
    private volatile boolean cacheLoaded;
    private volatile ClusterSnapshot snapshot;

    /**
     * @param client      a Curator client whose namespace is the platform's chroot
     * @param json        parses znode contents
     * @param readTimeout bound on {@link #freshPartitionState} reads
     */
    public ZkMetadataCache(CuratorFramework client, JsonMapper json, Duration readTimeout) {
        this.client = client;
        this.json = json;
        this.builder = new SnapshotBuilder(json);
        this.readTimeout = readTimeout;
        this.cache = CuratorCache.build(client, BROKERS);
        this.rebuilder = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metadata-rebuild");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts watching ZooKeeper; the first snapshot follows once the cache has loaded. */
    public void start() {
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> {
                    if (cacheLoaded) {
                        scheduleRebuild();
                    }
                })
                .forInitialized(() -> {
                    cacheLoaded = true;
                    scheduleRebuild();
                })
                .build());
        cache.start();
    }

    /** Whether the first snapshot has been built. */
    public boolean isInitialised() {
        return snapshot != null;
    }

    @Override
    public ClusterSnapshot snapshot() {
        ClusterSnapshot current = snapshot;
        if (current == null) {
            throw new MetadataUnavailableException("the cluster metadata has not been loaded from ZooKeeper yet; retry");
        }
        return current;
    }

    @Override
    public CompletableFuture<Optional<PartitionState>> freshPartitionState(String topic, int partition) {
        return ZkReads.data(client, ZkPaths.partitionState(topic, partition), readTimeout)
                .thenApply(data -> data.map(bytes -> json.readValue(bytes, PartitionState.class)));
    }

    @Override
    public CompletableFuture<Optional<TopicView>> awaitTopic(String topic, int minPartitions, Duration max) {
        if (shown(topic, minPartitions)) {
            return CompletableFuture.completedFuture(snapshot().topic(topic));
        }
        long deadline = System.nanoTime() + max.toNanos();
        return ZkReads.data(client, ZkPaths.topic(topic), readTimeout)
                .handle((znode, error) -> error == null && znode.isPresent()
                        ? untilShown(topic, minPartitions, deadline)
                        : CompletableFuture.completedFuture(current().flatMap(s -> s.topic(topic))))
                .thenCompose(Function.identity());
    }

    private CompletableFuture<Optional<TopicView>> untilShown(String topic, int minPartitions, long deadline) {
        if (shown(topic, minPartitions) || System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(current().flatMap(s -> s.topic(topic)));
        }
        return CompletableFuture.supplyAsync(() -> topic,
                        CompletableFuture.delayedExecutor(AWAIT_POLL_MS, TimeUnit.MILLISECONDS))
                .thenCompose(t -> untilShown(t, minPartitions, deadline));
    }

    private boolean shown(String topic, int minPartitions) {
        return current().flatMap(s -> s.topic(topic))
                .filter(view -> view.partitionCount() >= minPartitions && view.isComplete())
                .isPresent();
    }

    private Optional<ClusterSnapshot> current() {
        return Optional.ofNullable(snapshot);
    }

    private void scheduleRebuild() {
        if (rebuildScheduled.compareAndSet(false, true)) {
            rebuilder.execute(this::rebuild);
        }
    }

    private void rebuild() {
        rebuildScheduled.set(false);
        try {
            ClusterSnapshot next = builder.build(cache.stream()
                    .map(child -> new SnapshotBuilder.Znode(child.getPath(), child.getData())));
            boolean first = snapshot == null;
            snapshot = next;
            if (first) {
                log.info("Cluster metadata loaded: {} brokers, {} topics", next.brokers().size(), next.topics().size());
            }
        } catch (RuntimeException e) {
            log.error("Could not rebuild the cluster metadata; keeping the previous snapshot", e);
        }
    }

    @Override
    public void close() {
        cache.close();
        rebuilder.shutdownNow();
    }
}
