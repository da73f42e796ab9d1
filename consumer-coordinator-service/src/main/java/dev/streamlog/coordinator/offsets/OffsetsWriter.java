package dev.streamlog.coordinator.offsets;

import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.model.Acks;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.BatchTooLargeException;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.AppendResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * Appends records to one {@code __consumer_offsets} partition with {@code acks=all}, one request
 * in flight at a time: what arrives while a request is out waits and goes in the next one (group
 * commit), so the log order is the order of {@link #append} calls and each future completes, in
 * that order, only after its record is replicated to the ISR. A failed request fails every record
 * in it with {@link OffsetsStorageException} (the records may or may not be in the log: an
 * acks=all timeout is ambiguous, as in Kafka). Once {@link #close closed} (the coordinator gave the
 * partition up) nothing more is acknowledged.
 *
 * <p>Thread-safe: the queue is guarded by this object's lock; futures complete outside it.
 */
public final class OffsetsWriter {

    private final TopicPartition partition;
    private final PartitionRouter router;
    private final StorageClient storage;
    private final IntSupplier maxBatchBytes;
    private List<Pending> queued = new ArrayList<>();
    private boolean inFlight;
    private boolean closed;

    /**
     * @param maxBatchBytes the partition's {@code max.message.bytes} at the time of each send: requests are encoded
     *                      as record batches no larger than that
     */
    public OffsetsWriter(TopicPartition partition, PartitionRouter router, StorageClient storage,
                         IntSupplier maxBatchBytes) {
        this.partition = partition;
        this.router = router;
        this.storage = storage;
        this.maxBatchBytes = maxBatchBytes;
    }

    /**
     * Appends {@code record}; completes with its offset once the ISR has it, or fails if this
     * writer is closed before (or when) the acknowledgement arrives.
     */
    public CompletableFuture<Long> append(AppendRecord record) {
        Pending pending = new Pending(record, new CompletableFuture<>());
        boolean send;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(closedError());
            }
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
        while (true) {
            List<Pending> batch;
            synchronized (this) {
                if (queued.isEmpty() || closed) {
                    inFlight = false;
                    return;
                }
                batch = queued;
                queued = new ArrayList<>();
            }
            try {
                RecordBatches request = RecordBatches.encode(batch.stream().map(Pending::record).toList(),
                        maxBatchBytes.getAsInt());
                router.deliver(partition, leader -> storage.append(leader, partition, request, Acks.ALL))
                        .whenComplete((result, failure) -> {
                            complete(batch, result, failure);
                            sendQueued();
                        });
                return;
            } catch (BatchTooLargeException e) {
                Pending tooLarge = batch.get(e.recordIndex());
                tooLarge.offset().completeExceptionally(new OffsetsStorageException(ErrorCode.TOO_LARGE,
                        "the change is too large for " + partition + ": " + e.getMessage()));
                List<Pending> others = new ArrayList<>(batch);
                others.remove(e.recordIndex());
                requeueFirst(others);
            } catch (RuntimeException e) {
                OffsetsStorageException error = new OffsetsStorageException(null, "appending to " + partition
                        + " failed before sending: " + e);
                batch.forEach(pending -> pending.offset().completeExceptionally(error));
            }
        }
    }

    /** Puts records back at the head of the queue, in their order, or fails them if this writer closed meanwhile. */
    private void requeueFirst(List<Pending> records) {
        synchronized (this) {
            if (!closed) {
                records.addAll(queued);
                queued = records;
                return;
            }
        }
        records.forEach(pending -> pending.offset().completeExceptionally(closedError()));
    }

    /**
     * Stops acknowledging: queued and later appends fail, and so do those in flight when their
     * answer comes (this coordinator gave the partition up, so a successor may not replay them).
     */
    public void close() {
        List<Pending> dropped;
        synchronized (this) {
            closed = true;
            dropped = queued;
            queued = new ArrayList<>();
        }
        dropped.forEach(pending -> pending.offset().completeExceptionally(closedError()));
    }

    private OffsetsStorageException closedError() {
        return new OffsetsStorageException(null, "this coordinator no longer owns " + partition
                + "; the change may or may not be applied; retry");
    }

    private void complete(List<Pending> batch, StorageResult<AppendResponse> result, Throwable failure) {
        boolean open;
        synchronized (this) {
            open = !closed;
        }
        if (!open) {
            batch.forEach(pending -> pending.offset().completeExceptionally(closedError()));
            return;
        }
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
