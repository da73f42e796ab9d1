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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a call to a partition's leader: the leader comes from the metadata snapshot (no leader → 404/40404; a
 * leader that is not registered, i.e. down → 503/50302, without trying to connect). When the node answers that it
 * is not the leader (421), the partition state is re-read from ZooKeeper (not the cache, which may lag) and the
 * call is retried once at the leader it names; a second refusal → 503/50003. A leader that does not know the
 * partition yet ({@link StorageResult.NotReady}: it has not caught up with a topic just created) is asked again
 * after a short pause, a bounded number of times, then → 503/50003. Thread-safe.
 */
public class PartitionRouter {

    private static final Logger log = LoggerFactory.getLogger(PartitionRouter.class);

    /** How long a leader that does not know a partition yet gets in total: 20 tries, 100 ms apart. */
    private static final int NOT_READY_ATTEMPTS = 20;
    private static final Duration NOT_READY_PAUSE = Duration.ofMillis(100);

    private final ClusterMetadata metadata;
    private final int notReadyAttempts;
    private final Executor afterPause;

    public PartitionRouter(ClusterMetadata metadata) {
        this(metadata, NOT_READY_ATTEMPTS, NOT_READY_PAUSE);
    }

    PartitionRouter(ClusterMetadata metadata, int notReadyAttempts, Duration notReadyPause) {
        this.metadata = metadata;
        this.notReadyAttempts = notReadyAttempts;
        this.afterPause = CompletableFuture.delayedExecutor(notReadyPause.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Calls {@code call} with the base URL of the partition's leader, retrying once on a "not leader" answer.
     * The future always completes normally.
     */
    public <T> CompletableFuture<StorageResult<T>> route(TopicPartition partition,
                                                         Function<String, CompletableFuture<StorageResult<T>>> call) {
        return routeUntilReady(partition, call, 1);
    }

    private <T> CompletableFuture<StorageResult<T>> routeUntilReady(
            TopicPartition partition, Function<String, CompletableFuture<StorageResult<T>>> call, int attempt) {
        return routeOnce(partition, call).thenCompose(result -> {
            if (!(result instanceof StorageResult.NotReady<T> notReady)) {
                return CompletableFuture.completedFuture(result);
            }
            if (attempt >= notReadyAttempts) {
                return CompletableFuture.completedFuture(StorageResult.failed(ErrorCode.RETRIABLE, notReady.message()));
            }
            return CompletableFuture.supplyAsync(() -> attempt + 1, afterPause)
                    .thenCompose(next -> routeUntilReady(partition, call, next));
        });
    }

    private <T> CompletableFuture<StorageResult<T>> routeOnce(TopicPartition partition,
                                                              Function<String, CompletableFuture<StorageResult<T>>> call) {
        ClusterSnapshot snapshot = metadata.snapshot();
        Optional<PartitionState> state = snapshot.topic(partition.topic()).flatMap(t -> t.state(partition.partition()));
        return attempt(snapshot, partition, state, call).thenCompose(first -> {
            if (!(first instanceof StorageResult.NotLeader<T> notLeader)) {
                return CompletableFuture.completedFuture(first);
            }
            log.info("Storage node refused {} as not its leader ({}); re-reading its state and retrying",
                    partition, notLeader.message());
            return metadata.freshPartitionState(partition.topic(), partition.partition())
                    .handle((fresh, error) -> error != null
                            ? CompletableFuture.completedFuture(StorageResult.<T>failed(ErrorCode.RETRIABLE,
                                    "the leader of " + partition + " moved and its new state could not be read: "
                                            + error.getMessage() + "; retry"))
                            : attempt(metadata.snapshot(), partition, fresh, call))
                    .thenCompose(Function.identity())
                    .thenApply(second -> second instanceof StorageResult.NotLeader<T> again
                            ? StorageResult.<T>failed(ErrorCode.RETRIABLE, "the leader of " + partition
                                    + " is moving (" + again.message() + "); retry")
                            : second);
        });
    }

    private static <T> CompletableFuture<StorageResult<T>> attempt(
            ClusterSnapshot snapshot, TopicPartition partition, Optional<PartitionState> state,
            Function<String, CompletableFuture<StorageResult<T>>> call) {
        if (state.isEmpty() || !state.get().hasLeader()) {
            return CompletableFuture.completedFuture(StorageResult.failed(ErrorCode.LEADER_NOT_AVAILABLE,
                    "partition " + partition + " has no leader (offline)"));
        }
        int leader = state.get().leader();
        Optional<BrokerRegistration> broker = snapshot.broker(leader);
        if (broker.isEmpty()) {
            return CompletableFuture.completedFuture(StorageResult.failed(ErrorCode.NO_STORAGE_NODE,
                    "storage node " + leader + ", the leader of " + partition + ", is down (not registered)"));
        }
        return call.apply(broker.get().baseUrl());
    }
}
