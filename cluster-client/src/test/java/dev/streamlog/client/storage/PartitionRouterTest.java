package dev.streamlog.client.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.client.fixtures.FakeClusterMetadata;
import dev.streamlog.client.fixtures.Snapshots;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.PartitionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing to the leader; the immediate re-read after "not leader" or a missing leader; asking again while the
 * leader is unavailable, within the call's patience; what is given up with.
 */
class PartitionRouterTest {

    private static final String NODE_1 = "http://127.0.0.1:9091";
    private static final String NODE_2 = "http://127.0.0.1:9092";
    private static final TopicPartition T0 = new TopicPartition("t", 0);

    private final FakeClusterMetadata metadata = new FakeClusterMetadata();
    /** No patience: only the immediate re-read. */
    private final PartitionRouter impatient = router(Duration.ZERO);
    private final List<String> called = new CopyOnWriteArrayList<>();

    @BeforeEach
    void twoBrokersAndATopic() {
        metadata.set(Snapshots.cluster(Map.of(1, Snapshots.broker(9091), 2, Snapshots.broker(9092)),
                Snapshots.topic("t", Map.of(), 1, 2, -1, 3)));
    }

    private PartitionRouter router(Duration patience) {
        return new PartitionRouter(metadata, patience, patience, System::nanoTime);
    }

    private StorageResult<String> route(PartitionRouter router, int partition, Map<String, StorageResult<String>> answers) {
        return router.<String>route(new TopicPartition("t", partition), url -> {
            called.add(url);
            return CompletableFuture.completedFuture(answers.getOrDefault(url, new StorageResult.Ok<>("from " + url)));
        }).join();
    }

    /** Answers the given results in turn, then Ok. */
    private StorageResult<String> deliverAnswering(PartitionRouter router, List<StorageResult<String>> answers) {
        List<StorageResult<String>> left = new ArrayList<>(answers);
        return router.<String>deliver(T0, url -> {
            called.add(url);
            return CompletableFuture.completedFuture(left.isEmpty() ? new StorageResult.Ok<>("written")
                    : left.remove(0));
        }).join();
    }

    @Test
    void callsGoToThePartitionsLeader() {
        assertThat(route(impatient, 0, Map.of())).isEqualTo(new StorageResult.Ok<>("from " + NODE_1));
        assertThat(route(impatient, 1, Map.of())).isEqualTo(new StorageResult.Ok<>("from " + NODE_2));
        assertThat(called).containsExactly(NODE_1, NODE_2);
    }

    @Test
    void anOfflinePartitionHasNoLeaderAndNothingIsCalled() {
        StorageResult<String> result = route(impatient, 2, Map.of());

        assertThat(((StorageResult.Failed<String>) result).code()).isEqualTo(ErrorCode.LEADER_NOT_AVAILABLE);
        assertThat(called).isEmpty();
    }

    @Test
    void aPartitionTheSnapshotShowsWithoutALeaderIsReadFreshAtOnce() {
        metadata.setFresh("t", 2, new PartitionState(2, 0, List.of(2), 1));

        assertThat(route(impatient, 2, Map.of())).isEqualTo(new StorageResult.Ok<>("from " + NODE_2));
    }

    @Test
    void aLeaderThatIsNotRegisteredIsDownAndNothingIsCalled() {
        StorageResult<String> result = route(impatient, 3, Map.of());

        assertThat(((StorageResult.Failed<String>) result).code()).isEqualTo(ErrorCode.NO_STORAGE_NODE);
        assertThat(called).isEmpty();
    }

    @Test
    void notLeaderRereadsTheStateAndRetriesAtOnceAtTheNewLeader() {
        metadata.setFresh("t", 0, new PartitionState(2, 1, List.of(2), 1));

        StorageResult<String> result = route(impatient, 0, Map.of(NODE_1, new StorageResult.NotLeader<>(2, "moved")));

        assertThat(result).isEqualTo(new StorageResult.Ok<>("from " + NODE_2));
        assertThat(called).containsExactly(NODE_1, NODE_2);
    }

    @Test
    void aSecondNotLeaderWithoutPatienceIsRetriable() {
        StorageResult<String> result = route(impatient, 0, Map.of(NODE_1, new StorageResult.NotLeader<>(null, "not me")));

        assertThat(((StorageResult.Failed<String>) result).code()).isEqualTo(ErrorCode.RETRIABLE);
        assertThat(called).containsExactly(NODE_1, NODE_1);
    }

    @Test
    void aFailedStateReadIsRetriable() {
        FakeClusterMetadata broken = new FakeClusterMetadata() {
            @Override
            public CompletableFuture<Optional<PartitionState>> freshPartitionState(String topic, int partition) {
                return CompletableFuture.failedFuture(new IllegalStateException("ZooKeeper is away"));
            }
        };
        broken.set(metadata.snapshot());

        StorageResult<String> result = new PartitionRouter(broken, Duration.ZERO).<String>route(T0,
                url -> CompletableFuture.completedFuture(new StorageResult.NotLeader<>(null, "no"))).join();

        assertThat(((StorageResult.Failed<String>) result).code()).isEqualTo(ErrorCode.RETRIABLE);
        assertThat(((StorageResult.Failed<String>) result).message()).contains("ZooKeeper is away");
    }

    @Test
    void anUnavailableLeaderIsAskedAgainUntilItServes() {
        StorageResult<String> result = deliverAnswering(router(Duration.ofSeconds(5)), List.of(
                new StorageResult.Unavailable<>(ErrorCode.RETRIABLE, "not yet"),
                new StorageResult.Unavailable<>(ErrorCode.NO_STORAGE_NODE, "refused"),
                new StorageResult.NotLeader<>(null, "not me yet")));

        assertThat(result).isEqualTo(new StorageResult.Ok<>("written"));
        assertThat(called).containsExactly(NODE_1, NODE_1, NODE_1, NODE_1);
    }

    @Test
    void whatStaysUnavailableIsGivenUpWithItsCodeOnceThePatienceIsSpent() {
        PartitionRouter router = router(Duration.ofMillis(300));
        long start = System.nanoTime();

        StorageResult<String> result = router.<String>deliver(T0, url -> {
            called.add(url);
            return CompletableFuture.completedFuture(new StorageResult.Unavailable<>(ErrorCode.NO_STORAGE_NODE,
                    "still refused"));
        }).join();

        assertThat(result).isEqualTo(StorageResult.failed(ErrorCode.NO_STORAGE_NODE, "still refused"));
        assertThat(called).hasSizeBetween(2, 5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aFailureThatMayHaveWrittenIsNeverAskedAgain() {
        StorageResult<String> result = deliverAnswering(router(Duration.ofSeconds(5)), List.of(
                StorageResult.failed(ErrorCode.RETRIABLE, "acks=all timed out")));

        assertThat(result).isEqualTo(StorageResult.failed(ErrorCode.RETRIABLE, "acks=all timed out"));
        assertThat(called).containsExactly(NODE_1);
    }

    @Test
    void readsAreAskedAgainWithTheirOwnPatience() {
        PartitionRouter router = new PartitionRouter(metadata, Duration.ZERO, Duration.ofSeconds(5), System::nanoTime);
        List<StorageResult<String>> left = new ArrayList<>(List.of(
                new StorageResult.Unavailable<>(ErrorCode.RETRIABLE, "not yet")));

        StorageResult<String> result = router.<String>route(T0, url -> CompletableFuture.completedFuture(
                left.isEmpty() ? new StorageResult.Ok<>("read") : left.remove(0))).join();

        assertThat(result).isEqualTo(new StorageResult.Ok<>("read"));
    }
}
