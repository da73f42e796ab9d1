package dev.streamlog.controller.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.controller.metadata.PartitionChange;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.internal.PartitionLeadership;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who is told what: each live replica holder gets only the partitions it holds. */
class LeaderAndIsrSenderTest {

    private static final BrokerRegistration BROKER = new BrokerRegistration("127.0.0.1", 9091, null, false);

    @Test
    void eachLiveBrokerGetsOnlyThePartitionsItHolds() {
        PartitionState a0 = new PartitionState(2, 1, List.of(2, 3), 5);
        PartitionState b0 = new PartitionState(3, 0, List.of(3, 4), 5);
        List<PartitionChange> changes = List.of(
                new PartitionChange("a", 0, List.of(1, 2, 3), a0, 7),
                new PartitionChange("b", 0, List.of(3, 4), b0, 0));

        Map<Integer, List<PartitionLeadership>> byBroker = LeaderAndIsrSender.byBroker(changes,
                Map.of(2, BROKER, 3, BROKER, 4, BROKER, 9, BROKER));

        PartitionLeadership a = new PartitionLeadership("a", 0, List.of(1, 2, 3), a0, 7);
        PartitionLeadership b = new PartitionLeadership("b", 0, List.of(3, 4), b0, 0);
        assertThat(byBroker).containsOnlyKeys(2, 3, 4);
        assertThat(byBroker.get(2)).containsExactly(a);
        assertThat(byBroker.get(3)).containsExactly(a, b);
        assertThat(byBroker.get(4)).containsExactly(b);
    }

    @Test
    void nobodyIsToldWhenNoReplicaHolderIsLive() {
        List<PartitionChange> changes = List.of(
                new PartitionChange("a", 0, List.of(1), new PartitionState(-1, 3, List.of(1), 5), 4));

        assertThat(LeaderAndIsrSender.byBroker(changes, Map.of(2, BROKER))).isEmpty();
    }
}
