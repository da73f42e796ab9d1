package dev.streamlog.coordinator.cluster;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code zookeeper} health component: UP while the Curator client is started and
 * connected, DOWN otherwise. It reads the client's connection state and never talks to
 * ZooKeeper, so a health check answers at once even while ZooKeeper is unreachable (Spring
 * Cloud Zookeeper's own indicator issues a retried {@code exists} call that can block for
 * tens of seconds; it is switched off in application.yml).
 *
 * <p>Thread-safe: stateless apart from the thread-safe Curator client.
 */
@Component("zookeeperHealthIndicator")
class ZooKeeperHealthIndicator implements HealthIndicator {

    private final CuratorFramework curator;

    ZooKeeperHealthIndicator(CuratorFramework curator) {
        this.curator = curator;
    }

    @Override
    public Health health() {
        boolean connected = curator.getState() == CuratorFrameworkState.STARTED
                && curator.getZookeeperClient().isConnected();
        Health.Builder health = connected ? Health.up() : Health.down();
        return health.withDetail("connectString", curator.getZookeeperClient().getCurrentConnectionString()).build();
    }
}
