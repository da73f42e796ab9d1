package dev.streamlog.coordinator.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.model.v2.ConsumerSubscription;
import dev.streamlog.model.v2.CreateConsumerRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OffsetsRecordCodecTest {

    private final OffsetsRecordCodec codec = new OffsetsRecordCodec(JsonMapper.builder().build());

    private static StoredRecord stored(AppendRecord record) {
        return new StoredRecord(7, record.timestamp(), record.key(), record.value(), List.of());
    }

    private static StoredRecord stored(String key, String value) {
        return new StoredRecord(7, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), List.of());
    }

    @Test
    void commitsAndMarkersRoundTrip() {
        OffsetsRecord.OffsetCommit commit = new OffsetsRecord.OffsetCommit("g", new TopicPartition("t", 3), 42, "m",
                1_700_000_000_000L, 99);
        AppendRecord encoded = codec.encode(commit, 5);
        assertThat(encoded.timestamp()).isEqualTo(commit.timestamp());
        assertThat(new String(encoded.key(), StandardCharsets.UTF_8))
                .isEqualTo("{\"v\":1,\"type\":\"offset\",\"group\":\"g\",\"topic\":\"t\",\"partition\":3}");
        assertThat(codec.decode(stored(encoded))).contains(commit);

        OffsetsRecord.EpochMarker marker = new OffsetsRecord.EpochMarker("c-1", 12);
        AppendRecord markerRecord = codec.encode(marker, 5);
        assertThat(markerRecord.timestamp()).isEqualTo(5);
        assertThat(codec.decode(stored(markerRecord))).contains(marker);
    }

    @Test
    void anInstanceWrittenBeforeOwnersIsTheAnonymousPrincipals() {
        StoredRecord before = stored("{\"v\":1,\"type\":\"instance\",\"group\":\"g\",\"instance\":\"c1\"}",
                "{\"config\":{\"format\":\"json\"},\"subscription\":null,\"manual\":null,\"epoch\":3}");
        assertThat(codec.decode(before)).hasValueSatisfying(record ->
                assertThat(((OffsetsRecord.InstanceState) record).owner()).isEqualTo("User:ANONYMOUS"));
    }

    @Test
    void instancesRemovalsAndGenerationsRoundTrip() {
        CreateConsumerRequest config = new CreateConsumerRequest("c1", "json", "earliest", "false", null, null,
                "3000", null, null, "sticky", "1000");
        OffsetsRecord subscribed = new OffsetsRecord.InstanceState("g", "c1", config, "User:alice",
                new ConsumerSubscription(null, "orders-.*"), null, 4);
        OffsetsRecord assigned = new OffsetsRecord.InstanceState("g", "c2", config, "User:CN=svc,O=acme", null,
                List.of(new TopicPartition("t", 1)), 4);
        OffsetsRecord removed = new OffsetsRecord.InstanceRemoved("g", "c1", 5);
        OffsetsRecord generation = new OffsetsRecord.GroupGeneration("g", 12, 5);

        for (OffsetsRecord record : List.of(subscribed, assigned, removed, generation)) {
            assertThat(codec.decode(stored(codec.encode(record, 1)))).contains(record);
        }
    }

    @Test
    void recordsItDoesNotKnowAreSkipped() {
        assertThat(codec.decode(stored(null, "{}"))).isEmpty();
        assertThat(codec.decode(stored("{\"v\":1,\"type\":\"offset\"}", null))).isEmpty();
        assertThat(codec.decode(stored("not json", "{}"))).isEmpty();
        assertThat(codec.decode(stored("{\"v\":2,\"type\":\"offset\"}", "{}"))).isEmpty();
        assertThat(codec.decode(stored("{\"v\":1,\"type\":\"future\"}", "{}"))).isEmpty();
    }
}
