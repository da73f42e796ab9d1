package dev.streamlog.storage.cluster;

import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.log.LogManager;
import dev.streamlog.storage.replica.FollowerFetchers;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code storage} health component: UP only when the node can do its job, i.e. its logs
 * are loaded (the {@link LogManager} exists only once they are, so the node is not ready while it
 * recovers them), it is connected to ZooKeeper, its broker znode is registered, the cluster
 * metadata has been applied and its replica fetcher service is running (between start and stop; the
 * detail {@code following} counts the replicas it fetches for). Answers from local state at
 * once (no ZooKeeper round trip). Thread-safe.
 */
@Component("storage")
public class StorageHealthIndicator implements HealthIndicator {

    private final StorageProperties properties;
    private final LogManager logManager;
    private final BrokerRegistrar registrar;
    private final ReplicaManager replicas;
    private final CuratorFramework curator;
    private final FollowerFetchers fetchers;

    public StorageHealthIndicator(StorageProperties properties, LogManager logManager, BrokerRegistrar registrar,
                                  ReplicaManager replicas, CuratorFramework curator, FollowerFetchers fetchers) {
        this.properties = properties;
        this.logManager = logManager;
        this.registrar = registrar;
        this.replicas = replicas;
        this.curator = curator;
        this.fetchers = fetchers;
    }

    @Override
    public Health health() {
        boolean registered = registrar.isRegistered();
        boolean metadata = replicas.isReady();
        boolean connected = curator.getZookeeperClient().isConnected();
        boolean fetching = fetchers.isRunning();
        Health.Builder health = registered && metadata && connected && fetching ? Health.up() : Health.down();
        return health.withDetail("nodeId", properties.nodeId())
                .withDetail("zookeeper", connected ? "connected" : "disconnected")
                .withDetail("fetchersRunning", fetching)
                .withDetail("following", fetchers.following())
                .withDetail("logsLoaded", true)
                .withDetail("logs", logManager.logs().size())
                .withDetail("registered", registered)
                .withDetail("metadataLoaded", metadata)
                .withDetail("replicas", replicas.hostedCount())
                .build();
    }
}
