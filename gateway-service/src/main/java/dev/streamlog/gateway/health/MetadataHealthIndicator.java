package dev.streamlog.gateway.health;

import dev.streamlog.client.controller.ControllerLocator;
import dev.streamlog.client.metadata.ClusterSnapshot;
import dev.streamlog.client.metadata.ZkMetadataCache;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code metadata}: UP when the gateway is connected to ZooKeeper and its metadata cache has
 * loaded (so it can route), DOWN otherwise. Answers at once from local state (no ZooKeeper round trip, so a
 * health check never waits on Curator's retries). Details: {@code zookeeper} ({@code connected} or
 * {@code disconnected}), {@code metadata} ({@code loaded} or {@code loading}), {@code brokers} and {@code topics}
 * (counts), {@code active_controller} (the latch holder's URL, when known). Thread-safe.
 */
@Component
class MetadataHealthIndicator extends AbstractHealthIndicator {

    private final CuratorFramework curator;
    private final ZkMetadataCache metadata;
    private final ControllerLocator controllers;

    MetadataHealthIndicator(CuratorFramework curator, ZkMetadataCache metadata, ControllerLocator controllers) {
        super("Gateway metadata health check failed");
        this.curator = curator;
        this.metadata = metadata;
        this.controllers = controllers;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean connected = curator.getZookeeperClient().isConnected();
        boolean loaded = metadata.isInitialised();
        (connected && loaded ? builder.up() : builder.down())
                .withDetail("zookeeper", connected ? "connected" : "disconnected")
                .withDetail("metadata", loaded ? "loaded" : "loading");
        if (loaded) {
            ClusterSnapshot snapshot = metadata.snapshot();
            builder.withDetail("brokers", snapshot.brokers().size()).withDetail("topics", snapshot.topics().size());
        }
        controllers.activeController().ifPresent(url -> builder.withDetail("active_controller", url));
    }
}
