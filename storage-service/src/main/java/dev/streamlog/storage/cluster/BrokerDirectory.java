package dev.streamlog.storage.cluster;

import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.storage.replica.BrokerAddresses;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live storage nodes' addresses, from a Curator cache of {@code /brokers/ids/{id}}
 * ({@link BrokerRegistration} znodes), for followers to find their leaders. Started before the
 * metadata watcher, so leaders are known by the time replicas start following. Every follower
 * fetch asks for its leader's address, so each znode's content is parsed once and the answer
 * kept until the cache holds different content.
 *
 * <p>Thread-safe (the cache and the map of parsed addresses are).
 */
@Component
public class BrokerDirectory implements BrokerAddresses, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerDirectory.class);

    private final CuratorCache cache;
    private final JsonMapper json;
    private final Map<Integer, Parsed> parsed = new ConcurrentHashMap<>();
    private volatile boolean running;

    public BrokerDirectory(CuratorFramework curator, ZookeeperLayoutProperties namespace, JsonMapper json) {
        this.cache = CuratorCache.build(curator.usingNamespace(namespace.chroot()), ZkPaths.BROKER_IDS);
        this.json = json;
    }

    @Override
    public Optional<String> baseUrl(int brokerId) {
        byte[] data = cache.get(ZKPaths.makePath(ZkPaths.BROKER_IDS, Integer.toString(brokerId)))
                .map(ChildData::getData)
                .orElse(null);
        if (data == null) {
            return Optional.empty();
        }
        Parsed known = parsed.get(brokerId);
        if (known != null && known.data() == data) {
            return known.baseUrl();
        }
        Parsed fresh = new Parsed(data, parse(data).map(BrokerRegistration::baseUrl));
        parsed.put(brokerId, fresh);
        return fresh.baseUrl();
    }

    private Optional<BrokerRegistration> parse(byte[] data) {
        if (data == null || data.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(data, BrokerRegistration.class));
        } catch (JacksonException e) {
            LOG.warn("event=broker-registration-unreadable error={}", e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** A znode's content (compared by identity: the cache replaces the array on every change) and its address. */
    private record Parsed(byte[] data, Optional<String> baseUrl) {
    }

    @Override
    public void start() {
        cache.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        cache.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the metadata watcher (which starts followers). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 8192;
    }
}
