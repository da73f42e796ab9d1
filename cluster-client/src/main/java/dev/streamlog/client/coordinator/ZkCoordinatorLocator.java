package dev.streamlog.client.coordinator;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.client.zookeeper.ZkReads;
import dev.streamlog.model.OffsetsTopic;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.CoordinatorRegistration;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CoordinatorLocator} from the znodes under {@code /coordinators} (members and partition
 * leases): a Curator cache answers {@link #coordinatorOf} and {@link #coordinators} without a round trip; {@link #freshCoordinatorOf} reads the lease
 * with a background (non-blocking) call. The partition count comes from the cluster metadata.
 * {@link #start()} starts the cache, {@link #close()} stops it. Thread-safe.
 */
public class ZkCoordinatorLocator implements CoordinatorLocator, AutoCloseable {

    private final CuratorFramework client;
    private final ClusterMetadata metadata;
    private final JsonMapper json;
    private final Duration timeout;
    private final CuratorCache cache;

    /**
     * @param client  a Curator client whose namespace is the platform's chroot
     * @param timeout bound on {@link #freshCoordinatorOf}
     */
    public ZkCoordinatorLocator(CuratorFramework client, ClusterMetadata metadata, JsonMapper json, Duration timeout) {
        this.client = client;
        this.metadata = metadata;
        this.json = json;
        this.timeout = timeout;
        this.cache = CuratorCache.build(client, ZkPaths.COORDINATORS);
    }

    public void start() {
        cache.start();
    }

    @Override
    public Optional<String> coordinatorOf(String group) {
        return lease(group).flatMap(path -> cache.get(path)).flatMap(data -> url(data.getData()));
    }

    @Override
    public CompletableFuture<Optional<String>> freshCoordinatorOf(String group) {
        Optional<String> path = lease(group);
        if (path.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return ZkReads.data(client, path.get(), timeout).thenApply(data -> data.flatMap(this::url));
    }

    @Override
    public List<String> coordinators() {
        String prefix = ZkPaths.COORDINATOR_MEMBERS + "/";
        return cache.stream().filter(data -> data.getPath().startsWith(prefix))
                .map(data -> url(data.getData())).flatMap(Optional::stream).distinct().sorted().toList();
    }

    private Optional<String> lease(String group) {
        return metadata.snapshot().topic(OffsetsTopic.NAME).map(TopicView::partitionCount)
                .map(partitions -> ZkPaths.coordinatorLease(OffsetsTopic.partitionFor(group, partitions)));
    }

    private Optional<String> url(byte[] data) {
        if (data == null || data.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(data, CoordinatorRegistration.class).url());
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
