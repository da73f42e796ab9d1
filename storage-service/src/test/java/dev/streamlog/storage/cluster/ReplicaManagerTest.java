package dev.streamlog.storage.cluster;

import dev.streamlog.storage.datadir.DataDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.RecordBatchBuilder;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import dev.streamlog.storage.log.LogConfig;
import dev.streamlog.storage.log.LogFiles;
import dev.streamlog.storage.log.LogManager;
import dev.streamlog.storage.log.checkpoint.PartitionMetadataFile;
import dev.streamlog.storage.partition.LeaderReplica;
import dev.streamlog.storage.partition.NotLeaderException;
import dev.streamlog.storage.partition.PartitionRouter;
import dev.streamlog.storage.partition.PartitionRoutingException;
import dev.streamlog.storage.partition.TestStorage;
import dev.streamlog.storage.replica.TestReplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaManagerTest {

    @TempDir
    Path dataDir;

    private LogManager logManager;

    private LogManager start() {
        logManager = LogManager.start(new LogManager.Settings(List.of(dataDir), LogConfig.defaults(), 1,
                Duration.ofHours(1), Duration.ofHours(1)), Clock.systemUTC());
        return logManager;
    }

    @AfterEach
    void close() {
        if (logManager != null) {
            logManager.close();
        }
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static ClusterMetadata metadata(Map<String, TopicAssignment> topics, Map<TopicPartition, PartitionState> states) {
        return new ClusterMetadata(true, topics, states, Set.of());
    }

    private static PartitionState leader(int id, int epoch) {
        return new PartitionState(id, epoch, List.of(id), 1);
    }

    private void appendOne(LogManager manager, TopicPartition tp) {
        manager.get(tp).orElseThrow().append(new RecordBatchBuilder().append(1, null, new byte[]{1}).build(), 0);
    }

    private String storedId(TopicPartition tp) throws Exception {
        return new PartitionMetadataFile(LogFiles.partitionMetadataFile(dataDir.resolve(tp.toString()))).read()
                .orElse(null);
    }

    @Test
    void opensAssignedLogsWithTheirConfigAndIdAndRoutesByLeader() throws Exception {
        LogManager manager = start();
        PartitionRouter router = new PartitionRouter(TestStorage.properties(1, dataDir, Duration.ZERO), new DataDir(TestStorage.properties(1, dataDir, Duration.ZERO)));
        ReplicaManager replicas = new ReplicaManager(TestStorage.properties(1, dataDir, Duration.ZERO), manager, router,
                TestReplication.isolatedChanges(router, TestStorage.properties(1, dataDir, Duration.ZERO)),
                new DataDir(TestStorage.properties(1, dataDir, Duration.ZERO)));
        assertThat(replicas.isReady()).isFalse();
        assertThatThrownBy(() -> router.leader("orders", 0)).isInstanceOf(PartitionRoutingException.class)
                .satisfies(e -> assertThat(((PartitionRoutingException) e).errorCode()).isEqualTo(ErrorCode.UNAVAILABLE));

        boolean complete = replicas.reconcile(metadata(
                Map.of("orders", new TopicAssignment("o1", Map.of("0", List.of(1), "1", List.of(2, 1), "2", List.of(2)),
                        Map.of("max.message.bytes", "4096", "min.insync.replicas", "2"))),
                Map.of(tp("orders", 0), leader(1, 7), tp("orders", 1), leader(2, 3), tp("orders", 2), leader(2, 1))));

        assertThat(complete).isTrue();
        assertThat(replicas.isReady()).isTrue();
        assertThat(replicas.hostedCount()).isEqualTo(2);
        assertThat(Files.isDirectory(dataDir.resolve("orders-0"))).isTrue();
        assertThat(Files.isDirectory(dataDir.resolve("orders-2"))).isFalse();
        assertThat(manager.get(tp("orders", 0)).orElseThrow().config().maxMessageBytes()).isEqualTo(4096);
        assertThat(storedId(tp("orders", 0))).isEqualTo("o1");
        assertThat(storedId(tp("orders", 1))).isEqualTo("o1");

        LeaderReplica led = router.leader("orders", 0);
        assertThat(led.leaderEpoch()).isEqualTo(7);
        assertThat(led.replica().log()).isSameAs(manager.get(tp("orders", 0)).orElseThrow());
        assertThatThrownBy(() -> router.leader("orders", 1)).isInstanceOf(NotLeaderException.class)
                .satisfies(e -> assertThat(((NotLeaderException) e).leaderId()).isEqualTo(2));
    }

    @Test
    void configChangesReachOpenLogs() {
        LogManager manager = start();
        PartitionRouter router = new PartitionRouter(TestStorage.properties(1, dataDir, Duration.ZERO), new DataDir(TestStorage.properties(1, dataDir, Duration.ZERO)));
        ReplicaManager replicas = new ReplicaManager(TestStorage.properties(1, dataDir, Duration.ZERO), manager, router,
                TestReplication.isolatedChanges(router, TestStorage.properties(1, dataDir, Duration.ZERO)),
                new DataDir(TestStorage.properties(1, dataDir, Duration.ZERO)));
        replicas.reconcile(metadata(Map.of("t", new TopicAssignment("t1", Map.of("0", List.of(1)), Map.of())), Map.of()));
        replicas.reconcile(metadata(Map.of("t", new TopicAssignment("t1", Map.of("0", List.of(1)),
                Map.of("retention.ms", "1234"))), Map.of()));
        assertThat(manager.get(tp("t", 0)).orElseThrow().config().retentionMs()).isEqualTo(1234);
        replicas.reconcile(metadata(Map.of("t", new TopicAssignment("t1", Map.of("0", List.of(1)),
                Map.of("retention.ms", "not a number"))), Map.of()));
        assertThat(manager.get(tp("t", 0)).orElseThrow().config()).isEqualTo(LogConfig.defaults());
    }

    @Test
    void deletesWhatIsNoLongerAssignedAndReplacesAnOlderTopicsLog() throws Exception {
        try (LogManager first = LogManager.start(LogManager.Settings.of(dataDir), Clock.systemUTC())) {
            first.getOrCreate(tp("kept", 0), LogConfig.defaults());
            first.getOrCreate(tp("gone", 0), LogConfig.defaults());
            first.getOrCreate(tp("recreated", 0), LogConfig.defaults());
            appendOne(first, tp("kept", 0));
            appendOne(first, tp("recreated", 0));
            new PartitionMetadataFile(LogFiles.partitionMetadataFile(dataDir.resolve("kept-0"))).write("k1");
            new PartitionMetadataFile(LogFiles.partitionMetadataFile(dataDir.resolve("recreated-0"))).write("old");
        }
        LogManager manager = start();
        PartitionRouter router = new PartitionRouter(TestStorage.properties(1, dataDir, Duration.ZERO), new DataDir(TestStorage.properties(1, dataDir, Duration.ZERO)));
        ReplicaManager replicas = new ReplicaManager(TestStorage.properties(1, dataDir, Duration.ZERO), manager, router,
                TestReplication.isolatedChanges(router, TestStorage.properties(1, dataDir, Duration.ZERO)),
                new DataDir(TestStorage.properties(1, dataDir, Duration.ZERO)));
        assertThat(replicas.hostedCount()).isEqualTo(3);

        replicas.reconcile(metadata(Map.of(
                        "kept", new TopicAssignment("k1", Map.of("0", List.of(1)), Map.of()),
                        "recreated", new TopicAssignment("new", Map.of("0", List.of(1)), Map.of())),
                Map.of(tp("kept", 0), leader(1, 0), tp("recreated", 0), leader(1, 0))));

        assertThat(Files.exists(dataDir.resolve("gone-0"))).isFalse();
        assertThat(manager.get(tp("gone", 0))).isEmpty();
        assertThat(manager.get(tp("kept", 0)).orElseThrow().logEndOffset()).isEqualTo(1);
        assertThat(manager.get(tp("recreated", 0)).orElseThrow().logEndOffset()).isZero();
        assertThat(storedId(tp("recreated", 0))).isEqualTo("new");
        assertThat(router.leader("recreated", 0).replica().log().logEndOffset()).isZero();
        assertThat(replicas.hostedCount()).isEqualTo(2);
    }
}
