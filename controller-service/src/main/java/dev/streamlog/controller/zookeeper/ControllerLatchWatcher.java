package dev.streamlog.controller.zookeeper;

import dev.streamlog.model.ZkPaths;
import java.util.Comparator;
import java.util.Optional;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.utils.ZKPaths;

/**
 * Who holds the {@code /controller} leader latch, from a Curator cache of its participant
 * znodes: the participant with the lowest sequence number leads, and its data is its
 * controller's URL (the latch participant id). Lets a standby name the active controller
 * without a ZooKeeper round trip. Started on construction, stopped by {@link #close()}. Thread-safe.
 */
public class ControllerLatchWatcher implements AutoCloseable {

    private static final String LATCH_PREFIX = "latch-";

    private final CuratorCache cache;

    public ControllerLatchWatcher(NamespacedCurator curator) {
        this.cache = CuratorCache.build(curator.client(), ZkPaths.CONTROLLER);
        this.cache.start();
    }

    /** The base URL of the controller that holds the latch, if any participant is known. */
    public Optional<String> leaderUrl() {
        return cache.stream()
                .filter(child -> !child.getPath().endsWith(ZkPaths.CONTROLLER))
                .filter(child -> child.getData() != null && child.getData().length > 0)
                .min(Comparator.comparing(ControllerLatchWatcher::sequence))
                .map(child -> new String(child.getData(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sequence(ChildData child) {
        String node = ZKPaths.getNodeFromPath(child.getPath());
        int at = node.lastIndexOf(LATCH_PREFIX);
        return at < 0 ? node : node.substring(at + LATCH_PREFIX.length());
    }

    @Override
    public void close() {
        cache.close();
    }
}
