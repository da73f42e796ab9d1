package dev.streamlog.client.zookeeper;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.KeeperException;

/**
 * One znode read in the background (no thread waits), bounded by a timeout: its data or its children. Completes
 * empty when the znode does not exist, fails at once when ZooKeeper is not connected, and on a ZooKeeper error or
 * the timeout. Stateless.
 */
public final class ZkReads {

    private ZkReads() {
    }

    /** The data of {@code path} (relative to the client's namespace). */
    public static CompletableFuture<Optional<byte[]>> data(CuratorFramework client, String path, Duration timeout) {
        return read(client, timeout, CuratorEvent::getData, callback -> client.getData().inBackground(callback)
                .forPath(path));
    }

    /** The children's names of {@code path} (relative to the client's namespace), unsorted. */
    public static CompletableFuture<Optional<List<String>>> children(CuratorFramework client, String path,
                                                                      Duration timeout) {
        return read(client, timeout, CuratorEvent::getChildren, callback -> client.getChildren()
                .inBackground(callback).forPath(path));
    }

    /** What a background call is: given the callback, start it. */
    @FunctionalInterface
    private interface Call {
        void start(BackgroundCallback callback) throws Exception;
    }

    private static <T> CompletableFuture<Optional<T>> read(CuratorFramework client, Duration timeout,
                                                           Function<CuratorEvent, T> value, Call call) {
        if (!client.getZookeeperClient().isConnected()) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to ZooKeeper"));
        }
        CompletableFuture<Optional<T>> result = new CompletableFuture<>();
        try {
            call.start((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.NONODE) {
                    result.complete(Optional.empty());
                } else if (code != KeeperException.Code.OK) {
                    result.completeExceptionally(KeeperException.create(code, event.getPath()));
                } else {
                    result.complete(Optional.ofNullable(value.apply(event)));
                }
            });
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
