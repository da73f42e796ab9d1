package dev.streamlog.coordinator.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.client.fixtures.FakeClusterMetadata;
import dev.streamlog.client.fixtures.FakeStorageClient;
import dev.streamlog.client.fixtures.Snapshots;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.OffsetsTopic;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.AppendRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the writer sends (record batches at the limit it is given) and how it fails records it cannot send. */
class OffsetsWriterTest {

    private static final TopicPartition PARTITION = new TopicPartition(OffsetsTopic.NAME, 0);

    private final FakeClusterMetadata metadata = new FakeClusterMetadata();
    private final FakeStorageClient storage = new FakeStorageClient();
    private final AtomicInteger limit = new AtomicInteger(1 << 20);

    @BeforeEach
    void aLeader() {
        metadata.set(Snapshots.cluster(Map.of(1, Snapshots.broker(9091)),
                Snapshots.topic(OffsetsTopic.NAME, Map.of(), 1)));
    }

    private OffsetsWriter writer() {
        return new OffsetsWriter(PARTITION, new PartitionRouter(metadata, Duration.ZERO), storage, limit::get);
    }

    private static AppendRecord record(int valueBytes) {
        return new AppendRecord(new byte[] {1}, new byte[valueBytes], List.of(), 5);
    }

    private static ErrorCode failure(CompletableFuture<Long> offset) throws Exception {
        try {
            offset.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return ((OffsetsStorageException) e.getCause()).errorCode();
        }
        throw new AssertionError("expected a failure, got offset " + offset.join());
    }

    @Test
    void recordsAreAppendedInOrderAndGetConsecutiveOffsets() throws Exception {
        OffsetsWriter writer = writer();
        assertThat(writer.append(record(10)).get(10, TimeUnit.SECONDS)).isZero();
        assertThat(writer.append(record(10)).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(storage.log(OffsetsTopic.NAME, 0)).hasSize(2);
    }

    @Test
    void aRecordTooLargeForABatchFailsAloneAsTooLargeAndTheWriterGoesOn() throws Exception {
        limit.set(200);
        OffsetsWriter writer = writer();
        assertThat(failure(writer.append(record(500)))).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(writer.append(record(10)).get(10, TimeUnit.SECONDS)).isZero();
        assertThat(storage.log(OffsetsTopic.NAME, 0)).hasSize(1);
    }

    @Test
    void aFailureBeforeSendingFailsTheQueuedRecordsAndTheWriterGoesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        OffsetsWriter writer = new OffsetsWriter(PARTITION, new PartitionRouter(metadata, Duration.ZERO), storage, () -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("metadata not there yet");
            }
            return 1 << 20;
        });
        assertThat(failure(writer.append(record(10)))).isEqualTo(ErrorCode.RETRIABLE);
        assertThat(writer.append(record(10)).get(10, TimeUnit.SECONDS)).isZero();
    }
}
