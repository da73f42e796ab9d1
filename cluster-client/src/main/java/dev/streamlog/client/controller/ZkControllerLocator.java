package dev.streamlog.client.controller;

import dev.streamlog.client.zookeeper.ZkReads;
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
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.utils.ZKPaths;

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
        return ZkReads.children(client, ZkPaths.CONTROLLER, timeout)
                .thenCompose(children -> children.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
                        : readFirst(LatchParticipants.inLeaderOrder(children.get()), 0))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads participant {@code index}'s URL; one that vanished meanwhile (or has no URL) passes to the next. */
    private CompletableFuture<Optional<String>> readFirst(List<String> nodes, int index) {
        if (index >= nodes.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return ZkReads.data(client, ZKPaths.makePath(ZkPaths.CONTROLLER, nodes.get(index)), timeout)
                .thenCompose(data -> data.isPresent() && data.get().length > 0
                        ? CompletableFuture.completedFuture(Optional.of(new String(data.get(), StandardCharsets.UTF_8)))
                        : readFirst(nodes, index + 1));
    }

    @Override
    public void close() {
        cache.close();
    }
}
