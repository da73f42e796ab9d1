package dev.streamlog.deploy.containers;

/**
 * A consumer-coordinator-service container (port 9291) with its advertised host on the network.
 *
 * <p>Not thread-safe (configure, then start, from one thread).
 */
public final class CoordinatorContainer extends StreamlogContainer<CoordinatorContainer> {

    public CoordinatorContainer(String tag, ZooKeeperContainer zooKeeper, String alias) {
        super("consumer-coordinator-service", tag, zooKeeper, alias, 9291);
        withEnv("STREAMLOG_COORDINATOR_ADVERTISED_HOST", alias);
    }
}
