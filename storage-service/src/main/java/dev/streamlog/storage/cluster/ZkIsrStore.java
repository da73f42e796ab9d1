package dev.streamlog.storage.cluster;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.storage.partition.Leadership;
import dev.streamlog.storage.replica.IsrConflictException;
import dev.streamlog.storage.replica.IsrStore;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a leader's ISR into {@code /brokers/topics/{t}/partitions/{p}/state} with a
 * compare-and-set on the znode version, never blindly: if the controller (or anyone) changed
 * the state since this node read it, the write fails and the current content is returned in
 * the {@link IsrConflictException}. Curator's retry policy bounds each call. Thread-safe.
 */
@Component
public class ZkIsrStore implements IsrStore {

    private final CuratorFramework zk;
    private final JsonMapper json;

    public ZkIsrStore(CuratorFramework curator, ZookeeperLayoutProperties namespace, JsonMapper json) {
        this.zk = curator.usingNamespace(namespace.chroot());
        this.json = json;
    }

    @Override
    public Leadership writeIsr(TopicPartition tp, Leadership current, List<Integer> isr) {
        String path = ZkPaths.partitionState(tp.topic(), tp.partition());
        Leadership next = current.withIsr(isr, current.zkVersion());
        try {
            Stat stat = zk.setData().withVersion(current.zkVersion())
                    .forPath(path, json.writeValueAsBytes(next.toState()));
            return current.withIsr(isr, stat.getVersion());
        } catch (KeeperException.BadVersionException e) {
            throw new IsrConflictException("the state of " + tp + " changed since version " + current.zkVersion(),
                    read(tp, path, current.replicas()));
        } catch (KeeperException.NoNodeException e) {
            throw new IsrConflictException("the state of " + tp + " is gone", null);
        } catch (Exception e) {
            throw new IllegalStateException("writing the ISR of " + tp + " failed: " + e, e);
        }
    }

    private Leadership read(TopicPartition tp, String path, List<Integer> replicas) {
        try {
            Stat stat = new Stat();
            byte[] data = zk.getData().storingStatIn(stat).forPath(path);
            return Leadership.of(json.readValue(data, PartitionState.class), replicas, stat.getVersion());
        } catch (Exception e) {
            throw new IllegalStateException("reading the state of " + tp + " failed: " + e, e);
        }
    }
}
