package dev.streamlog.controller.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.controller.metadata.ControllerResult;
import dev.streamlog.controller.metadata.TopicCommands;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.controller.metadata.TopicLimits;
import dev.streamlog.controller.metadata.WriteBatches;
import dev.streamlog.controller.metadata.ZkWrite;
import dev.streamlog.controller.placement.RoundRobinReplicaPlacer;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.v3.CreateTopicRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ZooKeeper adapters against a real (in-process) ZooKeeper: epochs, fencing, conflicts, loading, watching. */
@Timeout(60)
class ZkAdaptersIT {

    private TestingServer zookeeper;
    private CuratorFramework root;
    private NamespacedCurator curator;
    private ZkControllerEpochs epochs;
    private ZkPersister persister;
    private ZkImageLoader loader;

    @BeforeEach
    void startZooKeeper() throws Exception {
        zookeeper = new TestingServer(true);
        root = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), 10_000, 5_000, new RetryOneTime(100));
        root.start();
        root.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS);
        curator = new NamespacedCurator(root.usingNamespace("it"));
        epochs = new ZkControllerEpochs(curator);
        persister = new ZkPersister(curator);
        loader = new ZkImageLoader(curator);
    }

    @AfterEach
    void stopZooKeeper() throws Exception {
        root.close();
        zookeeper.close();
    }

    private List<ZkWrite> bootstrap() {
        List<ZkWrite> writes = new ArrayList<>();
        loader.missingBasePaths().forEach(path -> writes.add(new ZkWrite.Create(path, "")));
        writes.add(new ZkWrite.Create(ZkPaths.CLUSTER_ID, "cluster-x"));
        return writes;
    }

    private String read(String path) throws Exception {
        return new String(curator.client().getData().forPath(path), StandardCharsets.UTF_8);
    }

    private static void within(Duration timeout, BooleanSupplier condition) {
        await().atMost(timeout).until(condition::getAsBoolean);
    }

    @Test
    void epochsIncrementFromOneUnderTheChroot() throws Exception {
        assertThat(root.checkExists().forPath("/it/controller_epoch")).isNull();
        assertThat(epochs.increment()).isEqualTo(new ControllerEpoch(1, 0));
        assertThat(epochs.increment()).isEqualTo(new ControllerEpoch(2, 1));
        assertThat(new String(root.getData().forPath("/it/controller_epoch"), StandardCharsets.UTF_8)).isEqualTo("2");
    }

    @Test
    void aDeposedControllersWritesAreFencedAndNothingIsApplied() throws Exception {
        ControllerEpoch old = epochs.increment();
        persister.commit(old, bootstrap());
        ControllerEpoch current = epochs.increment();

        assertThatThrownBy(() -> persister.commit(old, List.of(new ZkWrite.Create("/admin/delete_topics/t", ""))))
                .isInstanceOf(FencedException.class);
        assertThat(curator.client().checkExists().forPath("/admin/delete_topics/t")).isNull();

        persister.commit(current, List.of(new ZkWrite.Create("/admin/delete_topics/t", "")));
        assertThat(curator.client().checkExists().forPath("/admin/delete_topics/t")).isNotNull();
    }

    @Test
    void aFailedConditionIsAConflictAndTheTransactionIsAtomic() throws Exception {
        ControllerEpoch epoch = epochs.increment();
        persister.commit(epoch, bootstrap());

        assertThatThrownBy(() -> persister.commit(epoch, List.of(
                new ZkWrite.Create("/admin/delete_topics/a", ""),
                new ZkWrite.SetData(ZkPaths.CLUSTER_ID, "changed", 5))))
                .isInstanceOf(WriteConflictException.class)
                .hasMessageContaining(ZkPaths.CLUSTER_ID);
        assertThat(curator.client().checkExists().forPath("/admin/delete_topics/a")).isNull();
        assertThat(read(ZkPaths.CLUSTER_ID)).isEqualTo("cluster-x");

        assertThatThrownBy(() -> persister.commit(epoch, List.of(new ZkWrite.Create(ZkPaths.CLUSTER_ID, "again"))))
                .isInstanceOf(WriteConflictException.class);
    }

    @Test
    void theLoaderReadsBackWhatCommandsPersistedInSeveralTransactions() throws Exception {
        ControllerEpoch epoch = epochs.increment();
        persister.commit(epoch, bootstrap());
        ClusterImage image = loader.load(epoch).withBrokers(java.util.Map.of(
                1, new BrokerRegistration("h", 1, null, false), 2, new BrokerRegistration("h", 2, null, false)));
        TopicCommands commands = new TopicCommands(new TopicLimits(1, 1, 1000), new RoundRobinReplicaPlacer(new Random(5)),
                () -> "topic-id");
        ControllerResult<TopicImage> created = commands.createTopic(image,
                new CreateTopicRequest("big", 400, 2, null));
        List<List<ZkWrite>> batches = WriteBatches.split(created.writes(), 8 * 1024);
        assertThat(batches).hasSizeGreaterThan(3);
        for (List<ZkWrite> batch : batches) {
            persister.commit(epoch, batch);
        }

        ClusterImage loaded = loader.load(epoch);

        assertThat(loaded.clusterId()).isEqualTo("cluster-x");
        assertThat(loaded.controllerEpoch()).isEqualTo(epoch.value());
        assertThat(loaded.topics()).containsOnlyKeys("big");
        assertThat(loaded.topics().get("big")).isEqualTo(created.response());
        assertThat(loaded).isEqualTo(image.replay(created.writes()).withBrokers(java.util.Map.of()));
    }

    @Test
    void watchersSeeBrokersAndTheLatchHolder() throws Exception {
        LeaderLatch first = new LeaderLatch(curator.client(), ZkPaths.CONTROLLER, "http://first:1");
        try (BrokerWatcher brokers = new BrokerWatcher(curator);
             ControllerLatchWatcher latchWatcher = new ControllerLatchWatcher(curator);
             LeaderLatch second = new LeaderLatch(curator.client(), ZkPaths.CONTROLLER, "http://second:2")) {
            curator.client().create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath("/brokers/ids/3", "{\"host\":\"h3\",\"port\":9093,\"rack\":\"r\"}".getBytes());
            curator.client().create().withMode(CreateMode.EPHEMERAL)
                    .forPath("/brokers/ids/4", "garbage".getBytes());
            first.start();
            first.await();
            second.start();

            within(Duration.ofSeconds(10), () -> brokers.live().containsKey(3));
            assertThat(brokers.live()).containsOnlyKeys(3);
            assertThat(brokers.live().get(3)).isEqualTo(new BrokerRegistration("h3", 9093, "r", false));
            within(Duration.ofSeconds(10), () -> latchWatcher.leaderUrl().isPresent());
            assertThat(latchWatcher.leaderUrl()).contains("http://first:1");

            first.close();
            within(Duration.ofSeconds(10), () -> latchWatcher.leaderUrl().equals(java.util.Optional.of("http://second:2")));
            curator.client().delete().forPath("/brokers/ids/3");
            within(Duration.ofSeconds(10), () -> brokers.live().isEmpty());
        }
    }
}
