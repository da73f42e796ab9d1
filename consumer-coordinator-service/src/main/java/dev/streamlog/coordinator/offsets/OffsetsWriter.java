package dev.streamlog.coordinator.offsets;

import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.model.Acks;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.AppendRequest;
import dev.streamlog.model.internal.AppendResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Appends records to one {@code __consumer_offsets} partition with {@code acks=all}, one request
 * in flight at a time: what arrives while a request is out waits and goes in the next one (group
 * commit), so the log order is the order of {@link #append} calls and each future completes, in
 * that order, only after its record is replicated to the ISR. A failed request fails every record
 * in it with {@link OffsetsStorageException} (the records may or may not be in the log: an
 * acks=all timeout is ambiguous, as in Kafka).
 *
 * <p>Thread-safe: the queue is guarded by this object's lock; futures complete outside it.
 */
public final class OffsetsWriter {

    private final TopicPartition partition;
    private final PartitionRouter router;
    private final StorageClient storage;
    private List<Pending> queued = new ArrayList<>();
    private boolean inFlight;

    public OffsetsWriter(TopicPartition partition, PartitionRouter router, StorageClient storage) {
        this.partition = partition;
        this.router = router;
        this.storage = storage;
    }

    /** Appends {@code record}; completes with its offset once the ISR has it. */
    public CompletableFuture<Long> append(AppendRecord record) {
        Pending pending = new Pending(record, new CompletableFuture<>());
        boolean send;
        synchronized (this) {
            queued.add(pending);
            send = !inFlight;
            inFlight = true;
        }
        if (send) {
            sendQueued();
        }
        return pending.offset();
    }

    private void sendQueued() {
        List<Pending> batch;
        synchronized (this) {
            if (queued.isEmpty()) {
                inFlight = false;
                return;
            }
            batch = queued;
            queued = new ArrayList<>();
        }
        AppendRequest request = new AppendRequest(batch.stream().map(Pending::record).toList());
        router.route(partition, leader -> storage.append(leader, partition, request, Acks.ALL))
                .whenComplete((result, failure) -> {
                    complete(batch, result, failure);
                    sendQueued();
                });
    }

    private void complete(List<Pending> batch, StorageResult<AppendResponse> result, Throwable failure) {
        if (result instanceof StorageResult.Ok<AppendResponse> ok) {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).offset().complete(ok.value().baseOffset() + i);
            }
            return;
        }
        OffsetsStorageException error = failure != null
                ? new OffsetsStorageException(null, "appending to " + partition + " failed: " + failure)
                : OffsetsStorageException.of(partition, result);
        batch.forEach(pending -> pending.offset().completeExceptionally(error));
    }

    private record Pending(AppendRecord record, CompletableFuture<Long> offset) {
    }
}
