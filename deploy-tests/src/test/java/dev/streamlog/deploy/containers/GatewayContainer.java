package dev.streamlog.deploy.containers;

/**
 * A gateway-service container: the public API on port 8080, mapped to a free port on the test's host.
 *
 * <p>Not thread-safe (configure, then start, from one thread).
 */
public final class GatewayContainer extends StreamlogContainer<GatewayContainer> {

    public GatewayContainer(String tag, ZooKeeperContainer zooKeeper, String alias) {
        super("gateway-service", tag, zooKeeper, alias, 8080);
    }
}
