package dev.streamlog.controller.zookeeper;

import dev.streamlog.model.ZkPaths;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Increments {@code /controller_epoch} (decimal text). An increment is a
 * compare-and-set on the znode's version (or the creation of {@code "1"} when it does not exist
 * yet), so two would-be controllers can never get the same epoch. Thread-safe.
 */
public class ZkControllerEpochs {

    private static final int ATTEMPTS = 5;

    private final CuratorFramework client;

    public ZkControllerEpochs(NamespacedCurator curator) {
        this.client = curator.client();
    }

    /**
     * Increments the epoch.
     *
     * @return the new epoch and the znode version to check in every later transaction
     * @throws ZkStoreException when ZooKeeper fails, the znode holds no number, or the
     *                          compare-and-set lost {@value #ATTEMPTS} times in a row
     */
    public ControllerEpoch increment() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                ControllerEpoch epoch = tryIncrement();
                if (epoch != null) {
                    return epoch;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZkStoreException("interrupted while incrementing the controller epoch", e);
            } catch (ZkStoreException e) {
                throw e;
            } catch (Exception e) {
                throw new ZkStoreException("could not increment " + ZkPaths.CONTROLLER_EPOCH + ": " + e, e);
            }
        }
        throw new ZkStoreException("lost the race to increment " + ZkPaths.CONTROLLER_EPOCH + " " + ATTEMPTS + " times");
    }

    /** One compare-and-set; null when another instance changed the znode in between. */
    private ControllerEpoch tryIncrement() throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = client.getData().storingStatIn(stat).forPath(ZkPaths.CONTROLLER_EPOCH);
        } catch (KeeperException.NoNodeException absent) {
            return createFirst() ? new ControllerEpoch(1, 0) : null;
        }
        int next = parse(data) + 1;
        try {
            Stat written = client.setData().withVersion(stat.getVersion())
                    .forPath(ZkPaths.CONTROLLER_EPOCH, Integer.toString(next).getBytes(StandardCharsets.UTF_8));
            return new ControllerEpoch(next, written.getVersion());
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException raced) {
            return null;
        }
    }

    private boolean createFirst() throws Exception {
        try {
            client.create().creatingParentContainersIfNeeded()
                    .forPath(ZkPaths.CONTROLLER_EPOCH, "1".getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (KeeperException.NodeExistsException raced) {
            return false;
        }
    }

    private static int parse(byte[] data) {
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8).trim();
        try {
            int epoch = Integer.parseInt(text);
            if (epoch < 0) {
                throw new NumberFormatException("negative");
            }
            return epoch;
        } catch (NumberFormatException e) {
            throw new ZkStoreException(ZkPaths.CONTROLLER_EPOCH + " holds '" + text + "', not an epoch number", e);
        }
    }
}
