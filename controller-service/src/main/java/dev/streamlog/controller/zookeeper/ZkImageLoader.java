package dev.streamlog.controller.zookeeper;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.controller.metadata.PartitionImage;
import dev.streamlog.controller.metadata.PartitionStateReader;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.controller.metadata.ZnodeCodec;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicNames;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the cluster's znodes into a {@link ClusterImage} (without brokers, which come from the
 * broker watcher): the cluster id, every topic znode with its version, partition znodes and
 * states, and the deletion markers. A topic znode that does not parse is kept with an empty
 * assignment (so it stays visible and deletable) and logged; znodes with illegal topic names are
 * skipped and logged. Also reads one topic's partition states on their own, as they are now
 * ({@link PartitionStateReader}). Thread-safe.
 */
public class ZkImageLoader implements PartitionStateReader {

    /** Persistent parents the controller creates when missing, parents first. */
    public static final List<String> BASE_PATHS = List.of("/brokers", ZkPaths.BROKER_IDS, ZkPaths.TOPICS, "/admin",
            ZkPaths.DELETE_TOPICS, "/cluster");

    private static final Logger log = LoggerFactory.getLogger(ZkImageLoader.class);

    private final CuratorFramework client;
    private final ZnodeCodec codec = new ZnodeCodec();

    public ZkImageLoader(NamespacedCurator curator) {
        this.client = curator.client();
    }

    /** The base paths that do not exist yet, parents first. */
    public List<String> missingBasePaths() {
        List<String> missing = new ArrayList<>();
        for (String path : BASE_PATHS) {
            if (!exists(path)) {
                missing.add(path);
            }
        }
        return missing;
    }

    /** Whether the znode exists. */
    public boolean exists(String path) {
        return call(() -> client.checkExists().forPath(path) != null, path);
    }

    /** Loads the image for a controller of the given epoch. */
    public ClusterImage load(ControllerEpoch epoch) {
        String clusterId = call(() -> ZnodeCodec.text(client.getData().forPath(ZkPaths.CLUSTER_ID)).trim(),
                ZkPaths.CLUSTER_ID);
        SortedMap<String, TopicImage> topics = new TreeMap<>();
        for (String name : legalNames(children(ZkPaths.TOPICS))) {
            TopicImage topic = loadTopic(name);
            if (topic != null) {
                topics.put(name, topic);
            }
        }
        SortedSet<String> deletions = new TreeSet<>(legalNames(children(ZkPaths.DELETE_TOPICS)));
        return new ClusterImage(clusterId, epoch.value(), new TreeMap<>(), topics, deletions);
    }

    @Override
    public SortedMap<Integer, PartitionImage> read(String topic, int partitions) {
        SortedMap<Integer, PartitionImage> states = new TreeMap<>();
        try {
            for (int partition = 0; partition < partitions; partition++) {
                states.put(partition, loadPartition(topic, partition));
            }
        } catch (ZkStoreException e) {
            throw new AdminException(ErrorCode.RETRIABLE, "ZooKeeper is not available: " + e.getMessage(), e);
        }
        return states;
    }

    private TopicImage loadTopic(String name) {
        Stat stat = new Stat();
        byte[] data = call(() -> {
            try {
                return client.getData().storingStatIn(stat).forPath(ZkPaths.topic(name));
            } catch (KeeperException.NoNodeException gone) {
                return null;
            }
        }, ZkPaths.topic(name));
        if (data == null) {
            return null;
        }
        TopicAssignment assignment;
        try {
            assignment = codec.readAssignment(ZnodeCodec.text(data));
        } catch (IllegalArgumentException e) {
            log.error("Topic znode {} does not parse ({}); it shows with no partitions until deleted",
                    ZkPaths.topic(name), e.getMessage());
            assignment = new TopicAssignment(null, Map.of(), Map.of());
        }
        List<String> partitionNodes = childrenOrNull(ZkPaths.partitions(name));
        SortedMap<Integer, PartitionImage> partitions = new TreeMap<>();
        if (partitionNodes != null) {
            for (String node : partitionNodes) {
                Integer partition = partitionNumber(node);
                if (partition == null) {
                    log.warn("Ignoring znode {}/{}: not a partition number", ZkPaths.partitions(name), node);
                    continue;
                }
                partitions.put(partition, loadPartition(name, partition));
            }
        }
        return new TopicImage(name, assignment, stat.getVersion(), partitionNodes != null, partitions);
    }

    private PartitionImage loadPartition(String topic, int partition) {
        String path = ZkPaths.partitionState(topic, partition);
        Stat stat = new Stat();
        byte[] data = call(() -> {
            try {
                return client.getData().storingStatIn(stat).forPath(path);
            } catch (KeeperException.NoNodeException absent) {
                return null;
            }
        }, path);
        if (data == null) {
            return PartitionImage.WITHOUT_STATE;
        }
        try {
            return new PartitionImage(codec.readState(ZnodeCodec.text(data)), stat.getVersion());
        } catch (IllegalArgumentException e) {
            log.error("Partition state {} does not parse ({}); treating the partition as offline", path, e.getMessage());
            return new PartitionImage(new PartitionState(PartitionState.NO_LEADER, 0, List.of(), 0), stat.getVersion());
        }
    }

    private List<String> children(String path) {
        List<String> children = childrenOrNull(path);
        return children == null ? List.of() : children;
    }

    private List<String> childrenOrNull(String path) {
        return call(() -> {
            try {
                return client.getChildren().forPath(path);
            } catch (KeeperException.NoNodeException absent) {
                return null;
            }
        }, path);
    }

    private static List<String> legalNames(List<String> names) {
        List<String> legal = new ArrayList<>(names.size());
        for (String name : names) {
            if (TopicNames.isValid(name)) {
                legal.add(name);
            } else {
                log.warn("Ignoring znode '{}': not a legal topic name", name);
            }
        }
        return legal;
    }

    private static Integer partitionNumber(String node) {
        try {
            int partition = Integer.parseInt(node);
            return partition >= 0 && node.equals(Integer.toString(partition)) ? partition : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private interface ZkCall<T> {
        T call() throws Exception;
    }

    private static <T> T call(ZkCall<T> call, String path) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZkStoreException("interrupted while reading " + path, e);
        } catch (Exception e) {
            throw new ZkStoreException("could not read " + path + ": " + e, e);
        }
    }
}
