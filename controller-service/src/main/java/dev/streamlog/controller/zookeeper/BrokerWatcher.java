package dev.streamlog.controller.zookeeper;

import dev.streamlog.controller.metadata.ZnodeCodec;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.BrokerRegistration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live storage nodes: a Curator cache of the ephemeral znodes under {@code /brokers/ids},
 * kept current by ZooKeeper watches and parsed as they change. A registration that does not
 * parse is logged once per change and left out. Listeners hear of every change after the live
 * set was updated, and once when the cache has finished its first load (before that the live
 * set may be incomplete, see {@link #isInitialized()}); they run on Curator's event thread and
 * must return at once. Started on construction, stopped by {@link #close()}. Thread-safe.
 */
public class BrokerWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerWatcher.class);

    private final CuratorCache cache;
    private final ZnodeCodec codec = new ZnodeCodec();
    private final Map<Integer, BrokerRegistration> live = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean initialized;

    public BrokerWatcher(NamespacedCurator curator) {
        this.cache = CuratorCache.build(curator.client(), ZkPaths.BROKER_IDS);
        this.cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, after) -> update(after))
                .forDeletes(this::remove)
                .forInitialized(this::initialized)
                .build());
        this.cache.start();
    }

    /** Live brokers by id, as registered. */
    public SortedMap<Integer, BrokerRegistration> live() {
        return new TreeMap<>(live);
    }

    /** Whether the first load of {@code /brokers/ids} has finished, so {@link #live()} is complete. */
    public boolean isInitialized() {
        return initialized;
    }

    /** Adds a listener for changes of the live set (see the class comment). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void initialized() {
        initialized = true;
        notifyListeners();
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("event=broker_listener_failed error={}", e.toString());
            }
        }
    }

    private void update(ChildData child) {
        Integer id = brokerId(child);
        if (id == null) {
            return;
        }
        try {
            live.put(id, codec.readBroker(ZnodeCodec.text(child.getData())));
        } catch (IllegalArgumentException e) {
            live.remove(id);
            log.warn("Ignoring broker registration {}: {}", child.getPath(), e.getMessage());
        }
        notifyListeners();
    }

    private void remove(ChildData child) {
        Integer id = brokerId(child);
        if (id != null) {
            live.remove(id);
            notifyListeners();
        }
    }

    /** The broker id of a direct child of {@code /brokers/ids}, else null. */
    private static Integer brokerId(ChildData child) {
        ZKPaths.PathAndNode pathAndNode = ZKPaths.getPathAndNode(child.getPath());
        if (!pathAndNode.getPath().endsWith(ZkPaths.BROKER_IDS)) {
            return null;
        }
        try {
            return Integer.parseInt(pathAndNode.getNode());
        } catch (NumberFormatException e) {
            log.warn("Ignoring znode {}: not a broker id", child.getPath());
            return null;
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
