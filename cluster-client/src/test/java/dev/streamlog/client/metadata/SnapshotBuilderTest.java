package dev.streamlog.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.client.metadata.SnapshotBuilder.Znode;
import dev.streamlog.model.cluster.BrokerRegistration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Building a snapshot from the znodes under /brokers. */
class SnapshotBuilderTest {

    private final SnapshotBuilder builder = new SnapshotBuilder(JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

    private static Znode znode(String path, String data) {
        return new Znode(path, data == null ? null : data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void brokersTopicsAndPartitionStatesBecomeOneSnapshot() {
        ClusterSnapshot snapshot = builder.build(Stream.of(
                znode("/brokers", null),
                znode("/brokers/ids", null),
                znode("/brokers/ids/2", "{\"host\":\"127.0.0.1\",\"port\":9092,\"rack\":\"r1\"}"),
                znode("/brokers/ids/1", "{\"host\":\"127.0.0.1\",\"port\":9091,\"rack\":null}"),
                znode("/brokers/topics", null),
                znode("/brokers/topics/orders", "{\"topic_id\":\"abc\",\"partitions\":{\"0\":[1,2],\"1\":[2,1]},"
                        + "\"configs\":{\"max.message.bytes\":\"2048\"},\"future_field\":1}"),
                znode("/brokers/topics/orders/partitions", null),
                znode("/brokers/topics/orders/partitions/0", null),
                znode("/brokers/topics/orders/partitions/0/state",
                        "{\"leader\":1,\"leader_epoch\":4,\"isr\":[1,2],\"controller_epoch\":2}"),
                znode("/brokers/topics/orders/partitions/1/state",
                        "{\"leader\":-1,\"leader_epoch\":5,\"isr\":[],\"controller_epoch\":2}")));

        assertThat(snapshot.brokers()).containsExactly(
                Map.entry(1, new BrokerRegistration("127.0.0.1", 9091, null, false)),
                Map.entry(2, new BrokerRegistration("127.0.0.1", 9092, "r1", false)));
        TopicView orders = snapshot.topic("orders").orElseThrow();
        assertThat(orders.partitionCount()).isEqualTo(2);
        assertThat(orders.maxMessageBytes()).isEqualTo(2048);
        assertThat(orders.assignment().replicas(1)).containsExactly(2, 1);
        assertThat(orders.state(0).orElseThrow().leader()).isEqualTo(1);
        assertThat(orders.state(0).orElseThrow().isr()).containsExactly(1, 2);
        assertThat(orders.state(1).orElseThrow().hasLeader()).isFalse();
    }

    @Test
    void corruptZnodesAndOrphanStatesAreSkippedWithoutHidingTheRest() {
        ClusterSnapshot snapshot = builder.build(Stream.of(
                znode("/brokers/ids/1", "{not json"),
                znode("/brokers/ids/x", "{\"host\":\"h\",\"port\":1}"),
                znode("/brokers/ids/3", "{\"host\":\"127.0.0.1\",\"port\":9093}"),
                znode("/brokers/topics/good", "{\"topic_id\":\"g\",\"partitions\":{\"0\":[3]},\"configs\":{}}"),
                znode("/brokers/topics/bad", "[]"),
                znode("/brokers/topics/ghost/partitions/0/state", "{\"leader\":3,\"leader_epoch\":0,\"isr\":[3],"
                        + "\"controller_epoch\":1}")));

        assertThat(snapshot.brokers()).containsOnlyKeys(3);
        assertThat(snapshot.topics()).containsOnlyKeys("good");
        assertThat(snapshot.topic("good").orElseThrow().state(0)).isEmpty();
        assertThat(snapshot.topic("good").orElseThrow().maxMessageBytes()).isEqualTo(1_048_576);
    }

    @Test
    void nothingUnderBrokersIsAnEmptyCluster() {
        assertThat(builder.build(Stream.of())).isEqualTo(ClusterSnapshot.EMPTY);
        assertThat(builder.build(Stream.of(znode("/brokers/topics/t", "{\"partitions\":{}}"))).topics())
                .hasSize(1);
        assertThat(List.copyOf(builder.build(Stream.of()).topics().keySet())).isEmpty();
    }
}
