package dev.streamlog.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.client.fixtures.TestClusterSignature;
import dev.streamlog.model.RecordHeader;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.batch.AppendOutcomes;
import dev.streamlog.model.batch.PartitionAppends;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.AppendRequest;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.storage.partition.HighWatermarkWaiters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real storage application against a real (in-process) ZooKeeper, driven over HTTP the way
 * the controller (znodes) and the gateway (internal API) drive it. Each test has its own chroot.
 */
class StorageNodeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger CHROOTS = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestingServer zooKeeper;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();
    private String chroot;
    private CuratorFramework zk;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zooKeeper = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zooKeeper.close();
    }

    @BeforeEach
    void connect() throws Exception {
        chroot = "it-" + CHROOTS.incrementAndGet();
        zk = CuratorFrameworkFactory.builder().connectString(zooKeeper.getConnectString()).namespace(chroot)
                .retryPolicy(new RetryOneTime(200)).connectionTimeoutMs(5_000).sessionTimeoutMs(10_000).build();
        zk.start();
        assertThat(zk.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
    }

    @AfterEach
    void stopEverything() {
        apps.forEach(ConfigurableApplicationContext::close);
        zk.close();
    }

    @Test
    void servesThePartitionsItLeadsAndNamesTheLeaderOfOthers() throws Exception {
        ConfigurableApplicationContext app = startNode();
        createTopic("orders", "orders-id", Map.of("max.message.bytes", "1024"),
                List.of(List.of(1), List.of(2), List.of(1), List.of(1, 2)),
                List.of(state(1, 3), state(2, 1), state(PartitionState.NO_LEADER, 2), state(1, 0)));
        awaitHealthy(app);
        await("orders to be served", () -> get(app, "/internal/v1/partitions/orders/0/offsets").status() == 200
                && get(app, "/internal/v1/partitions/orders/3/offsets").status() == 200 ? true : null);

        assertThat(post(app, "orders", 0, List.of(
                record("k0", "v0", 1_000, new RecordHeader("trace", new byte[]{7})),
                record(null, "v1", 1_001),
                record("k2", null, 999))).get("base_offset").asLong()).isZero();
        JsonNode second = post(app, "orders", 0, List.of(record("k3", "v3", 1_003)));
        assertThat(second.get("base_offset").asLong()).isEqualTo(3);
        assertThat(second.get("leader_epoch").asInt()).isEqualTo(3);

        ReadResponse read = read(app, "orders", 0, "offset=0");
        assertThat(read.highWatermark()).isEqualTo(4);
        assertThat(read.records()).extracting(StoredRecord::offset).containsExactly(0L, 1L, 2L, 3L);
        StoredRecord first = read.records().get(0);
        assertThat(text(first.key())).isEqualTo("k0");
        assertThat(text(first.value())).isEqualTo("v0");
        assertThat(first.timestamp()).isEqualTo(1_000);
        assertThat(first.headers()).singleElement().satisfies(h -> {
            assertThat(h.key()).isEqualTo("trace");
            assertThat(h.value()).containsExactly(7);
        });
        assertThat(read.records().get(1).key()).isNull();
        assertThat(read.records().get(2).value()).isNull();
        assertThat(read.records().get(2).timestamp()).isEqualTo(999);
        assertThat(read(app, "orders", 0, "offset=2&max_bytes=1").records()).extracting(StoredRecord::offset)
                .containsExactly(2L);
        assertThat(get(app, "/internal/v1/partitions/orders/0/offsets").body())
                .isEqualTo(JSON.readTree("{\"beginning_offset\":0,\"end_offset\":4}"));
        assertThat(get(app, "/internal/v1/partitions/orders/0/offsets/by-timestamp?timestamp=1001").body())
                .as("the first record at or after the time, though a later one is older")
                .isEqualTo(JSON.readTree("{\"offset\":1}"));
        assertThat(get(app, "/internal/v1/partitions/orders/0/offsets/by-timestamp?timestamp=1002").body())
                .isEqualTo(JSON.readTree("{\"offset\":3}"));
        assertThat(get(app, "/internal/v1/partitions/orders/0/offsets/by-timestamp?timestamp=9999").body())
                .as("nothing that late: the end").isEqualTo(JSON.readTree("{\"offset\":4}"));
        assertError(get(app, "/internal/v1/partitions/orders/0/offsets/by-timestamp?timestamp=-5"), 400, 40001);

        List<AppendRecord> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(record("m" + i, "x".repeat(100), 2_000 + i));
        }
        assertThat(post(app, "orders", 3, many).get("base_offset").asLong()).isZero();
        assertThat(read(app, "orders", 3, "offset=0").records()).extracting(r -> text(r.key()))
                .containsExactlyElementsOf(many.stream().map(r -> text(r.key())).toList());
        assertError(postAnswer(app, "orders", 3, List.of(record("big", "x".repeat(2000), 1))), 413, 41301);

        Answer notLeader = postAnswer(app, "orders", 1, List.of(record("a", "b", 1)));
        assertError(notLeader, 421, 42101);
        assertThat(notLeader.body().get("leader_id").asInt()).isEqualTo(2);
        assertError(get(app, "/internal/v1/partitions/orders/1/records?offset=0"), 421, 42101);

        List<AppendOutcomes.Outcome> outcomes = appendAll(app, List.of(
                entry("orders", 0, record("x0", "first", 3_000)), entry("orders", 1, record("a", "b", 1)),
                entry("orders", 3, record("big", "x".repeat(2000), 1)),
                entry("orders", 0, record("x1", "second", 3_001))));
        assertThat(outcomes).extracting(AppendOutcomes.Outcome::status).containsExactly(200, 421, 413, 200);
        assertThat(JSON.readTree(outcomes.get(0).body()).get("base_offset").asLong()).isEqualTo(4);
        assertThat(JSON.readTree(outcomes.get(1).body()).get("leader_id").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(outcomes.get(2).body()).get("error_code").asInt()).isEqualTo(41301);
        assertThat(JSON.readTree(outcomes.get(3).body()).get("base_offset").asLong()).as("entries in order")
                .isEqualTo(5);
        assertError(send(request(app, "/internal/v1/appends").header("Content-Type", PartitionAppends.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 0, 1, 0})).build()), 400, 40001);
        assertError(get(app, "/internal/v1/partitions/orders/2/records?offset=0"), 404, 40404);
        assertError(get(app, "/internal/v1/partitions/orders/9/offsets"), 404, 40402);
        assertError(get(app, "/internal/v1/partitions/nothing/0/offsets"), 404, 40401);
        assertError(get(app, "/internal/v1/partitions/orders/0/records?offset=7"), 416, 41601);
        assertError(get(app, "/internal/v1/partitions/orders/0/records?offset=-1"), 400, 40001);
        assertError(get(app, "/internal/v1/partitions/orders/0/records?offset=abc"), 400, 40001);

        assertThat(read(app, "orders", 0, "offset=6&timeout_ms=200").records()).isEmpty();
        HighWatermarkWaiters waiters = app.getBean(HighWatermarkWaiters.class);
        CompletableFuture<HttpResponse<String>> longPoll = http.sendAsync(TestClusterSignature.signed(
                request(app, "/internal/v1/partitions/orders/0/records?offset=6&timeout_ms=25000").GET().build()),
                HttpResponse.BodyHandlers.ofString());
        await("the long poll to be parked", () -> waiters.waiting() == 1 ? true : null);
        post(app, "orders", 0, List.of(record("late", "arrival", 5_000)));
        HttpResponse<String> woken = longPoll.get(20, TimeUnit.SECONDS);
        assertThat(woken.statusCode()).isEqualTo(200);
        assertThat(JSON.readValue(woken.body(), ReadResponse.class).records()).singleElement()
                .satisfies(r -> assertThat(text(r.value())).isEqualTo("arrival"));

        Stat stat = zk.checkExists().forPath(ZkPaths.broker(1));
        assertThat(stat.getEphemeralOwner()).isNotZero();
        BrokerRegistration registration = JSON.readValue(zk.getData().forPath(ZkPaths.broker(1)),
                BrokerRegistration.class);
        assertThat(registration).isEqualTo(new BrokerRegistration("127.0.0.1", port(app), "r1", false));
    }

    @Test
    void keepsItsDataAcrossRestartsAndStaysRegistered() throws Exception {
        createTopic("events", "events-id", Map.of(), List.of(List.of(1)), List.of(state(1, 0)));
        ConfigurableApplicationContext first = startNode();
        awaitHealthy(first);
        post(first, "events", 0, List.of(record("a", "1", 1), record("b", "2", 2)));
        first.close();
        assertThat(zk.checkExists().forPath(ZkPaths.broker(1))).as("deregistered on stop").isNull();

        // A killed node's session outlives it for a while: its znode is still there at restart.
        try (CuratorFramework ghost = CuratorFrameworkFactory.builder().connectString(zooKeeper.getConnectString())
                .namespace(chroot).retryPolicy(new RetryOneTime(200)).sessionTimeoutMs(60_000).build()) {
            ghost.start();
            ghost.blockUntilConnected(10, TimeUnit.SECONDS);
            ghost.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.broker(1),
                    JSON.writeValueAsBytes(new BrokerRegistration("127.0.0.1", 1, null, false)));
            long ghostSession = ghost.getZookeeperClient().getZooKeeper().getSessionId();

            ConfigurableApplicationContext second = startNode();
            awaitHealthy(second);
            assertThat(read(second, "events", 0, "offset=0").records()).extracting(r -> text(r.value()))
                    .containsExactly("1", "2");
            assertThat(JSON.readValue(zk.getData().forPath(ZkPaths.broker(1)), BrokerRegistration.class).port())
                    .isEqualTo(port(second));
            assertThat(zk.checkExists().forPath(ZkPaths.broker(1)).getEphemeralOwner()).isEqualTo(ghostSession);
            ghost.close();

            long session = sessionOf(second);
            await("the registration to be re-created in the node's own session", () -> ownerOfRegistration() == session
                    ? true : null);

            second.getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper().getTestable()
                    .injectSessionExpiration();
            long renewed = await("a new session", () -> {
                long now = sessionOf(second);
                return now != session && now != 0 ? now : null;
            });
            await("the registration in the new session", () -> ownerOfRegistration() == renewed ? true : null);
            assertThat(JSON.readValue(zk.getData().forPath(ZkPaths.broker(1)), BrokerRegistration.class).port())
                    .isEqualTo(port(second));
        }
    }

    @Test
    void removesLogsOfDeletedTopicsAndNeverServesAnOlderTopicOfTheSameName() throws Exception {
        ConfigurableApplicationContext app = startNode();
        createTopic("audit", "audit-1", Map.of(), List.of(List.of(1), List.of(1)), List.of(state(1, 0), state(1, 0)));
        createTopic("keep", "keep-1", Map.of(), List.of(List.of(1)), List.of(state(1, 0)));
        awaitHealthy(app);
        await("audit and keep to be served", () -> get(app, "/internal/v1/partitions/audit/1/offsets").status() == 200
                && get(app, "/internal/v1/partitions/keep/0/offsets").status() == 200 ? true : null);
        post(app, "audit", 0, List.of(record("a", "old", 1)));
        assertThat(Files.isDirectory(dataDir.resolve("audit-0"))).isTrue();

        zk.delete().deletingChildrenIfNeeded().forPath(ZkPaths.topic("audit"));
        await("audit's logs to be deleted", () -> Files.exists(dataDir.resolve("audit-0"))
                || Files.exists(dataDir.resolve("audit-1")) ? null : true);
        assertError(get(app, "/internal/v1/partitions/audit/0/offsets"), 404, 40401);
        assertThat(Files.isDirectory(dataDir.resolve("keep-0"))).isTrue();

        createTopic("audit", "audit-2", Map.of(), List.of(List.of(1)), List.of(state(1, 0)));
        await("the new audit to be served", () -> get(app, "/internal/v1/partitions/audit/0/offsets").status() == 200
                ? true : null);
        assertThat(read(app, "audit", 0, "offset=0").records()).isEmpty();
        post(app, "audit", 0, List.of(record("b", "second", 2)));
        app.close();

        // Deleted and re-created while this node was down: the stored topic id tells them apart.
        zk.setData().forPath(ZkPaths.topic("audit"), JSON.writeValueAsBytes(
                new TopicAssignment("audit-3", Map.of("0", List.of(1)), Map.of())));
        ConfigurableApplicationContext restarted = startNode();
        awaitHealthy(restarted);
        assertThat(read(restarted, "audit", 0, "offset=0").highWatermark()).isZero();
        assertThat(Files.readString(dataDir.resolve("audit-0").resolve("partition.metadata"))).contains("audit-3");
    }

    private ConfigurableApplicationContext startNode() {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(StorageApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.cloud.zookeeper.connect-string=" + zooKeeper.getConnectString(),
                "--streamlog.zookeeper.chroot=" + chroot,
                "--streamlog.storage.node-id=1", "--streamlog.storage.data-dir=" + dataDir,
                "--streamlog.storage.advertised-host=127.0.0.1", "--streamlog.storage.rack=r1",
                "--streamlog.cluster.secret=" + TestClusterSignature.SECRET);
        apps.add(app);
        return app;
    }

    private void awaitHealthy(ConfigurableApplicationContext app) {
        await("the node to be healthy", () -> {
            Answer health = get(app, "/actuator/health");
            return health.status() == 200 && "UP".equals(health.body().get("status").asString()) ? true : null;
        });
    }

    private void createTopic(String topic, String id, Map<String, String> configs, List<List<Integer>> replicas,
                             List<PartitionState> states) throws Exception {
        Map<String, List<Integer>> partitions = new java.util.HashMap<>();
        for (int p = 0; p < replicas.size(); p++) {
            partitions.put(Integer.toString(p), replicas.get(p));
        }
        zk.create().creatingParentsIfNeeded().forPath(ZkPaths.topic(topic),
                JSON.writeValueAsBytes(new TopicAssignment(id, partitions, configs)));
        for (int p = 0; p < states.size(); p++) {
            zk.create().creatingParentsIfNeeded().forPath(ZkPaths.partitionState(topic, p),
                    JSON.writeValueAsBytes(states.get(p)));
        }
    }

    private static PartitionState state(int leader, int epoch) {
        return new PartitionState(leader, epoch, leader < 0 ? List.of() : List.of(leader), 1);
    }

    private static AppendRecord record(String key, String value, long timestamp, RecordHeader... headers) {
        return new AppendRecord(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), List.of(headers), timestamp);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private long ownerOfRegistration() throws Exception {
        Stat stat = zk.checkExists().forPath(ZkPaths.broker(1));
        return stat == null ? -1 : stat.getEphemeralOwner();
    }

    private static long sessionOf(ConfigurableApplicationContext app) throws Exception {
        return app.getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper().getSessionId();
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private record Answer(int status, JsonNode body) {
    }

    private HttpRequest.Builder request(ConfigurableApplicationContext app, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(app) + path))
                .timeout(Duration.ofSeconds(40));
    }

    private Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(TestClusterSignature.signed(request),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private Answer get(ConfigurableApplicationContext app, String path) throws Exception {
        return send(request(app, path).GET().build());
    }

    private Answer postAnswer(ConfigurableApplicationContext app, String topic, int partition,
                              List<AppendRecord> records) throws Exception {
        return send(request(app, "/internal/v1/partitions/" + topic + "/" + partition + "/records")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(new AppendRequest(records))))
                .build());
    }

    private static PartitionAppends.Append entry(String topic, int partition, AppendRecord record) {
        return new PartitionAppends.Append(new TopicPartition(topic, partition),
                ByteBuffer.wrap(RecordBatches.encode(List.of(record), 1 << 20).bytes()));
    }

    /** A multi-partition append (acks=1), which must answer 200 with one outcome per entry. */
    private List<AppendOutcomes.Outcome> appendAll(ConfigurableApplicationContext app,
                                                   List<PartitionAppends.Append> appends) throws Exception {
        HttpResponse<byte[]> answer = http.send(TestClusterSignature.signed(request(app,
                        "/internal/v1/appends?acks=1").header("Content-Type", PartitionAppends.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(PartitionAppends.encode(appends))).build()),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith(AppendOutcomes.MEDIA_TYPE));
        return AppendOutcomes.decode(ByteBuffer.wrap(answer.body()));
    }

    private JsonNode post(ConfigurableApplicationContext app, String topic, int partition, List<AppendRecord> records)
            throws Exception {
        Answer answer = postAnswer(app, topic, partition, records);
        assertThat(answer.status()).as("append answered %s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private ReadResponse read(ConfigurableApplicationContext app, String topic, int partition, String query)
            throws Exception {
        Answer answer = get(app, "/internal/v1/partitions/" + topic + "/" + partition + "/records?" + query);
        assertThat(answer.status()).as("read answered %s", answer.body()).isEqualTo(200);
        return JSON.treeToValue(answer.body(), ReadResponse.class);
    }

    private static void assertError(Answer answer, int status, int code) {
        assertThat(answer.status()).as("answer %s", answer.body()).isEqualTo(status);
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(code);
        assertThat(answer.body().get("message").asString()).isNotBlank();
    }

    /**
     * Polls {@code probe} until it gives a value (null: not yet), for at most {@link #WAIT}; an exception
     * from the probe counts as "not yet".
     */
    private static <T> T await(String what, ThrowingSupplier<T> probe) {
        return Awaitility.await(what).atMost(WAIT).ignoreExceptionsMatching(Exception.class::isInstance)
                .until(probe::get, Objects::nonNull);
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
