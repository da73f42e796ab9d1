package dev.streamlog.gateway.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.client.fixtures.Snapshots;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.gateway.format.EmbeddedFormat;
import dev.streamlog.gateway.format.EncodedRecord;
import dev.streamlog.gateway.format.ProduceBodyReader;
import dev.streamlog.gateway.web.RequestMemory;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.Partitioner;
import dev.streamlog.model.batch.RecordDecoder;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.model.v2.PartitionOffset;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Partition choice (Kafka's partitioner), grouping per partition and offsets assembled in request order. */
class ProducePlanTest {

    private static final long NOW = 1_700_000_000_000L;

    private static TopicView topic(int partitions) {
        int[] leaders = new int[partitions];
        java.util.Arrays.fill(leaders, 1);
        return Snapshots.topic("orders", Map.of(), leaders);
    }

    /** What the plan sends to one partition, decoded from its batches. */
    private static List<StoredRecord> records(ProducePlan plan, int partition) {
        return RecordDecoder.decode(ByteBuffer.wrap(plan.requests().get(partition).bytes()), 0, Long.MAX_VALUE,
                Integer.MAX_VALUE);
    }

    private static EncodedRecord keyed(String key) {
        return new EncodedRecord(key == null ? null : key.getBytes(StandardCharsets.UTF_8), new byte[] {1}, null,
                List.of(), null);
    }

    private static EncodedRecord explicit(int partition) {
        return new EncodedRecord(null, new byte[] {1}, partition, List.of(), null);
    }

    /** The partitions Kafka's default partitioner picks for these keys (see shared-model PartitionerTest). */
    @ParameterizedTest
    @CsvSource({
        "21, 0, 0, 0, 40",
        "foobar, 0, 0, 6, 66",
        "a-little-bit-long-string, 2, 2, 8, 12",
        "a-little-bit-longer-string, 2, 5, 11, 19",
        "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8, 2, 5, 5, 77",
        "abc, 0, 3, 3, 7"
    })
    void keyedRecordsLandWhereKafkaPutsThem(String key, int of3, int of6, int of12, int of100) {
        int[] counts = {3, 6, 12, 100};
        int[] expected = {of3, of6, of12, of100};
        for (int i = 0; i < counts.length; i++) {
            ProducePlan plan = ProducePlan.of(List.of(keyed(key)), topic(counts[i]), null, new Partitioner(), NOW);
            assertThat(plan.partitionOf(0)).as("%s of %d partitions", key, counts[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void theKeyHashedIsTheSerializedKeyOfTheRequestFormat() {
        String body = "{\"records\":[{\"key\":\"foobar\",\"value\":1}]}";
        List<EncodedRecord> asText = ProduceBodyReader.read(
                new ByteArrayInputStream(body.replace(":1}", ":\"1\"}").getBytes(StandardCharsets.UTF_8)),
                EmbeddedFormat.TEXT, 10, new RequestMemory(1 << 20).reserve());
        List<EncodedRecord> asJson = ProduceBodyReader.read(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), EmbeddedFormat.JSON, 10,
                new RequestMemory(1 << 20).reserve());

        assertThat(ProducePlan.of(asText, topic(12), null, new Partitioner(), NOW).partitionOf(0)).isEqualTo(6);
        assertThat(ProducePlan.of(asJson, topic(12), null, new Partitioner(), NOW).partitionOf(0))
                .isEqualTo(Partitioner.partitionForKey("\"foobar\"".getBytes(StandardCharsets.UTF_8), 12));
    }

    @Test
    void keylessRecordsOfOneRequestShareOneStickyPartitionThatMovesPerRequest() {
        Partitioner partitioner = new Partitioner();
        ProducePlan first = ProducePlan.of(List.of(keyed(null), keyed(null), keyed(null)), topic(4), null,
                partitioner, NOW);
        ProducePlan second = ProducePlan.of(List.of(keyed(null)), topic(4), null, partitioner, NOW);

        assertThat(first.partitionOf(1)).isEqualTo(first.partitionOf(0));
        assertThat(first.partitionOf(2)).isEqualTo(first.partitionOf(0));
        assertThat(first.requests()).hasSize(1);
        assertThat(second.partitionOf(0)).isEqualTo((first.partitionOf(0) + 1) % 4);
    }

    @Test
    void explicitPartitionsWinAndAreChecked() {
        ProducePlan plan = ProducePlan.of(List.of(explicit(2), keyed("abc")), topic(6), null, new Partitioner(), NOW);
        assertThat(plan.partitionOf(0)).isEqualTo(2);
        assertThat(plan.partitionOf(1)).isEqualTo(3);

        assertThatThrownBy(() -> ProducePlan.of(List.of(explicit(6)), topic(6), null, new Partitioner(), NOW))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PARTITION_NOT_FOUND));
        assertThatThrownBy(() -> ProducePlan.of(List.of(explicit(-1)), topic(6), null, new Partitioner(), NOW))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PARTITION_NOT_FOUND));
    }

    @Test
    void theRoutePartitionTakesEveryRecordAndMustAgreeWithExplicitOnes() {
        ProducePlan plan = ProducePlan.of(List.of(keyed("abc"), keyed(null), explicit(1)), topic(6), 1,
                new Partitioner(), NOW);
        assertThat(plan.requests()).containsOnlyKeys(1);
        assertThat(records(plan, 1)).hasSize(3);

        assertThatThrownBy(() -> ProducePlan.of(List.of(explicit(2)), topic(6), 1, new Partitioner(), NOW))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNPROCESSABLE_ENTITY));
    }

    @Test
    void recordsAreGroupedPerPartitionInRequestOrderAndTimestampedWhenTheyCarryNone() {
        EncodedRecord stamped = new EncodedRecord(null, new byte[] {9}, 0, List.of(), 42L);
        ProducePlan plan = ProducePlan.of(List.of(explicit(1), stamped, explicit(1), explicit(0)), topic(2), null,
                new Partitioner(), NOW);

        assertThat(plan.requests().keySet()).containsExactly(1, 0);
        assertThat(records(plan, 0)).extracting(r -> r.timestamp()).containsExactly(42L, NOW);
        assertThat(records(plan, 0).get(0).value()).containsExactly(9);
        assertThat(records(plan, 1)).hasSize(2);
    }

    @Test
    void aRecordThatAloneOutgrowsMaxMessageBytesRefusesTheRequestNamingItsIndexInTheRequest() {
        TopicView small = Snapshots.topic("small", Map.of("max.message.bytes", "100"), 1, 1);
        EncodedRecord big = new EncodedRecord(null, new byte[32], 1, List.of(), null);
        ProducePlan fits = ProducePlan.of(List.of(explicit(1), big), small, null, new Partitioner(), NOW);
        assertThat(records(fits, 1)).hasSize(2);

        EncodedRecord tooBig = new EncodedRecord(null, new byte[33], 1, List.of(), null);
        assertThatThrownBy(() -> ProducePlan.of(List.of(explicit(0), explicit(1), tooBig), small, null,
                new Partitioner(), NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
                    assertThat(e.getMessage()).contains("records[2]", "allows 100 (max.message.bytes)");
                });
    }

    @Test
    void offsetsComeBackInRequestOrderWithBaseOffsetPlusPositionAndFailuresInBand() {
        ProducePlan plan = ProducePlan.of(List.of(explicit(1), explicit(0), explicit(1), explicit(2), explicit(0)),
                topic(3), null, new Partitioner(), NOW);
        Map<Integer, StorageResult<AppendResponse>> outcomes = new HashMap<>();
        outcomes.put(0, new StorageResult.Ok<>(new AppendResponse(100, 3)));
        outcomes.put(1, new StorageResult.Ok<>(new AppendResponse(7, 3)));
        outcomes.put(2, StorageResult.failed(ErrorCode.NO_STORAGE_NODE, "node 2 is down"));

        List<PartitionOffset> offsets = plan.offsets(outcomes);

        assertThat(offsets).containsExactly(
                PartitionOffset.written(1, 7),
                PartitionOffset.written(0, 100),
                PartitionOffset.written(1, 8),
                PartitionOffset.failed(50302, "node 2 is down"),
                PartitionOffset.written(0, 101));
    }
}
