package dev.streamlog.controller.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Partition health counted Kafka's way on images: offline, under-replicated, under min ISR. */
class PartitionHealthTest {

    private final ZnodeCodec codec = new ZnodeCodec();

    /** Topic {@code t} on replicas 1, 2, 3 with {@code min.insync.replicas=2}; partition p has {@code states[p]}. */
    private ClusterImage image(List<Integer> live, PartitionState... states) {
        Map<String, List<Integer>> replicas = new TreeMap<>();
        for (int p = 0; p < states.length; p++) {
            replicas.put(Integer.toString(p), List.of(1, 2, 3));
        }
        List<ZkWrite> writes = new ArrayList<>(List.of(
                new ZkWrite.Create("/brokers/topics/t", codec.writeAssignment(new TopicAssignment("id", replicas,
                        Map.of(TopicConfigs.MIN_INSYNC_REPLICAS, "2")))),
                new ZkWrite.Create("/brokers/topics/t/partitions", "")));
        for (int p = 0; p < states.length; p++) {
            writes.add(new ZkWrite.Create("/brokers/topics/t/partitions/" + p, ""));
            if (states[p] != null) {
                writes.add(new ZkWrite.Create("/brokers/topics/t/partitions/" + p + "/state",
                        codec.writeState(states[p])));
            }
        }
        Map<Integer, BrokerRegistration> brokers = new TreeMap<>();
        live.forEach(id -> brokers.put(id, new BrokerRegistration("127.0.0.1", 9090 + id, null, false)));
        return ClusterImage.empty(Images.CLUSTER, Images.EPOCH).replay(writes).withBrokers(brokers);
    }

    private static PartitionState state(int leader, Integer... isr) {
        return new PartitionState(leader, 1, List.of(isr), 1);
    }

    @Test
    void healthyPartitionsCountOnlyAsPartitions() {
        assertThat(PartitionHealth.of(image(List.of(1, 2, 3), state(1, 1, 2, 3), state(2, 2, 3, 1))))
                .isEqualTo(new PartitionHealth(2, 0, 0, 0));
    }

    @Test
    void aShrunkIsrIsUnderReplicatedAndBelowTheMinimumItIsUnderMinIsrToo() {
        assertThat(PartitionHealth.of(image(List.of(1, 2, 3), state(1, 1, 2), state(2, 2))))
                .isEqualTo(new PartitionHealth(2, 0, 2, 1));
    }

    @Test
    void noLeaderADeadLeaderOrNoStateAtAllIsOffline() {
        assertThat(PartitionHealth.of(image(List.of(2, 3), state(PartitionState.NO_LEADER, 1), state(1, 1, 2, 3),
                null))).isEqualTo(new PartitionHealth(3, 3, 2, 2));
    }
}
