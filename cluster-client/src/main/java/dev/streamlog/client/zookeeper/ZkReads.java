package dev.streamlog.client.zookeeper;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * One znode's data read in the background (no thread waits), bounded by a timeout: completes
 * empty when the znode does not exist, fails at once when ZooKeeper is not connected, and on a
 * ZooKeeper error or the timeout. Stateless.
 */
public final class ZkReads {

    private ZkReads() {
    }

    /** The data of {@code path} (relative to the client's namespace). */
    public static CompletableFuture<Optional<byte[]>> data(CuratorFramework client, String path, Duration timeout) {
        if (!client.getZookeeperClient().isConnected()) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to ZooKeeper"));
        }
        CompletableFuture<Optional<byte[]>> result = new CompletableFuture<>();
        try {
            client.getData().inBackground((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.NONODE) {
                    result.complete(Optional.empty());
                } else if (code != KeeperException.Code.OK) {
                    result.completeExceptionally(KeeperException.create(code, event.getPath()));
                } else {
                    result.complete(Optional.ofNullable(event.getData()));
                }
            }).forPath(path);
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
