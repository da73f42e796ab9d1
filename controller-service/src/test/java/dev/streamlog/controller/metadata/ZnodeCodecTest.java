package dev.streamlog.controller.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of topic, state and broker znodes. */
class ZnodeCodecTest {

    private final ZnodeCodec codec = new ZnodeCodec();

    @Test
    void writesPartitionsInNumericOrderAndConfigsSorted() {
        Map<String, List<Integer>> partitions = new HashMap<>();
        for (int p = 0; p < 12; p++) {
            partitions.put(Integer.toString(p), List.of(p % 3 + 1));
        }
        String json = codec.writeAssignment(new TopicAssignment("abc", partitions,
                Map.of("segment.bytes", "100", "retention.ms", "5")));

        assertThat(json).startsWith("{\"topic_id\":\"abc\",\"partitions\":{\"0\":[1],\"1\":[2],\"2\":[3],\"3\":[1]")
                .contains("\"9\":[1],\"10\":[2],\"11\":[3]}")
                .endsWith("\"configs\":{\"retention.ms\":\"5\",\"segment.bytes\":\"100\"}}");
        assertThat(codec.readAssignment(json).partitions()).isEqualTo(partitions);
    }

    @Test
    void roundTripsStatesAndReadsBrokers() {
        PartitionState state = new PartitionState(2, 4, List.of(2, 3), 9);

        assertThat(codec.writeState(state))
                .isEqualTo("{\"leader\":2,\"leader_epoch\":4,\"isr\":[2,3],\"controller_epoch\":9}");
        assertThat(codec.readState(codec.writeState(state))).isEqualTo(state);
        assertThat(codec.readBroker("{\"host\":\"h\",\"port\":1,\"rack\":\"r\",\"extra\":true}"))
                .isEqualTo(new BrokerRegistration("h", 1, "r", false));
        assertThat(codec.readBroker("{\"host\":\"h\",\"port\":1,\"rack\":null,\"tls\":true}").baseUrl())
                .isEqualTo("https://h:1");
    }

    @Test
    void refusesDataThatIsNotTheRecord() {
        assertThatThrownBy(() -> codec.readAssignment("{\"partitions\":{\"x\":[1]}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.readState("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.readBroker("")).isInstanceOf(IllegalArgumentException.class);
    }
}
