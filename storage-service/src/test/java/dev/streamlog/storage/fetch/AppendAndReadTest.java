package dev.streamlog.storage.fetch;

import dev.streamlog.storage.datadir.DataDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.Acks;
import dev.streamlog.model.RecordHeader;
import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.AppendRequest;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.model.v2.PartitionOffsets;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.log.LogConfig;
import dev.streamlog.storage.log.LogManager;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.log.errors.InvalidArgumentException;
import dev.streamlog.storage.log.errors.OffsetOutOfRangeException;
import dev.streamlog.storage.log.errors.RecordTooLargeException;
import dev.streamlog.storage.metrics.StorageMetrics;
import dev.streamlog.storage.partition.HighWatermarkWaiters;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.Leadership;
import dev.streamlog.storage.partition.LogEndWaiters;
import dev.streamlog.storage.partition.PartitionRouter;
import dev.streamlog.storage.partition.PartitionSignals;
import dev.streamlog.storage.partition.RoutingTable;
import dev.streamlog.storage.partition.TestStorage;
import dev.streamlog.storage.produce.Appender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The append and read services over a real log, without HTTP. */
class AppendAndReadTest {

    private static final int EPOCH = 4;

    @TempDir
    Path dataDir;

    private LogManager logManager;
    private PartitionLog log;
    private PartitionRouter router;
    private HighWatermarkWaiters waiters;
    private LogEndWaiters logEndWaiters;
    private Appender appender;
    private Reader reader;

    @BeforeEach
    void start() {
        logManager = LogManager.start(LogManager.Settings.of(dataDir), Clock.systemUTC());
        log = logManager.getOrCreate(new TopicPartition("t", 0), LogConfig.defaults().with(TopicConfigs.MAX_MESSAGE_BYTES, 300));
        router = new PartitionRouter(TestStorage.properties(1, dataDir, Duration.ofMinutes(10)), new DataDir(TestStorage.properties(1, dataDir, Duration.ofMinutes(10))));
        router.publish(new RoutingTable(1, true, Map.of("t", new RoutingTable.TopicRoute("t1",
                Map.of(0, new RoutingTable.PartitionRoute(1, EPOCH, TestStorage.ledAlone(1, log, EPOCH)))))));
        waiters = new HighWatermarkWaiters();
        waiters.start();
        logEndWaiters = new LogEndWaiters();
        logEndWaiters.start();
        appender = new Appender(router, new PartitionSignals(waiters, logEndWaiters), waiters,
                TestStorage.properties(1, dataDir, Duration.ofMinutes(10)),
                new StorageMetrics(new SimpleMeterRegistry(), router, logManager,
                        new DataDir(TestStorage.properties(1, dataDir, Duration.ofMinutes(10)))),
                new DataDir(TestStorage.properties(1, dataDir, Duration.ofMinutes(10))));
        reader = new Reader(router, waiters, TestStorage.properties(1, dataDir, Duration.ofMinutes(10)));
    }

    @AfterEach
    void stop() {
        waiters.stop();
        logEndWaiters.stop();
        logManager.close();
    }

    private static AppendRecord record(String key, String value, long timestamp) {
        return new AppendRecord(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8),
                List.of(new RecordHeader("src", key.getBytes(StandardCharsets.UTF_8))), timestamp);
    }

    private static String value(StoredRecord record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Test
    void recordsOfOneRequestGetConsecutiveOffsetsAcrossSplitBatchesInTheLeaderEpoch() throws Exception {
        List<AppendRecord> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(record("k" + i, "value-" + i + "-" + "x".repeat(20), 1000 + i));
        }
        AppendResponse first = appender.append("t", 0, new AppendRequest(records.subList(0, 2)), Acks.ALL).join();
        AppendResponse second = appender.append("t", 0, new AppendRequest(records.subList(2, 30)), Acks.ALL).join();
        assertThat(first).isEqualTo(new AppendResponse(0, EPOCH));
        assertThat(second).isEqualTo(new AppendResponse(2, EPOCH));
        assertThat(log.logEndOffset()).isEqualTo(30);
        assertThat(log.segmentCount()).isEqualTo(1);
        assertThat(log.read(0, Integer.MAX_VALUE, 30).sizeInBytes()).isGreaterThan(2 * 300);
        assertThat(RecordBatch.of(log.read(2, 1, 30).toByteBuffer()).partitionLeaderEpoch()).isEqualTo(EPOCH);

        ReadResponse read = reader.read("t", 0, 0, null, 0).get(10, TimeUnit.SECONDS).decoded();
        assertThat(read.highWatermark()).isEqualTo(30);
        assertThat(read.logStartOffset()).isZero();
        assertThat(read.records()).extracting(StoredRecord::offset)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 30).boxed().toList());
        StoredRecord seventh = read.records().get(7);
        assertThat(new String(seventh.key(), StandardCharsets.UTF_8)).isEqualTo("k7");
        assertThat(value(seventh)).startsWith("value-7-");
        assertThat(seventh.timestamp()).isEqualTo(1007);
        assertThat(seventh.headers()).singleElement().satisfies(h -> {
            assertThat(h.key()).isEqualTo("src");
            assertThat(new String(h.value(), StandardCharsets.UTF_8)).isEqualTo("k7");
        });
        assertThat(reader.offsets("t", 0)).isEqualTo(new PartitionOffsets(0, 30));
    }

    @Test
    void aReadFromInsideABatchStartsAtItsOffsetAndHonoursTheByteBudget() throws Exception {
        appender.append("t", 0, new AppendRequest(List.of(record("a", "1", 1), record("b", "2", 2),
                record("c", "3", 3), record("d", "4", 4))), Acks.ALL).join();
        ReadResponse read = reader.read("t", 0, 2, 1, 0).get(10, TimeUnit.SECONDS).decoded();
        assertThat(read.records()).extracting(StoredRecord::offset).containsExactly(2L);
        read = reader.read("t", 0, 1, 1 << 20, 0).get(10, TimeUnit.SECONDS).decoded();
        assertThat(read.records()).extracting(StoredRecord::offset).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aLargerByteBudgetThanTheLimitIsCut() throws Exception {
        appender.append("t", 0, new AppendRequest(List.of(record("a", "1", 1), record("b", "2", 2))), Acks.ALL).join();
        StorageProperties defaults = TestStorage.properties(1, dataDir, Duration.ZERO);
        Reader limited = new Reader(router, waiters, new StorageProperties(1, dataDir, "127.0.0.1", null,
                defaults.engine(), new StorageProperties.Read(Duration.ZERO, DataSize.ofBytes(1), DataSize.ofBytes(1)),
                defaults.replication(), defaults.produce()));
        assertThat(limited.read("t", 0, 0, Integer.MAX_VALUE, 0).get(10, TimeUnit.SECONDS).decoded().records())
                .hasSize(1);
        assertThat(limited.read("t", 0, 0, null, 0).get(10, TimeUnit.SECONDS).decoded().records()).hasSize(1);
        assertThat(reader.read("t", 0, 0, Integer.MAX_VALUE, 0).get(10, TimeUnit.SECONDS).decoded().records())
                .hasSize(2);
    }

    @Test
    void aReadAtTheEndWaitsForTheNextAppend() throws Exception {
        appender.append("t", 0, new AppendRequest(List.of(record("a", "1", 1))), Acks.ALL).join();
        CompletableFuture<LogRead> waiting = reader.read("t", 0, 1, null, 600_000);
        assertThat(waiting).isNotDone();
        appender.append("t", 0, new AppendRequest(List.of(record("b", "2", 2), record("c", "3", 3))), Acks.ALL).join();
        ReadResponse read = waiting.get(10, TimeUnit.SECONDS).decoded();
        assertThat(read.records()).extracting(AppendAndReadTest::value).containsExactly("2", "3");
        assertThat(read.highWatermark()).isEqualTo(3);
    }

    @Test
    void aReadAtTheEndWithoutTimeoutAnswersEmptyAtOnce() throws Exception {
        ReadResponse read = reader.read("t", 0, 0, null, 0).get(10, TimeUnit.SECONDS).decoded();
        assertThat(read.records()).isEmpty();
        assertThat(read.highWatermark()).isZero();
    }

    @Test
    void anOffsetBetweenTheHighWatermarkAndTheLogEndWaitsForTheHighWatermark() throws Exception {
        HostedPartition replica = router.leader("t", 0).replica();
        replica.apply(new Leadership(1, EPOCH + 1, List.of(1, 2), List.of(1, 2), 1, 1), 0);
        appender.append("t", 0, new AppendRequest(List.of(record("a", "1", 1), record("b", "2", 2))), Acks.LEADER).join();
        assertThat(replica.highWatermark()).isZero();
        assertThat(log.logEndOffset()).isEqualTo(2);

        assertThat(reader.read("t", 0, 1, null, 0).get(10, TimeUnit.SECONDS).decoded().records()).isEmpty();
        CompletableFuture<LogRead> waiting = reader.read("t", 0, 1, null, 600_000);
        assertThat(waiting).isNotDone();
        assertThat(replica.followerFetched(2, 2, 0)).isTrue();
        new PartitionSignals(waiters, logEndWaiters).highWatermarkAdvanced(replica);
        ReadResponse read = waiting.get(10, TimeUnit.SECONDS).decoded();
        assertThat(read.records()).extracting(AppendAndReadTest::value).containsExactly("2");
        assertThat(read.highWatermark()).isEqualTo(2);
    }

    @Test
    void offsetsOutsideTheLogAreOutOfRange() {
        assertThatThrownBy(() -> reader.read("t", 0, 1, null, 0)).isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("0 to 0");
    }

    @Test
    void badAppendsChangeNothing() {
        assertThatThrownBy(() -> appender.append("t", 0, new AppendRequest(List.of()), Acks.ALL))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> appender.append("t", 0, new AppendRequest(null), Acks.ALL))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> appender.append("t", 0, new AppendRequest(List.of(record("a", "1", 1),
                record("big", "x".repeat(400), 2))), Acks.ALL)).isInstanceOf(RecordTooLargeException.class);
        assertThat(log.logEndOffset()).isZero();
    }
}
