package dev.streamlog.controller.health;

import dev.streamlog.controller.election.ActiveController;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code controller}: UP while connected to ZooKeeper, for the active controller
 * and for standbys alike (a standby is doing its job by waiting); DOWN without a connection.
 * Answers at once from the client's connection state (no ZooKeeper round trip, so a health check
 * never waits on Curator's retries). Details: {@code zookeeper} ({@code connected} or
 * {@code disconnected}), {@code active}, {@code controller_epoch} (when active),
 * {@code active_controller} (the latch holder's URL when known) and {@code advertised_url}.
 * Thread-safe.
 */
@Component
class ControllerHealthIndicator extends AbstractHealthIndicator {

    private final CuratorFramework curator;
    private final ActiveController controller;

    ControllerHealthIndicator(CuratorFramework curator, ActiveController controller) {
        super("Controller health check failed");
        this.curator = curator;
        this.controller = controller;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean connected = curator.getZookeeperClient().isConnected();
        (connected ? builder.up() : builder.down())
                .withDetail("zookeeper", connected ? "connected" : "disconnected")
                .withDetails(ControllerStatus.of(controller));
    }
}
