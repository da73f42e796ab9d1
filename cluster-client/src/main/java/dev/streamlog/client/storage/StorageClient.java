package dev.streamlog.client.storage;

import dev.streamlog.model.Acks;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.model.internal.OffsetForTimestamp;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.v2.PartitionOffsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The storage node's internal API ({@code /internal/v1/partitions/…}) as the gateway and the consumer coordinator call it, asynchronously.
 * The futures always complete normally (failures are {@link StorageResult.Failed}) and always complete: every call
 * has a timeout. The production implementation is {@link HttpStorageClient}. Implementations are thread-safe.
 */
public interface StorageClient {

    /**
     * One entry of {@link #appendAll}.
     *
     * @param partition the partition
     * @param batches   the records to append to it
     */
    record PartitionBatches(TopicPartition partition, RecordBatches batches) {
    }

    /**
     * Appends record batches to a partition on the node at {@code baseUrl} ({@code http://host:port}), answered
     * once they are as durable as {@code acks} asks. Encode them for the topic's {@code max.message.bytes}: the
     * leader refuses (413) a batch larger than that, and appends nothing of the request.
     */
    CompletableFuture<StorageResult<AppendResponse>> append(String baseUrl, TopicPartition partition,
                                                            RecordBatches batches, Acks acks);

    /**
     * Appends to several partitions the node at {@code baseUrl} leads in one request, each entry as
     * {@link #append} would, with its own result in the order given (the same partition may come more than once;
     * its entries are appended in order). This default makes one {@link #append} per entry; an implementation that
     * can send them together overrides it.
     */
    default CompletableFuture<List<StorageResult<AppendResponse>>> appendAll(String baseUrl,
                                                                            List<PartitionBatches> appends,
                                                                            Acks acks) {
        List<CompletableFuture<StorageResult<AppendResponse>>> each = appends.stream()
                .map(append -> append(baseUrl, append.partition(), append.batches(), acks))
                .toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Reads records from {@code offset}, at most about {@code maxBytes}, waiting up to {@code wait} when there is
     * nothing at that offset yet.
     */
    CompletableFuture<StorageResult<ReadResponse>> read(String baseUrl, TopicPartition partition, long offset,
                                                        int maxBytes, Duration wait);

    /** The partition's log start offset and high watermark. */
    CompletableFuture<StorageResult<PartitionOffsets>> offsets(String baseUrl, TopicPartition partition);

    /** The first committed offset at or after {@code timestamp} (the high watermark when none). */
    CompletableFuture<StorageResult<OffsetForTimestamp>> offsetForTimestamp(String baseUrl, TopicPartition partition,
                                                                            long timestamp);
}
