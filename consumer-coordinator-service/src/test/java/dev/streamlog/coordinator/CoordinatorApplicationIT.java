package dev.streamlog.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamlog.client.fixtures.TestClusterSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the coordinator against a real (in-process) ZooKeeper and no storage nodes, and checks what this stage
 * promises: the {@code zookeeper} component UP while connected and DOWN when ZooKeeper is gone, probes exposed,
 * readiness DOWN while {@code __consumer_offsets} cannot exist (it serves no group), and the service registered
 * under the discovery root of the configured chroot.
 */
class CoordinatorApplicationIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String CHROOT = "it-chroot";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static TestingServer zookeeper;
    private static ConfigurableApplicationContext context;
    private static CuratorFramework curator;
    private static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        zookeeper = new TestingServer(true);
        context = new SpringApplicationBuilder(CoordinatorApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.cloud.zookeeper.connect-string=" + zookeeper.getConnectString(),
                "--streamlog.zookeeper.chroot=" + CHROOT,
                "--streamlog.cluster.secret=" + TestClusterSignature.SECRET);
        baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        curator = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), 10_000, 5_000, new RetryOneTime(100));
        curator.start();
        curator.blockUntilConnected(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (curator != null) {
            curator.close();
        }
        if (context != null) {
            context.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void liveAndConnectedButNotReadyWithoutAnOffsetsTopic() throws Exception {
        awaitHealth("/actuator/health/zookeeper", 200, "UP");
        assertThat(status("/actuator/health/liveness")).isEqualTo("UP");

        HttpResponse<String> readiness = get("/actuator/health/readiness");

        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        JsonNode offsets = JSON.readTree(readiness.body()).path("components").path("offsets");
        assertThat(offsets.path("status").asString()).as(readiness.body()).isEqualTo("DOWN");
        assertThat(offsets.path("details").path("share").asString()).contains("__consumer_offsets does not exist");
    }

    @Test
    void registersUnderTheDiscoveryRootOfTheChroot() throws Exception {
        String service = "/" + CHROOT + "/services/consumer-coordinator-service";
        List<String> instances = waitForChildren(service);
        assertThat(instances).hasSize(1);
        JsonNode instance = JSON.readTree(curator.getData().forPath(service + "/" + instances.get(0)));
        assertThat(instance.path("name").asString()).isEqualTo("consumer-coordinator-service");
        assertThat(instance.path("address").asString()).isEqualTo("127.0.0.1");
        assertThat("http://127.0.0.1:" + instance.path("port").asInt()).isEqualTo(baseUrl);
    }

    @Test
    void zooKeeperComponentIsDownWhileZooKeeperIsGoneAndUpAgainWhenItReturns() throws Exception {
        zookeeper.stop();
        try {
            awaitHealth("/actuator/health/zookeeper", 503, "DOWN");
        } finally {
            zookeeper.restart();
        }
        awaitHealth("/actuator/health/zookeeper", 200, "UP");
    }

    private static void awaitHealth(String path, int httpStatus, String status) {
        await(path + " " + httpStatus + " " + status).atMost(BOUND).untilAsserted(() -> {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(httpStatus);
            assertThat(JSON.readTree(answer.body()).path("status").asString()).isEqualTo(status);
        });
    }

    private static List<String> waitForChildren(String path) {
        return await("a registration under " + path).atMost(BOUND).until(
                () -> curator.checkExists().forPath(path) == null ? List.<String>of() : curator.getChildren().forPath(path),
                children -> !children.isEmpty());
    }

    private static String status(String path) throws Exception {
        return JSON.readTree(get(path).body()).path("status").asString();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build();
        return HTTP.send(TestClusterSignature.signed(request), HttpResponse.BodyHandlers.ofString());
    }
}
