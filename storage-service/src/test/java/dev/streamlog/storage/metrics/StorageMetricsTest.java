package dev.streamlog.storage.metrics;

import dev.streamlog.storage.datadir.DataDir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.Acks;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.AppendRequest;
import dev.streamlog.storage.log.LogConfig;
import dev.streamlog.storage.log.LogManager;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.partition.HighWatermarkWaiters;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage meters follow what the node really did: appends, log size and segments, led partitions, flushes. */
class StorageMetricsTest {

    @TempDir
    Path dataDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private LogManager logs;
    private PartitionLog log;
    private HighWatermarkWaiters waiters;
    private LogEndWaiters logEndWaiters;
    private StorageMetrics metrics;
    private Appender appender;

    @BeforeEach
    void start() {
        logs = LogManager.start(LogManager.Settings.of(dataDir), Clock.systemUTC());
        log = logs.getOrCreate(new TopicPartition("t", 0), LogConfig.defaults());
        PartitionRouter router = new PartitionRouter(TestStorage.properties(1, dataDir, Duration.ofMinutes(1)), new DataDir(TestStorage.properties(1, dataDir, Duration.ofMinutes(1))));
        router.publish(new RoutingTable(1, true, Map.of("t", new RoutingTable.TopicRoute("t1",
                Map.of(0, new RoutingTable.PartitionRoute(1, 3, TestStorage.ledAlone(1, log, 3)))))));
        waiters = new HighWatermarkWaiters();
        waiters.start();
        logEndWaiters = new LogEndWaiters();
        logEndWaiters.start();
        DataDir dir = new DataDir(TestStorage.properties(1, dataDir, Duration.ofMinutes(1)));
        metrics = new StorageMetrics(registry, router, logs, dir);
        appender = new Appender(router, new PartitionSignals(waiters, logEndWaiters), waiters,
                TestStorage.properties(1, dataDir, Duration.ofMinutes(1)), metrics, dir);
    }

    @AfterEach
    void stop() {
        waiters.stop();
        logEndWaiters.stop();
        logs.close();
    }

    @Test
    void appendsCountRecordsAndTheBatchBytesTheLogGrewBy() {
        List<AppendRecord> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            records.add(new AppendRecord(null, ("value-" + i).getBytes(StandardCharsets.UTF_8), List.of(), 1000L + i));
        }
        appender.append("t", 0, new AppendRequest(records.subList(0, 10)), Acks.LEADER).join();
        appender.append("t", 0, new AppendRequest(records.subList(10, 25)), Acks.LEADER).join();
        metrics.refresh();

        assertThat(registry.get("streamlog.storage.appended.records").tag("topic", "t").counter().count())
                .isEqualTo(25.0);
        assertThat(registry.get("streamlog.storage.appended.bytes").tag("topic", "t").counter().count())
                .isEqualTo((double) log.sizeInBytes()).isPositive();
        assertThat(registry.get("streamlog.log.size").tags("topic", "t", "partition", "0").gauge().value())
                .isEqualTo((double) log.sizeInBytes());
        assertThat(registry.get("streamlog.log.segments").tags("topic", "t", "partition", "0").gauge().value())
                .isEqualTo(1.0);
        assertThat(registry.get("streamlog.storage.partitions.led").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("streamlog.storage.partitions.under.replicated").gauge().value()).isZero();
    }

    @Test
    void flushesAreTimedAndIsrChangesCounted() {
        double before = registry.get("streamlog.log.flush").functionTimer().count();
        appender.append("t", 0, new AppendRequest(List.of(new AppendRecord(null, new byte[] {1}, List.of(), 1L))),
                Acks.LEADER).join();
        log.flush();
        assertThat(registry.get("streamlog.log.flush").functionTimer().count()).isEqualTo(before + 1);

        metrics.isrChanged(false);
        metrics.isrChanged(true);
        metrics.isrChanged(false);
        assertThat(registry.get("streamlog.storage.isr.changes").tag("change", "shrink").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("streamlog.storage.isr.changes").tag("change", "expand").counter().count())
                .isEqualTo(1.0);
    }
}
