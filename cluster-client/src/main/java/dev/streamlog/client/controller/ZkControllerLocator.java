package dev.streamlog.client.controller;

import dev.streamlog.model.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * The active controller from the {@code /controller} leader latch: a Curator cache of the latch's participant
 * znodes answers {@link #activeController()} without a round trip; {@link #freshActiveController()} lists and
 * reads them from ZooKeeper with background (non-blocking) calls. Either way the leader is the first participant
 * in Curator's order ({@link LatchParticipants}) and its URL is its znode's data. (Curator's
 * {@code LeaderLatch#getLeader()} would also read the leader without starting a latch, but blocks a thread.)
 * {@link #start()} starts the cache, {@link #close()} stops it. Thread-safe.
 */
public class ZkControllerLocator implements ControllerLocator, AutoCloseable {

    private final CuratorFramework client;
    private final Duration timeout;
    private final CuratorCache cache;

    /**
     * @param client  a Curator client whose namespace is the platform's chroot
     * @param timeout bound on {@link #freshActiveController()}
     */
    public ZkControllerLocator(CuratorFramework client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
        this.cache = CuratorCache.build(client, ZkPaths.CONTROLLER);
    }

    public void start() {
        cache.start();
    }

    @Override
    public Optional<String> activeController() {
        Map<String, ChildData> participants = cache.stream()
                .filter(child -> !child.getPath().equals(ZkPaths.CONTROLLER))
                .collect(Collectors.toMap(child -> ZKPaths.getNodeFromPath(child.getPath()), child -> child,
                        (a, b) -> b));
        for (String node : LatchParticipants.inLeaderOrder(participants.keySet())) {
            byte[] data = participants.get(node).getData();
            if (data != null && data.length > 0) {
                return Optional.of(new String(data, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    @Override
    public CompletableFuture<Optional<String>> freshActiveController() {
        if (!client.getZookeeperClient().isConnected()) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to ZooKeeper"));
        }
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        try {
            client.getChildren().inBackground((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.NONODE) {
                    result.complete(Optional.empty());
                } else if (code != KeeperException.Code.OK) {
                    result.completeExceptionally(KeeperException.create(code, event.getPath()));
                } else {
                    readFirst(LatchParticipants.inLeaderOrder(event.getChildren()), 0, result);
                }
            }).forPath(ZkPaths.CONTROLLER);
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads participant {@code index}'s URL; one that vanished meanwhile passes to the next. */
    private void readFirst(List<String> nodes, int index, CompletableFuture<Optional<String>> result) {
        if (index >= nodes.size()) {
            result.complete(Optional.empty());
            return;
        }
        try {
            client.getData().inBackground((c, event) -> readDone(event, nodes, index, result))
                    .forPath(ZKPaths.makePath(ZkPaths.CONTROLLER, nodes.get(index)));
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
    }

    private void readDone(CuratorEvent event, List<String> nodes, int index,
                          CompletableFuture<Optional<String>> result) {
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        byte[] data = event.getData();
        if (code == KeeperException.Code.NONODE || (code == KeeperException.Code.OK
                && (data == null || data.length == 0))) {
            readFirst(nodes, index + 1, result);
        } else if (code != KeeperException.Code.OK) {
            result.completeExceptionally(KeeperException.create(code, event.getPath()));
        } else {
            result.complete(Optional.of(new String(data, StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
