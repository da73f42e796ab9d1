package dev.streamlog.controller.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.v3.CreateTopicRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Growing an internal topic's replicas: who is added, what stays, what is written, what is refused. */
class ReplicationGrowthTest {

    private final ZnodeCodec codec = new ZnodeCodec();
    private ClusterImage image = Images.withBrokers(3);

    private TopicImage createOffsets(int partitions, int replicationFactor) {
        ControllerResult<TopicImage> created = Images.commands().createInternalTopic(image,
                new CreateTopicRequest("__consumer_offsets", partitions, replicationFactor, List.of()));
        image = image.replay(created.writes());
        return created.response();
    }

    @Test
    void everyPartitionGetsLiveBrokersItLacksEvenlyAndKeepsItsLeaderAndIsrInTheNextEpoch() {
        TopicImage before = createOffsets(6, 1);

        ControllerResult<TopicImage> grown = ReplicationGrowth.grow(image, "__consumer_offsets", 3);

        assertThat(grown.writes()).hasSize(1 + 6);
        assertThat(grown.writes().get(0)).isInstanceOf(ZkWrite.SetData.class);
        TopicImage after = grown.response();
        Map<Integer, Integer> load = new HashMap<>();
        for (int p = 0; p < 6; p++) {
            List<Integer> replicas = after.assignment().replicas(p);
            assertThat(replicas).hasSize(3).doesNotHaveDuplicates()
                    .startsWith(before.assignment().replicas(p).get(0));
            replicas.forEach(id -> load.merge(id, 1, Integer::sum));
            PartitionState was = before.partitions().get(p).state();
            PartitionState now = codec.readState(((ZkWrite.SetData) grown.writes().get(1 + p)).data());
            assertThat(now).isEqualTo(new PartitionState(was.leader(), was.leaderEpoch() + 1, was.isr(), Images.EPOCH));
        }
        assertThat(load).containsOnly(Map.entry(1, 6), Map.entry(2, 6), Map.entry(3, 6));
        assertThat(after.configs()).containsEntry("min.insync.replicas", "2");
        assertThat(before.configs()).doesNotContainKey("min.insync.replicas");
    }

    @Test
    void aTopicAsLargeAsAskedNeedsNoWrite() {
        createOffsets(4, 3);

        assertThat(ReplicationGrowth.grow(image, "__consumer_offsets", 3).writes()).isEmpty();
        assertThat(ReplicationGrowth.grow(image, "__consumer_offsets", 2).writes()).isEmpty();
    }

    @Test
    void publicTopicsUnknownTopicsAndImpossibleFactorsAreRefused() {
        createOffsets(1, 1);
        image = image.replay(Images.commands().createTopic(image,
                new CreateTopicRequest("orders", 1, 1, List.of())).writes());

        assertThatThrownBy(() -> ReplicationGrowth.grow(image, "orders", 3)).isInstanceOfSatisfying(
                AdminException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> ReplicationGrowth.grow(image, "__nothing", 3)).isInstanceOfSatisfying(
                AdminException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
        assertThatThrownBy(() -> ReplicationGrowth.grow(image, "__consumer_offsets", 4)).isInstanceOfSatisfying(
                AdminException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TOPIC_CONFIG));
    }
}
