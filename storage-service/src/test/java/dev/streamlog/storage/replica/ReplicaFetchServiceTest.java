package dev.streamlog.storage.replica;

import static dev.streamlog.storage.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.datadir.DataDir;
import dev.streamlog.storage.log.LogConfig;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.partition.HighWatermarkWaiters;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.Leadership;
import dev.streamlog.storage.partition.LogEndWaiters;
import dev.streamlog.storage.partition.PartitionRouter;
import dev.streamlog.storage.partition.PartitionSignals;
import dev.streamlog.storage.partition.RoutingTable;
import dev.streamlog.storage.partition.TestStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader's side of a multi-partition replica fetch, over real logs, with node 1 leading t-0 and t-1 in epoch 3. */
class ReplicaFetchServiceTest {

    private static final int EPOCH = 3;
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    @TempDir
    Path dir;

    private final LogEndWaiters waiters = new LogEndWaiters();
    private PartitionLog log0;
    private PartitionLog log1;
    private HostedPartition partition1;
    private PartitionSignals signals;
    private ReplicaFetchService service;

    @BeforeEach
    void lead() {
        StorageProperties properties = TestStorage.properties(1, dir, Duration.ofSeconds(5));
        log0 = PartitionLog.open(dir.resolve("t-0"), T0, LogConfig.defaults(), Clock.systemUTC(), Runnable::run);
        log1 = PartitionLog.open(dir.resolve("t-1"), T1, LogConfig.defaults(), Clock.systemUTC(), Runnable::run);
        HostedPartition partition0 = led(log0);
        partition1 = led(log1);
        PartitionRouter router = new PartitionRouter(properties, new DataDir(properties));
        router.publish(new RoutingTable(1, true, Map.of("t", new RoutingTable.TopicRoute(null, Map.of(
                0, new RoutingTable.PartitionRoute(1, EPOCH, partition0),
                1, new RoutingTable.PartitionRoute(1, EPOCH, partition1))))));
        waiters.start();
        signals = new PartitionSignals(new HighWatermarkWaiters(), waiters);
        service = new ReplicaFetchService(router, waiters, signals, mock(IsrMaintenance.class), Clock.systemUTC(),
                properties);
    }

    @AfterEach
    void close() {
        waiters.stop();
        log0.close();
        log1.close();
    }

    private static HostedPartition led(PartitionLog log) {
        HostedPartition partition = new HostedPartition(1, log);
        partition.apply(new Leadership(1, EPOCH, List.of(1, 2, 3), List.of(1, 2, 3), 0, 1), 0);
        return partition;
    }

    @Test
    void everyPartitionIsAnsweredInTheRequestsOrderWithTheBatchesOfThoseThatHaveNews() {
        log1.append(batch("a", 5, 1), EPOCH);
        List<PartitionFetch> answers = service.fetch(request(2, 1 << 20, position(T1, 0), position(T0, 0))).join();
        assertThat(answers).extracting(PartitionFetch::partition).containsExactly(T1, T0);
        assertThat(answers.get(0).fetched().logEndOffset()).isEqualTo(5);
        assertThat(answers.get(0).fetched().batches().remaining()).isPositive();
        assertThat(answers.get(1).isError()).isFalse();
        assertThat(answers.get(1).fetched().batches().remaining()).isZero();
    }

    @Test
    void aPositionInAnotherEpochIsAnsweredWithItsErrorAndTheOthersAreServed() {
        log0.append(batch("a", 2, 1), EPOCH);
        log1.append(batch("b", 2, 1), EPOCH);
        List<PartitionFetch> answers = service.fetch(request(2, 1 << 20,
                new FetchPosition(T0, EPOCH - 1, 0), position(T1, 0))).join();
        assertThat(answers.get(0).status()).isEqualTo(ErrorCode.FENCED.httpStatus());
        assertThat(answers.get(0).error()).contains("epoch 3, not 2");
        assertThat(answers.get(1).fetched().batches().remaining()).isPositive();
    }

    @Test
    void aBrokerThatIsNotAFollowerGetsNoRecords() {
        log0.append(batch("a", 2, 1), EPOCH);
        List<PartitionFetch> answers = service.fetch(request(7, 1 << 20, position(T0, 0))).join();
        assertThat(answers.get(0).status()).isEqualTo(ErrorCode.BAD_REQUEST.httpStatus());
        assertThat(answers.get(0).error()).contains("broker 7 is not a follower of t-0");
        assertThat(answers.get(0).fetched().batches().remaining()).isZero();
    }

    @Test
    void theByteBudgetCoversTheWholeAnswerYetTheFirstBatchAlwaysTravels() {
        log0.append(batch("a", 2, 1), EPOCH);
        log1.append(batch("b", 2, 1), EPOCH);
        List<PartitionFetch> answers = service.fetch(request(2, 1, position(T0, 0), position(T1, 0))).join();
        assertThat(answers.get(0).fetched().batches().remaining()).isPositive();
        assertThat(answers.get(1).fetched().batches().remaining()).isZero();
        assertThat(answers.get(1).fetched().logEndOffset()).isEqualTo(2);
    }

    @Test
    void aFetchWithNothingNewWaitsForAnAppendToAnyOfItsPartitions() throws Exception {
        CompletableFuture<List<PartitionFetch>> answer = service.fetch(request(2, 1 << 20, position(T0, 0),
                position(T1, 0)));
        assertThat(waiters.waiting()).isEqualTo(2);
        assertThat(answer).isNotDone();
        log1.append(batch("b", 3, 1), EPOCH);
        signals.appended(partition1);
        List<PartitionFetch> answers = answer.get(5, TimeUnit.SECONDS);
        assertThat(answers.get(1).fetched().logEndOffset()).isEqualTo(3);
        assertThat(answers.get(1).fetched().batches().remaining()).isPositive();
        assertThat(waiters.waiting()).isZero();
    }

    private static FetchPosition position(TopicPartition partition, long offset) {
        return new FetchPosition(partition, EPOCH, offset);
    }

    private static ReplicaFetchRequest request(int replicaId, int maxBytes, FetchPosition... positions) {
        return new ReplicaFetchRequest(replicaId, 500, maxBytes, List.of(positions));
    }
}
