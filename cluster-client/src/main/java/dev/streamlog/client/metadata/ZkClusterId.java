package dev.streamlog.client.metadata;

import dev.streamlog.client.zookeeper.ZkReads;
import dev.streamlog.model.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;

/**
 * The cluster's id from {@code /cluster/id} (written once by the first active controller, never
 * changed): read in the background with a timeout, then kept. Empty while no controller has
 * written it. Thread-safe.
 */
public class ZkClusterId implements ClusterIdReader {

    private final CuratorFramework client;
    private final Duration timeout;
    private volatile String known;

    /**
     * @param client  a Curator client whose namespace is the platform's chroot
     * @param timeout bound on one read
     */
    public ZkClusterId(CuratorFramework client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Optional<String>> clusterId() {
        String id = known;
        if (id != null) {
            return CompletableFuture.completedFuture(Optional.of(id));
        }
        return ZkReads.data(client, ZkPaths.CLUSTER_ID, timeout).thenApply(data -> data.map(bytes -> {
            known = new String(bytes, StandardCharsets.UTF_8).trim();
            return known;
        }));
    }
}
