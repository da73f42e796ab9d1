package dev.streamlog.controller.leadership;

import static dev.streamlog.controller.ItSupport.freePort;
import static dev.streamlog.controller.ItSupport.ints;
import static dev.streamlog.controller.ItSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.streamlog.controller.ControllerApplication;
import dev.streamlog.controller.ItSupport;
import dev.streamlog.model.ZkPaths;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real controller service against an in-process ZooKeeper and three fake storage nodes: each is
 * an ephemeral registration pointing at a loopback {@link HttpServer} that records the
 * LeaderAndIsr pushes it gets. Losing the leader's broker elects the next ISR member (epoch + 1,
 * ISR shrunk) and tells the live replicas; the preferred replica leads again once it is back in
 * the ISR; losing every ISR member takes the partition offline until one of them returns.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaderFailoverIT {

    private static final String CHROOT = "it-leadership";
    private static final String STATE = "/brokers/topics/replicated/partitions/0/state";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Integer, HttpServer> storageNodes = new TreeMap<>();
    private final Map<Integer, Queue<JsonNode>> pushes = new TreeMap<>();
    private TestingServer zookeeper;
    private CuratorFramework zkRoot;
    private CuratorFramework zk;
    private ConfigurableApplicationContext controller;
    private String controllerUrl;

    @BeforeEach
    void startZooKeeperStorageNodesAndController() throws Exception {
        zookeeper = new TestingServer(true);
        zkRoot = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), 10_000, 5_000,
                new RetryNTimes(20, 250));
        zkRoot.start();
        assertThat(zkRoot.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        zk = zkRoot.usingNamespace(CHROOT);
        for (int id = 1; id <= 3; id++) {
            startStorageNode(id);
            register(id);
        }
        int port = freePort();
        controllerUrl = "http://127.0.0.1:" + port;
        controller = new SpringApplicationBuilder(ControllerApplication.class).run(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--streamlog.controller.advertised-url=" + controllerUrl,
                "--streamlog.controller.leader-rebalance-interval=500ms",
                "--spring.cloud.zookeeper.connect-string=" + zookeeper.getConnectString(),
                "--streamlog.zookeeper.chroot=" + CHROOT,
                ItSupport.SECRET_ARGUMENT,
                "--spring.main.banner-mode=off");
    }

    @AfterEach
    void stopEverything() throws IOException {
        if (controller != null) {
            controller.close();
        }
        storageNodes.values().forEach(server -> server.stop(0));
        if (zkRoot != null) {
            zkRoot.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void losingTheLeaderElectsTheNextIsrMemberAndTellsTheLiveReplicas() throws Exception {
        String clusterId = await().atMost(WAIT).ignoreExceptions()
                .until(() -> getJson(controllerUrl + "/v3/clusters").path("data").get(0).path("cluster_id").asString(),
                        id -> id != null && !id.isEmpty());
        String partitionUrl = controllerUrl + "/v3/clusters/" + clusterId + "/topics/replicated/partitions/0";
        await().atMost(WAIT).until(() -> getJson(controllerUrl + "/v3/clusters/" + clusterId + "/brokers")
                .path("data").size() == 3);
        HttpResponse<String> created = send(HttpRequest.newBuilder(
                        URI.create(controllerUrl + "/v3/clusters/" + clusterId + "/topics"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic_name\":\"replicated\",\"partitions_count\":1}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json.readTree(created.body()).path("replication_factor").asInt()).as("automatic: 3 brokers")
                .isEqualTo(3);
        JsonNode initial = state();
        List<Integer> replicas = ints(json.readTree(read("/brokers/topics/replicated")).path("partitions").path("0"));
        int controllerEpoch = Integer.parseInt(read(ZkPaths.CONTROLLER_EPOCH));
        int preferred = replicas.get(0);
        assertThat(initial.path("leader").asInt()).isEqualTo(preferred);
        assertThat(ints(initial.path("isr"))).isEqualTo(replicas);
        for (int id : replicas) {
            JsonNode push = awaitPush(id, 0);
            assertThat(push.path("controller_epoch").asInt()).isEqualTo(controllerEpoch);
            assertThat(push.path("partitions").get(0).path("state").path("leader").asInt()).isEqualTo(preferred);
            assertThat(ints(push.path("partitions").get(0).path("replicas"))).isEqualTo(replicas);
        }
        pushes.values().forEach(Queue::clear);

        zk.delete().forPath(ZkPaths.broker(preferred));

        List<Integer> survivors = replicas.subList(1, 3);
        await().atMost(WAIT).until(() -> state().path("leader").asInt() == survivors.get(0));
        JsonNode elected = state();
        assertThat(elected.path("leader_epoch").asInt()).isEqualTo(1);
        assertThat(ints(elected.path("isr"))).isEqualTo(survivors);
        assertThat(elected.path("controller_epoch").asInt()).isEqualTo(controllerEpoch);
        assertThat(stateVersion()).isEqualTo(1);
        for (int id : survivors) {
            JsonNode partition = awaitPush(id, 1).path("partitions").get(0);
            assertThat(partition.path("topic").asString()).isEqualTo("replicated");
            assertThat(partition.path("partition").asInt()).isZero();
            assertThat(partition.path("state").path("leader").asInt()).isEqualTo(survivors.get(0));
            assertThat(partition.path("state").path("leader_epoch").asInt()).isEqualTo(1);
            assertThat(ints(partition.path("state").path("isr"))).isEqualTo(survivors);
        }
        assertThat(pushes.get(preferred)).as("a dead broker is not told").isEmpty();
        JsonNode view = getJson(partitionUrl);
        assertThat(view.path("leader_id").asInt()).isEqualTo(survivors.get(0));
        assertThat(view.path("under_replicated").asBoolean()).isTrue();
        assertThat(view.path("offline").asBoolean()).isFalse();

        register(preferred);
        addToIsrAsTheLeaderWould(preferred);
        await().atMost(WAIT).until(() -> state().path("leader").asInt() == preferred);
        assertThat(state().path("leader_epoch").asInt()).isEqualTo(2);
        assertThat(ints(state().path("isr"))).containsExactly(survivors.get(0), survivors.get(1), preferred);
        assertThat(awaitPush(preferred, 3).path("partitions").get(0).path("state").path("leader").asInt())
                .isEqualTo(preferred);

        for (int id : replicas) {
            zk.delete().forPath(ZkPaths.broker(id));
        }
        await().atMost(WAIT).until(() -> state().path("leader").asInt() == -1);
        List<Integer> lastIsr = ints(state().path("isr"));
        int offlineEpoch = state().path("leader_epoch").asInt();
        assertThat(lastIsr).as("kept for a returning member").isNotEmpty().isSubsetOf(replicas);
        assertThat(getJson(controllerUrl + "/v3/clusters/" + clusterId + "/partitions/offline")
                .path("data").get(0).path("topic_name").asString()).isEqualTo("replicated");

        register(lastIsr.get(0));
        await().atMost(WAIT).until(() -> state().path("leader").asInt() == lastIsr.get(0));
        assertThat(state().path("leader_epoch").asInt()).isEqualTo(offlineEpoch + 1);
        assertThat(ints(state().path("isr"))).containsExactly(lastIsr.get(0));
    }

    /** A version-checked ISR expansion, as a partition leader writes it, keeping leader and epoch. */
    private void addToIsrAsTheLeaderWould(int broker) throws Exception {
        Stat stat = new Stat();
        JsonNode state = json.readTree(new String(zk.getData().storingStatIn(stat).forPath(STATE),
                StandardCharsets.UTF_8));
        List<Integer> isr = ints(state.path("isr"));
        isr.add(broker);
        String expanded = "{\"leader\":" + state.path("leader").asInt() + ",\"leader_epoch\":"
                + state.path("leader_epoch").asInt() + ",\"isr\":" + isr + ",\"controller_epoch\":"
                + state.path("controller_epoch").asInt() + "}";
        zk.setData().withVersion(stat.getVersion()).forPath(STATE, expanded.getBytes(StandardCharsets.UTF_8));
    }

    private void startStorageNode(int id) throws IOException {
        Queue<JsonNode> received = new ConcurrentLinkedQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(LeaderAndIsrSender.PATH, exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(json.readTree(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        storageNodes.put(id, server);
        pushes.put(id, received);
    }

    private void register(int id) throws Exception {
        zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.broker(id),
                ("{\"host\":\"127.0.0.1\",\"port\":" + storageNodes.get(id).getAddress().getPort()
                        + ",\"rack\":null}").getBytes(StandardCharsets.UTF_8));
    }

    /** The first push the broker got for a state at {@code zkVersion}. */
    private JsonNode awaitPush(int broker, int zkVersion) {
        return await().atMost(WAIT).until(() -> pushes.get(broker).stream()
                .filter(push -> push.path("partitions").get(0).path("zk_version").asInt() == zkVersion)
                .findFirst().orElse(null), push -> push != null);
    }

    private JsonNode state() throws Exception {
        return json.readTree(read(STATE));
    }

    private int stateVersion() throws Exception {
        return zk.checkExists().forPath(STATE).getVersion();
    }

    private String read(String path) throws Exception {
        return new String(zk.getData().forPath(path), StandardCharsets.UTF_8);
    }

    private JsonNode getJson(String url) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).GET());
        assertThat(response.statusCode()).as("GET " + url + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }


}
