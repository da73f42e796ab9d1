package dev.streamlog.client.metadata;

import dev.streamlog.model.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

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
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        try {
            client.getData().inBackground((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.NONODE) {
                    result.complete(Optional.empty());
                } else if (code != KeeperException.Code.OK) {
                    result.completeExceptionally(KeeperException.create(code, event.getPath()));
                } else {
                    known = new String(event.getData(), StandardCharsets.UTF_8).trim();
                    result.complete(Optional.of(known));
                }
            }).forPath(ZkPaths.CLUSTER_ID);
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
