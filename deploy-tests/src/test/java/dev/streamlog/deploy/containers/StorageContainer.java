package dev.streamlog.deploy.containers;

/**
 * A storage-service container (port 9091) with its node id and its advertised host on the network; its
 * data dir is the image's volume.
 *
 * <p>Not thread-safe (configure, then start, from one thread).
 */
public final class StorageContainer extends StreamlogContainer<StorageContainer> {

    public StorageContainer(String tag, ZooKeeperContainer zooKeeper, int nodeId) {
        super("storage-service", tag, zooKeeper, "storage-" + nodeId, 9091);
        withEnv("STREAMLOG_STORAGE_NODE_ID", Integer.toString(nodeId));
        withEnv("STREAMLOG_STORAGE_ADVERTISED_HOST", alias());
    }
}
