package dev.streamlog.client.storage;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.ClusterSnapshot;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a call to a partition's leader, and asks again while the failure is one that left nothing done and clears
 * by itself ({@link StorageResult.NotLeader}, {@link StorageResult.Unavailable}): a topic just created whose
 * states or replicas are not there yet, a leader that moved or is being elected, a node restarting, too few
 * in-sync replicas for a moment. Kafka's producer does the same with retriable errors until its
 * {@code delivery.timeout.ms}.
 *
 * <p>The first try uses the leader of the metadata snapshot; every later try re-reads the partition's state from
 * ZooKeeper (the cache may lag), immediately after a "not leader" or a partition the snapshot shows without a
 * leader (this one re-read is made whatever the patience), then after a pause that doubles from 50 ms to 1 s. No
 * paused try starts once the call's patience is spent:
 * {@link #deliver} (appends) is patient for the delivery timeout, {@link #route} (reads and offset lookups,
 * which a client repeats anyway) for {@link #READ_PATIENCE}. What is still unavailable then becomes a
 * {@link StorageResult.Failed} with the last reason's code: 404/40404 no leader, 503/50302 leader down, else
 * 503/50003. Thread-safe.
 */
public class PartitionRouter {

    private static final Logger log = LoggerFactory.getLogger(PartitionRouter.class);

    /** How long a read waits for a partition to become available. */
    public static final Duration READ_PATIENCE = Duration.ofSeconds(2);
    private static final long FIRST_PAUSE_MS = 50;
    private static final long LONGEST_PAUSE_MS = 1000;

    private final ClusterMetadata metadata;
    private final Duration deliveryTimeout;
    private final Duration readPatience;
    private final LongSupplier nanoTime;

    /**
     * @param metadata        where leaders come from
     * @param deliveryTimeout how long {@link #deliver} keeps asking
     */
    public PartitionRouter(ClusterMetadata metadata, Duration deliveryTimeout) {
        this(metadata, deliveryTimeout, READ_PATIENCE, System::nanoTime);
    }

    PartitionRouter(ClusterMetadata metadata, Duration deliveryTimeout, Duration readPatience, LongSupplier nanoTime) {
        this.metadata = metadata;
        this.deliveryTimeout = deliveryTimeout;
        this.readPatience = readPatience;
        this.nanoTime = nanoTime;
    }

    /** Calls {@code call} with the base URL of the partition's leader, for a read. The future completes normally. */
    public <T> CompletableFuture<StorageResult<T>> route(TopicPartition partition,
                                                         Function<String, CompletableFuture<StorageResult<T>>> call) {
        return send(partition, call, readPatience);
    }

    /**
     * Calls {@code call} with the base URL of the partition's leader, for an append: asks again within the delivery
     * timeout. The future completes normally.
     */
    public <T> CompletableFuture<StorageResult<T>> deliver(TopicPartition partition,
                                                           Function<String, CompletableFuture<StorageResult<T>>> call) {
        return send(partition, call, deliveryTimeout);
    }

    private <T> CompletableFuture<StorageResult<T>> send(TopicPartition partition,
                                                         Function<String, CompletableFuture<StorageResult<T>>> call,
                                                         Duration patience) {
        long deadline = nanoTime.getAsLong() + patience.toNanos();
        ClusterSnapshot snapshot = metadata.snapshot();
        Optional<PartitionState> state = snapshot.topic(partition.topic()).flatMap(t -> t.state(partition.partition()));
        return attempt(snapshot, partition, state, call)
                .thenCompose(result -> retryIfWorthIt(partition, call, result, 1, deadline));
    }

    private <T> CompletableFuture<StorageResult<T>> retryIfWorthIt(
            TopicPartition partition, Function<String, CompletableFuture<StorageResult<T>>> call,
            StorageResult<T> result, int tries, long deadline) {
        if (!(result instanceof StorageResult.NotLeader<T>) && !(result instanceof StorageResult.Unavailable<T>)) {
            return CompletableFuture.completedFuture(result);
        }
        long pauseMs = pauseBefore(tries + 1, result);
        if (pauseMs > 0 && nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(pauseMs) >= deadline) {
            return CompletableFuture.completedFuture(given(partition, result));
        }
        if (tries == 1) {
            log.debug("Routing {} again: {}", partition, result);
        }
        return CompletableFuture.supplyAsync(() -> partition,
                        CompletableFuture.delayedExecutor(pauseMs, TimeUnit.MILLISECONDS))
                .thenCompose(p -> metadata.freshPartitionState(p.topic(), p.partition()))
                .handle((fresh, error) -> error != null
                        ? CompletableFuture.completedFuture(StorageResult.<T>unavailable(ErrorCode.RETRIABLE,
                                "the state of " + partition + " could not be read from ZooKeeper ("
                                        + rootMessage(error) + "); retry"))
                        : attempt(metadata.snapshot(), partition, fresh, call))
                .thenCompose(Function.identity())
                .thenCompose(next -> retryIfWorthIt(partition, call, next, tries + 1, deadline));
    }

    /**
     * The pause before try {@code n} (from 2): none when the snapshot's leader refused or was missing on the first
     * try (its state is re-read at once), then 50 ms doubling up to 1 s.
     */
    private static long pauseBefore(int n, StorageResult<?> previous) {
        boolean stale = previous instanceof StorageResult.NotLeader<?>
                || previous instanceof StorageResult.Unavailable<?> u && u.code() == ErrorCode.LEADER_NOT_AVAILABLE;
        if (n == 2 && stale) {
            return 0;
        }
        return Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS << Math.min(10, n - 2));
    }

    /** The message of the innermost cause, which names what went wrong without the exception classes around it. */
    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static <T> StorageResult<T> given(TopicPartition partition, StorageResult<T> last) {
        if (last instanceof StorageResult.NotLeader<T> notLeader) {
            return StorageResult.failed(ErrorCode.RETRIABLE, "the leader of " + partition + " is moving ("
                    + notLeader.message() + "); retry");
        }
        StorageResult.Unavailable<T> unavailable = (StorageResult.Unavailable<T>) last;
        return StorageResult.failed(unavailable.code(), unavailable.message());
    }

    private static <T> CompletableFuture<StorageResult<T>> attempt(
            ClusterSnapshot snapshot, TopicPartition partition, Optional<PartitionState> state,
            Function<String, CompletableFuture<StorageResult<T>>> call) {
        if (state.isEmpty() || !state.get().hasLeader()) {
            return CompletableFuture.completedFuture(StorageResult.unavailable(ErrorCode.LEADER_NOT_AVAILABLE,
                    "partition " + partition + " has no leader (offline)"));
        }
        int leader = state.get().leader();
        Optional<BrokerRegistration> broker = snapshot.broker(leader);
        if (broker.isEmpty()) {
            return CompletableFuture.completedFuture(StorageResult.unavailable(ErrorCode.NO_STORAGE_NODE,
                    "storage node " + leader + ", the leader of " + partition + ", is down (not registered)"));
        }
        return call.apply(broker.get().baseUrl());
    }
}
