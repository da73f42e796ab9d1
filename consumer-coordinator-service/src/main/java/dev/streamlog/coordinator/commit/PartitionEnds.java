package dev.streamlog.coordinator.commit;

import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.coordinator.group.CoordinatorException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.v2.PartitionOffsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The beginning and end (high watermark) of user partitions, asked of their leaders in parallel:
 * every end ({@link #all}, failing with the first refusal), or those whose leaders answer
 * ({@link #readable}). Thread-safe.
 */
public final class PartitionEnds {

    private final PartitionRouter router;
    private final StorageClient storage;

    public PartitionEnds(PartitionRouter router, StorageClient storage) {
        this.router = router;
        this.storage = storage;
    }

    /**
     * Every partition's offsets; fails with a {@link CoordinatorException} (the leader's code, or
     * 503/50003) when one cannot be read.
     */
    public CompletableFuture<Map<TopicPartition, PartitionOffsets>> all(Collection<TopicPartition> partitions) {
        return ask(partitions).thenApply(answers -> {
            Map<TopicPartition, PartitionOffsets> ends = new HashMap<>();
            answers.forEach((partition, result) -> ends.put(partition, valueOf(partition, result)));
            return ends;
        });
    }

    /** The offsets of the partitions whose leaders answer; the others are left out. */
    public CompletableFuture<Map<TopicPartition, PartitionOffsets>> readable(Collection<TopicPartition> partitions) {
        return ask(partitions).thenApply(answers -> {
            Map<TopicPartition, PartitionOffsets> ends = new HashMap<>();
            answers.forEach((partition, result) -> {
                if (result instanceof StorageResult.Ok<PartitionOffsets> ok) {
                    ends.put(partition, ok.value());
                }
            });
            return ends;
        });
    }

    private CompletableFuture<Map<TopicPartition, StorageResult<PartitionOffsets>>> ask(
            Collection<TopicPartition> partitions) {
        Map<TopicPartition, StorageResult<PartitionOffsets>> answers = new HashMap<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            calls.add(router.route(partition, leader -> storage.offsets(leader, partition)).thenAccept(result -> {
                synchronized (answers) {
                    answers.put(partition, result);
                }
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            synchronized (answers) {
                return answers;
            }
        });
    }

    /** The value of a storage answer, or the refusal to answer for it (thrown). */
    public static <T> T valueOf(TopicPartition partition, StorageResult<T> result) {
        if (result instanceof StorageResult.Ok<T> ok) {
            return ok.value();
        }
        if (result instanceof StorageResult.Failed<T> failed) {
            throw new CoordinatorException(failed.code(), partition + ": " + failed.message());
        }
        throw new CoordinatorException(ErrorCode.RETRIABLE, "the leader of " + partition + " is moving; retry");
    }

    /** {@code failure} without the {@link CompletionException} wrapper a stage adds. */
    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
