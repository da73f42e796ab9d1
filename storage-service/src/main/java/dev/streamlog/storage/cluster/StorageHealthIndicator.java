package dev.streamlog.storage.cluster;

import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.log.LogManager;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code storage} health component: UP only when the node can do its job, i.e. its logs
 * are loaded (the {@link LogManager} exists only once they are), its broker znode is
 * registered and the cluster metadata has been applied. Thread-safe.
 */
@Component("storage")
public class StorageHealthIndicator implements HealthIndicator {

    private final StorageProperties properties;
    private final LogManager logManager;
    private final BrokerRegistrar registrar;
    private final ReplicaManager replicas;

    public StorageHealthIndicator(StorageProperties properties, LogManager logManager, BrokerRegistrar registrar,
                                  ReplicaManager replicas) {
        this.properties = properties;
        this.logManager = logManager;
        this.registrar = registrar;
        this.replicas = replicas;
    }

    @Override
    public Health health() {
        boolean registered = registrar.isRegistered();
        boolean metadata = replicas.isReady();
        Health.Builder health = registered && metadata ? Health.up() : Health.down();
        return health.withDetail("nodeId", properties.nodeId())
                .withDetail("logsLoaded", true)
                .withDetail("logs", logManager.logs().size())
                .withDetail("registered", registered)
                .withDetail("metadataLoaded", metadata)
                .withDetail("replicas", replicas.hostedCount())
                .build();
    }
}
