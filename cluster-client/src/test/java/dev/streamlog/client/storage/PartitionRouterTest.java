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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing to the leader, offline and down leaders, and the one retry after "not leader". */
class PartitionRouterTest {

    private static final String NODE_1 = "http://127.0.0.1:9091";
    private static final String NODE_2 = "http://127.0.0.1:9092";

    private final FakeClusterMetadata metadata = new FakeClusterMetadata();
    private final PartitionRouter router = new PartitionRouter(metadata);
    private final List<String> called = new ArrayList<>();

    @BeforeEach
    void twoBrokersAndATopic() {
        metadata.set(Snapshots.cluster(Map.of(1, Snapshots.broker(9091), 2, Snapshots.broker(9092)),
                Snapshots.topic("t", Map.of(), 1, 2, -1, 3)));
    }

    private StorageResult<String> route(int partition, Map<String, StorageResult<String>> answers) {
        return router.<String>route(new TopicPartition("t", partition), url -> {
            called.add(url);
            return CompletableFuture.completedFuture(answers.getOrDefault(url, new StorageResult.Ok<>("from " + url)));
        }).join();
    }

    @Test
    void callsGoToThePartitionsLeader() {
        assertThat(route(0, Map.of())).isEqualTo(new StorageResult.Ok<>("from " + NODE_1));
        assertThat(route(1, Map.of())).isEqualTo(new StorageResult.Ok<>("from " + NODE_2));
        assertThat(called).containsExactly(NODE_1, NODE_2);
    }

    @Test
    void anOfflinePartitionHasNoLeaderAndNothingIsCalled() {
        StorageResult<String> result = route(2, Map.of());

        assertThat(((StorageResult.Failed<String>) result).code()).isEqualTo(ErrorCode.LEADER_NOT_AVAILABLE);
        assertThat(called).isEmpty();
    }

    @Test
    void aLeaderThatIsNotRegisteredIsDownAndNothingIsCalled() {
        StorageResult<String> result = route(3, Map.of());

        assertThat(((StorageResult.Failed<String>) result).code()).isEqualTo(ErrorCode.NO_STORAGE_NODE);
        assertThat(called).isEmpty();
    }

    @Test
    void notLeaderRereadsTheStateAndRetriesOnceAtTheNewLeader() {
        metadata.setFresh("t", 0, new PartitionState(2, 1, List.of(2), 1));

        StorageResult<String> result = route(0, Map.of(NODE_1, new StorageResult.NotLeader<>(2, "moved")));

        assertThat(result).isEqualTo(new StorageResult.Ok<>("from " + NODE_2));
        assertThat(called).containsExactly(NODE_1, NODE_2);
    }

    @Test
    void aSecondNotLeaderIsRetriable() {
        StorageResult<String> result = route(0, Map.of(NODE_1, new StorageResult.NotLeader<>(null, "not me")));

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

        StorageResult<String> result = new PartitionRouter(broken).<String>route(new TopicPartition("t", 0),
                url -> CompletableFuture.completedFuture(new StorageResult.NotLeader<>(null, "no"))).join();

        assertThat(((StorageResult.Failed<String>) result).code()).isEqualTo(ErrorCode.RETRIABLE);
        assertThat(((StorageResult.Failed<String>) result).message()).contains("ZooKeeper is away");
    }

    @Test
    void aLeaderThatIsNotReadyIsAskedAgainUntilItIs() {
        List<StorageResult<String>> answers = new ArrayList<>(List.of(
                new StorageResult.NotReady<>("not yet"), new StorageResult.NotReady<>("not yet")));
        PartitionRouter patient = new PartitionRouter(metadata, 5, Duration.ofMillis(1));

        StorageResult<String> result = patient.<String>route(new TopicPartition("t", 0), url -> {
            called.add(url);
            return CompletableFuture.completedFuture(answers.isEmpty() ? new StorageResult.Ok<>("ready")
                    : answers.remove(0));
        }).join();

        assertThat(result).isEqualTo(new StorageResult.Ok<>("ready"));
        assertThat(called).containsExactly(NODE_1, NODE_1, NODE_1);
    }

    @Test
    void aLeaderThatStaysNotReadyIsRetriableAfterTheLastTry() {
        PartitionRouter patient = new PartitionRouter(metadata, 3, Duration.ofMillis(1));

        StorageResult<String> result = patient.<String>route(new TopicPartition("t", 0), url -> {
            called.add(url);
            return CompletableFuture.completedFuture(new StorageResult.NotReady<>("still not"));
        }).join();

        assertThat(result).isEqualTo(StorageResult.failed(ErrorCode.RETRIABLE, "still not"));
        assertThat(called).hasSize(3);
    }
}
