package dev.streamlog.coordinator.ownership;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.coordinator.group.PartitionGroups;
import dev.streamlog.coordinator.offsets.OffsetsRecord;
import dev.streamlog.coordinator.offsets.OffsetsRecordCodec;
import dev.streamlog.coordinator.offsets.OffsetsReplayer;
import dev.streamlog.coordinator.offsets.OffsetsStorageException;
import dev.streamlog.coordinator.offsets.OffsetsWriter;
import dev.streamlog.model.OffsetsTopic;
import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicPartition;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads a {@code __consumer_offsets} partition whose lease this coordinator just took: appends an
 * epoch marker with the lease's epoch (acks=all), then replays the partition through that marker
 * into a fresh {@link PartitionGroups}. Blocking, bounded by {@code load-timeout}; runs on the
 * loading thread. Thread-safe (stateless apart from its collaborators).
 */
public final class OffsetsPartitionLoader {

    private final ClusterMetadata metadata;
    private final PartitionRouter router;
    private final StorageClient storage;
    private final OffsetsRecordCodec codec;
    private final OffsetsReplayer replayer;
    private final Clock clock;
    private final Duration timeout;

    public OffsetsPartitionLoader(ClusterMetadata metadata, PartitionRouter router, StorageClient storage,
                                  OffsetsRecordCodec codec, Clock clock, Duration timeout) {
        this.metadata = metadata;
        this.router = router;
        this.storage = storage;
        this.codec = codec;
        this.replayer = new OffsetsReplayer(router, storage, codec);
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * @throws OffsetsStorageException when the marker cannot be written or the replay fails or times out
     * @throws InterruptedException    when the lease is given up meanwhile
     */
    OwnedPartition load(int partition, long epoch, String coordinatorId) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        TopicPartition topicPartition = new TopicPartition(OffsetsTopic.NAME, partition);
        OffsetsWriter writer = new OffsetsWriter(topicPartition, router, storage, this::maxBatchBytes);
        long marker;
        try {
            marker = writer.append(codec.encode(new OffsetsRecord.EpochMarker(coordinatorId, epoch), clock.millis()))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof OffsetsStorageException storageFailure ? storageFailure
                    : new OffsetsStorageException(null, "writing the epoch marker failed: " + e.getCause());
        } catch (TimeoutException e) {
            throw new OffsetsStorageException(null, "writing the epoch marker to " + topicPartition
                    + " took longer than " + timeout);
        }
        PartitionGroups groups = new PartitionGroups(clock.millis());
        replayer.replay(topicPartition, marker, groups::replay, deadline);
        return new OwnedPartition(partition, epoch, groups, writer);
    }

    /** {@code __consumer_offsets}' {@code max.message.bytes} as last seen, the default before the topic is seen. */
    private int maxBatchBytes() {
        return metadata.snapshot().topic(OffsetsTopic.NAME).map(TopicView::maxMessageBytes)
                .orElseGet(() -> Integer.parseInt(TopicConfigs.defaultValue(TopicConfigs.MAX_MESSAGE_BYTES)
                        .orElseThrow()));
    }
}
