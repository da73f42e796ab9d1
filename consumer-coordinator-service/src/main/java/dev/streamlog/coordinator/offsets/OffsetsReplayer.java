package dev.streamlog.coordinator.offsets;

import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.internal.StoredRecord;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;


/**
 * Reads one {@code __consumer_offsets} partition from its log start through a given offset (the
 * epoch marker the new owner just appended) and hands every record it understands, with its log
 * offset, in log order, to a {@link Replayed}. Reads go to the partition's leader and see only replicated records; an empty
 * answer before the target (a new leader's high watermark may trail briefly) is retried after a
 * short pause. Blocking: it runs on the coordinator's loading thread, bounded by a deadline.
 *
 * <p>Thread-safe (stateless apart from its collaborators).
 */
public final class OffsetsReplayer {

    private static final int READ_BYTES = 1 << 20;
    private static final Duration EMPTY_PAUSE = Duration.ofMillis(100);

    private final PartitionRouter router;
    private final StorageClient storage;
    private final OffsetsRecordCodec codec;

    public OffsetsReplayer(PartitionRouter router, StorageClient storage, OffsetsRecordCodec codec) {
        this.router = router;
        this.storage = storage;
        this.codec = codec;
    }

    /**
     * Replays {@code partition} up to and including {@code through}.
     *
     * @throws OffsetsStorageException when a read fails or the deadline passes first
     * @throws InterruptedException    when the loading thread is interrupted (the lease was given up)
     */
    public void replay(TopicPartition partition, long through, Replayed into, long deadlineNanos)
            throws InterruptedException {
        long offset = ok(partition, router.route(partition, leader -> storage.offsets(leader, partition)),
                deadlineNanos).beginningOffset();
        while (offset <= through) {
            long from = offset;
            ReadResponse answer = ok(partition, router.route(partition,
                    leader -> storage.read(leader, partition, from, READ_BYTES, Duration.ZERO)), deadlineNanos);
            if (answer.records().isEmpty()) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new OffsetsStorageException(null, partition + " ends at " + offset
                            + " but the epoch marker is at " + through);
                }
                Thread.sleep(EMPTY_PAUSE.toMillis());
                continue;
            }
            for (StoredRecord record : answer.records()) {
                long at = record.offset();
                codec.decode(record).ifPresent(decoded -> into.accept(decoded, at));
                offset = record.offset() + 1;
            }
        }
    }

    /** Receives each replayed record and its offset in the log. */
    @FunctionalInterface
    public interface Replayed {
        void accept(OffsetsRecord record, long logOffset);
    }

    private static <T> T ok(TopicPartition partition, CompletableFuture<StorageResult<T>> call, long deadlineNanos)
            throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        try {
            StorageResult<T> result = call.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (result instanceof StorageResult.Ok<T> ok) {
                return ok.value();
            }
            throw OffsetsStorageException.of(partition, result);
        } catch (ExecutionException e) {
            throw new OffsetsStorageException(null, "reading " + partition + " failed: " + e.getCause());
        } catch (TimeoutException e) {
            call.cancel(false);
            throw new OffsetsStorageException(null, "loading " + partition + " did not finish in time");
        }
    }
}
