package dev.streamlog.deploy.containers;

/**
 * A controller-service container (port 9191) that advertises its address on the network to the others.
 *
 * <p>Not thread-safe (configure, then start, from one thread).
 */
public final class ControllerContainer extends StreamlogContainer<ControllerContainer> {

    private static final int PORT = 9191;

    public ControllerContainer(String tag, ZooKeeperContainer zooKeeper, String alias) {
        super("controller-service", tag, zooKeeper, alias, PORT);
        withEnv("STREAMLOG_CONTROLLER_ADVERTISED_URL", "http://" + alias + ":" + PORT);
    }
}
