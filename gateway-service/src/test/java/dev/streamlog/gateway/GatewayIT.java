package dev.streamlog.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamlog.client.fixtures.TestClusterSignature;
import dev.streamlog.model.ZkPaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real gateway (a Spring context on a loopback port, real Tomcat) against a real in-process ZooKeeper whose
 * znodes the test writes as the controller and storage nodes would (broker registrations, topic assignments,
 * partition states, the controller latch), with small real HTTP servers standing in for two storage nodes and two
 * controllers. Checks the metadata routes and that they follow ZooKeeper, routing to the leader's URL, the retry
 * after a "not leader" answer, 503/50302 for a node that is down, the body cap, hostile paths refused by Tomcat
 * with our JSON errors, and admin forwarding with its retry after a standby's 503.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayIT {

    /** The one origin whose pages may call this gateway across origins. */
    private static final String ALLOWED_ORIGIN = "https://app.example";

    private static final String CHROOT = "it-gateway";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BINARY = "application/vnd.kafka.binary.v2+json";
    private static final String JSON = "application/vnd.kafka.json.v2+json";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final List<LeaderLatch> latches = new ArrayList<>();
    private TestingServer zookeeper;
    private CuratorFramework zkRoot;
    private CuratorFramework zk;
    private FakeStorageNode node1;
    private FakeStorageNode node2;
    private int deadPort;
    private FakeController controllerA;
    private FakeController controllerB;
    private ConfigurableApplicationContext gateway;
    private String base;
    /** The management port's base URL, where the actuator listens (every {@code /actuator} path goes there). */
    private String management;

    @BeforeAll
    void startZooKeeperNodesAndTheGateway() throws Exception {
        zookeeper = new TestingServer(true);
        zkRoot = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), 10_000, 5_000, new RetryNTimes(20, 250));
        zkRoot.start();
        assertThat(zkRoot.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        zk = zkRoot.usingNamespace(CHROOT);

        node1 = new FakeStorageNode();
        node2 = new FakeStorageNode();
        deadPort = freePort();
        register(1, node1.port());
        register(2, node2.port());
        register(3, deadPort);
        topic("orders", "{\"0\":[1],\"1\":[2],\"2\":[3]}", "{\"max.message.bytes\":\"2000\"}");
        state("orders", 0, 1);
        state("orders", 1, 2);
        state("orders", 2, 3);
        topic("moving", "{\"0\":[1,2]}", "{}");
        state("moving", 0, 1);

        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.server.port=0",
                "--management.server.address=127.0.0.1",
                "--spring.cloud.zookeeper.connect-string=" + zookeeper.getConnectString(),
                "--streamlog.zookeeper.chroot=" + CHROOT,
                "--streamlog.gateway.max-request-size=64KB",
                "--streamlog.gateway.storage-timeout=3s",
                "--streamlog.gateway.controller-timeout=3s",
                "--streamlog.gateway.delivery-timeout=1s",
                "--streamlog.gateway.body-read-timeout=4s",
                "--server.tomcat.connection-timeout=2s",
                "--streamlog.cluster.secret=" + TestClusterSignature.SECRET,
                "--streamlog.gateway.cors.allowed-origins=" + ALLOWED_ORIGIN,
                "--spring.main.banner-mode=off");
        base = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
        management = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.management.port");
        waitFor("the gateway to be healthy", () -> {
            HttpResponse<String> health = get("/actuator/health", null);
            return health.statusCode() == 200 && json.readTree(health.body()).path("status").asString().equals("UP")
                    ? Boolean.TRUE : null;
        });
    }

    @AfterAll
    void stopEverything() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        for (LeaderLatch latch : latches) {
            if (latch.getState() == LeaderLatch.State.STARTED) {
                latch.close();
            }
        }
        for (AutoCloseable closeable : new AutoCloseable[] {node1, node2, controllerA, controllerB}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }
        if (zkRoot != null) {
            zkRoot.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    @Order(1)
    void metadataRoutesDescribeWhatZooKeeperHolds() throws Exception {
        assertThat(getJson("/brokers", 200).path("brokers").toString()).isEqualTo("[1,2,3]");
        assertThat(getJson("/topics", 200).toString()).isEqualTo("[\"moving\",\"orders\"]");
        JsonNode orders = getJson("/topics/orders", 200);
        assertThat(orders.path("configs").path("max.message.bytes").asString()).isEqualTo("2000");
        assertThat(orders.path("partitions").size()).isEqualTo(3);
        assertThat(orders.path("partitions").get(1).path("leader").asInt()).isEqualTo(2);
        JsonNode moving = getJson("/topics/moving/partitions/0", 200);
        assertThat(moving.path("replicas").toString())
                .isEqualTo("[{\"broker\":1,\"leader\":true,\"in_sync\":true},{\"broker\":2,\"leader\":false,\"in_sync\":false}]");
        assertThat(getJson("/topics/nope", 404).path("error_code").asInt()).isEqualTo(40403);
        assertThat(getJson("/topics/orders/partitions/3", 404).path("error_code").asInt()).isEqualTo(40402);
        JsonNode health = getJson("/actuator/health", 200).path("components").path("metadata");
        assertThat(health.path("details").path("brokers").asInt()).isEqualTo(3);
        assertThat(getJson("/actuator/health/readiness", 200).path("status").asString()).isEqualTo("UP");
        assertThat(getJson("/actuator/health/liveness", 200).path("status").asString()).isEqualTo("UP");
        for (String probe : List.of("/livez", "/readyz")) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + probe)).GET());
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).as("the public port's probe says no more than this")
                    .isEqualTo("{\"status\":\"UP\"}");
        }
        for (String actuator : List.of("/actuator/health", "/actuator/prometheus", "/actuator/metrics")) {
            assertThat(send(HttpRequest.newBuilder(URI.create(base + actuator)).GET()).statusCode())
                    .as("%s on the public port", actuator).isEqualTo(404);
        }
    }

    @Test
    @Order(2)
    void metadataFollowsZooKeeperChanges() throws Exception {
        topic("later", "{\"0\":[2],\"1\":[1]}", "{}");
        state("later", 0, 2);

        JsonNode later = waitFor("the new topic and its partition state", () -> {
            HttpResponse<String> response = get("/topics/later", null);
            return response.statusCode() == 200
                    && json.readTree(response.body()).path("partitions").get(0).path("leader").asInt() == 2
                    ? json.readTree(response.body()) : null;
        });
        assertThat(later.path("partitions").size()).isEqualTo(2);
        assertThat(later.path("partitions").get(1).path("leader").asInt()).isEqualTo(-1);

        state("later", 1, 1);
        waitFor("the new leader", () -> getJson("/topics/later/partitions/1", 200).path("leader").asInt() == 1
                ? Boolean.TRUE : null);
    }

    @Test
    @Order(3)
    void producedRecordsGoToTheirLeadersNodeAndReadBack() throws Exception {
        HttpResponse<String> produced = post("/topics/orders", BINARY, "{\"records\":["
                + "{\"value\":\"" + b64("zero") + "\",\"partition\":0,\"headers\":[{\"key\":\"h\",\"value\":\"AQI=\"}]},"
                + "{\"value\":\"" + b64("one") + "\",\"partition\":1},"
                + "{\"value\":\"" + b64("zero again") + "\",\"partition\":0}]}");

        assertThat(produced.statusCode()).as(produced.body()).isEqualTo(200);
        JsonNode offsets = json.readTree(produced.body()).path("offsets");
        assertThat(offsets.toString()).isEqualTo("[{\"partition\":0,\"offset\":0,\"error_code\":null,\"error\":null},"
                + "{\"partition\":1,\"offset\":0,\"error_code\":null,\"error\":null},"
                + "{\"partition\":0,\"offset\":1,\"error_code\":null,\"error\":null}]");
        assertThat(node1.calls()).containsExactly("POST orders-0");
        assertThat(node2.calls()).containsExactly("POST orders-1");
        assertThat(node1.log("orders-0")).hasSize(2);

        HttpResponse<String> read = get("/topics/orders/partitions/0/records?offset=0&timeout=0", BINARY);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type")).hasValue(BINARY);
        JsonNode records = json.readTree(read.body());
        assertThat(records.size()).isEqualTo(2);
        assertThat(records.get(1).path("value").asString()).isEqualTo(b64("zero again"));
        assertThat(records.get(0).path("headers").get(0).path("value").asString()).isEqualTo("AQI=");
        assertThat(getJson("/topics/orders/partitions/1/offsets", 200).path("end_offset").asLong()).isEqualTo(1);

        assertThat(post("/topics/orders/partitions/1", JSON, "{\"records\":[{\"value\":{\"price\":1.50}}]}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> asJson = get("/topics/orders/partitions/1/records?offset=1", JSON);
        assertThat(asJson.body()).contains("\"value\":{\"price\":1.50}");
    }

    @Test
    @Order(4)
    void aNotLeaderAnswerIsRetriedAtTheLeaderZooKeeperNames() throws Exception {
        node1.refuseOnceAsNotLeader("moving-0", () -> state("moving", 0, 2));

        HttpResponse<String> produced = post("/topics/moving", JSON, "{\"records\":[{\"key\":\"k\",\"value\":42}]}");

        assertThat(produced.statusCode()).as(produced.body()).isEqualTo(200);
        assertThat(json.readTree(produced.body()).path("offsets").get(0).path("partition").asInt()).isZero();
        assertThat(node1.calls()).contains("POST moving-0");
        assertThat(node1.log("moving-0")).isEmpty();
        assertThat(node2.log("moving-0")).hasSize(1);
        assertThat(new String(node2.log("moving-0").get(0).value(), StandardCharsets.UTF_8)).isEqualTo("42");
    }

    @Test
    @Order(5)
    void aNodeThatIsDownIsAnswered50302OnceTheDeliveryTimeoutIsSpent() throws Exception {
        HttpResponse<String> allDown = post("/topics/orders/partitions/2", BINARY,
                "{\"records\":[{\"value\":\"" + b64("x") + "\"}]}");
        assertThat(allDown.statusCode()).isEqualTo(503);
        assertThat(json.readTree(allDown.body()).path("error_code").asInt()).isEqualTo(50302);

        HttpResponse<String> someDown = post("/topics/orders", BINARY, "{\"records\":["
                + "{\"value\":\"" + b64("a") + "\",\"partition\":2},{\"value\":\"" + b64("b") + "\",\"partition\":0}]}");
        assertThat(someDown.statusCode()).isEqualTo(200);
        JsonNode offsets = json.readTree(someDown.body()).path("offsets");
        assertThat(offsets.get(0).path("error_code").asInt()).isEqualTo(50302);
        assertThat(offsets.get(0).path("partition").isNull()).isTrue();
        assertThat(offsets.get(1).path("partition").asInt()).isZero();

        assertThat(getJson("/topics/orders/partitions/2/records?offset=0", 503).path("error_code").asInt())
                .isEqualTo(50302);

        zk.delete().forPath(ZkPaths.broker(3));
        waitFor("broker 3 to be gone", () -> getJson("/brokers", 200).size() == 1
                && getJson("/brokers", 200).path("brokers").size() == 2 ? Boolean.TRUE : null);
        assertThat(getJson("/topics/orders/partitions/2/offsets", 503).path("error_code").asInt()).isEqualTo(50302);
    }

    @Test
    @Order(6)
    void bodiesOverTheCapAreRefusedWith413() throws Exception {
        String big = "{\"records\":[{\"value\":\"" + "A".repeat(100_000) + "\"}]}";

        HttpResponse<String> declared = post("/topics/orders", BINARY, big);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json.readTree(declared.body()).path("error_code").asInt()).isEqualTo(41301);

        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create(base + "/topics/orders"))
                .header("Content-Type", BINARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(json.readTree(chunked.body()).path("error_code").asInt()).isEqualTo(41301);

        HttpResponse<String> recordTooLarge = post("/topics/orders/partitions/0", BINARY,
                "{\"records\":[{\"value\":\"" + b64("y".repeat(2001)) + "\"}]}");
        assertThat(recordTooLarge.statusCode()).isEqualTo(413);
        assertThat(node1.log("orders-0")).hasSize(3);
    }

    @Test
    @Order(7)
    void hostilePathsAndUnknownRoutesGetJsonErrors() throws Exception {
        for (String path : List.of("/topics/a%2Fb", "/topics/%2e%2e", "/topics/%2E%2E/partitions/0/records?offset=0",
                "/topics/a%5Cb", "/topics/..", "/topics/a%20b", "/topics/caf%C3%A9", "/topics/a%00b",
                "/topics/" + "x".repeat(250))) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(json.readTree(response.body()).path("error_code").asInt()).as(path).isEqualTo(40001);
        }
        HttpResponse<String> encodedSlashProduce = post("/topics/..%2F..%2Fetc", BINARY, "{\"records\":[]}");
        assertThat(encodedSlashProduce.statusCode()).isEqualTo(400);
        assertThat(getJson("/no/such/route", 404).path("error_code").asInt()).isEqualTo(404);
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(URI.create(base + "/topics/orders")).DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json.readTree(wrongMethod.body()).path("error_code").asInt()).isEqualTo(405);
        assertThat(node1.calls().stream().filter(call -> !call.contains("orders-") && !call.contains("moving-")))
                .isEmpty();
    }

    @Test
    @Order(8)
    void requestLinesTomcatRefusesStillGetJsonErrors() throws Exception {
        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        for (String target : List.of("/topics/a b", "/topics/a{b", "/topics/a%zzb", "/topics/%2e%2e")) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).as(target).startsWith("HTTP/1.1 400").contains("application/json")
                        .contains("{\"error_code\":40001,\"message\":\"the server refused the request (HTTP 400)");
            }
        }
    }

    @Test
    @Order(9)
    void adminCallsAreForwardedVerbatimToTheActiveController() throws Exception {
        controllerA = new FakeController();
        controllerB = new FakeController();
        LeaderLatch latchA = latch(controllerA.url());
        assertThat(latchA.await(10, TimeUnit.SECONDS)).isTrue();
        latch(controllerB.url());
        waitFor("the gateway to see controller A", () -> controllerA.url().equals(getJson("/actuator/health", 200)
                .path("components").path("metadata").path("details").path("active_controller").asString())
                ? Boolean.TRUE : null);

        HttpResponse<String> created = send(HttpRequest.newBuilder(
                        URI.create(base + "/v3/clusters/c1/topics?validate=true&x=%2F"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic_name\":\"t\"}")));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue(controllerA.url() + "/v3/created");
        JsonNode echo = json.readTree(created.body());
        assertThat(echo.path("served_by").asString()).isEqualTo(controllerA.url());
        assertThat(echo.path("method").asString()).isEqualTo("POST");
        assertThat(echo.path("path").asString()).isEqualTo("/v3/clusters/c1/topics");
        assertThat(echo.path("query").asString()).isEqualTo("validate=true&x=%2F");
        assertThat(echo.path("body").asString()).isEqualTo("{\"topic_name\":\"t\"}");
        assertThat(echo.path("content_type").asString()).isEqualTo("application/json");
        assertThat(echo.path("forwarded_host").asString()).isEqualTo("127.0.0.1");
        assertThat(echo.path("forwarded_proto").asString()).isEqualTo("http");
        assertThat(echo.path("forwarded_port").asString()).isEqualTo(base.substring(base.lastIndexOf(':') + 1));

        controllerA.standbyOnce(() -> closeAndWaitForLeader(latchA, controllerB.url()));
        JsonNode afterFailover = getJson("/v3/clusters", 200);
        assertThat(afterFailover.path("served_by").asString()).isEqualTo(controllerB.url());
        assertThat(afterFailover.path("method").asString()).isEqualTo("GET");
    }

    @Test
    @Order(10)
    void clientForwardingHeadersAreNotTrustedAndNoPathReachesAnotherControllerRoute() throws Exception {
        for (String[] header : new String[][] {{"X-Forwarded-Prefix", "/internal/v1"},
                {"X-Forwarded-Prefix", "evil"}, {"X-Forwarded-Host", "attacker.example"},
                {"X-Forwarded-Host", "a b"}, {"Forwarded", "host=attacker.example;proto=https"}}) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/v3/clusters/c1/topics"))
                    .header(header[0], header[1]).GET());
            assertThat(answer.statusCode()).as("%s: %s", header[0], header[1]).isEqualTo(200);
            JsonNode echo = json.readTree(answer.body());
            assertThat(echo.path("path").asString()).as(header[0]).isEqualTo("/v3/clusters/c1/topics");
            assertThat(echo.path("forwarded_host").asString()).as(header[0]).isEqualTo("127.0.0.1");
            assertThat(echo.path("forwarded_proto").asString()).as(header[0]).isEqualTo("http");
        }
        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        for (String target : List.of("/v3/../internal/v1/topics", "/v3/clusters/../../internal/v1/topics",
                "/v3/%2e%2e/internal/v1/topics", "/v3/..;/internal/v1/topics", "//v3/../internal/v1/topics",
                "/kafka/v3/../internal/v1/topics", "/kafka/v3/clusters/../../internal/v1/topics",
                "/v3/clusters/c1/topics/secret%3Bx", "/kafka/v3/clusters/c1/topics/secret%3bx/configs")) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(target).startsWith("HTTP/1.1 4").doesNotContain("served_by");
            }
        }
        assertThat(getJson("/", 200).isEmpty()).as("Confluent's root answers {}").isTrue();
    }

    @Test
    @Order(11)
    void slowAndStalledBodiesHoldNoThreadAndAreAnswered408() throws Exception {
        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("POST /topics/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                        + BINARY + "\r\nContent-Length: 60000\r\n\r\n{\"records\":[").getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            long start = System.nanoTime();
            assertThat(getJson("/topics", 200)).isNotEmpty();
            assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/readyz")).GET()).statusCode()).isEqualTo(200);
            HttpResponse<String> produced = post("/topics/orders/partitions/0", BINARY,
                    "{\"records\":[{\"value\":\"" + b64("while others stall") + "\"}]}");
            assertThat(produced.statusCode()).as(produced.body()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("served while 250 bodies stall")
                    .isLessThan(Duration.ofSeconds(2));
            for (Socket socket : slow) {
                String answer = new String(socket.getInputStream().readNBytes(200), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 408").contains("Connection: close");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }

        try (Socket trickle = new Socket("127.0.0.1", port)) {
            trickle.setSoTimeout(30_000);
            trickle.getOutputStream().write(("POST /topics/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + BINARY + "\r\nContent-Length: 60000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            while (trickle.getInputStream().available() == 0 && Duration.ofNanos(System.nanoTime() - start)
                    .compareTo(Duration.ofSeconds(10)) < 0) {
                trickle.getOutputStream().write(' ');
                Thread.sleep(500);
            }
            String answer = new String(trickle.getInputStream().readNBytes(400), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("40801").contains("body-read-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    @Order(12)
    void browsersGetSecurityHeadersAndOnlyTheConfiguredOriginMayCallAcross() throws Exception {
        HttpResponse<String> console = get("/ui/index.html", null);
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(console.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(console.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<String> api = get("/topics", null);
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.headers().firstValue("Content-Security-Policy")).isEmpty();

        HttpResponse<String> allowed = send(HttpRequest.newBuilder(URI.create(base + "/topics/orders"))
                .header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create(base + "/topics/orders"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(base + "/topics"))
                .header("Origin", "https://evil.example").GET());
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private LeaderLatch latch(String id) throws Exception {
        LeaderLatch latch = new LeaderLatch(zk, ZkPaths.CONTROLLER, id);
        latches.add(latch);
        latch.start();
        return latch;
    }

    /** Closes a latch and waits until ZooKeeper names the expected next leader, as a failover would. */
    private void closeAndWaitForLeader(LeaderLatch latch, String expected) {
        try {
            latch.close();
            LeaderLatch observer = new LeaderLatch(zk, ZkPaths.CONTROLLER);
            waitFor("the next controller", () -> expected.equals(observer.getLeader().getId()) ? Boolean.TRUE : null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void register(int id, int port) throws Exception {
        zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.broker(id),
                ("{\"host\":\"127.0.0.1\",\"port\":" + port + ",\"rack\":null}").getBytes(StandardCharsets.UTF_8));
    }

    private void topic(String name, String partitions, String configs) throws Exception {
        zk.create().creatingParentsIfNeeded().forPath(ZkPaths.topic(name), ("{\"topic_id\":\"id-" + name
                + "\",\"partitions\":" + partitions + ",\"configs\":" + configs + "}").getBytes(StandardCharsets.UTF_8));
    }

    private void state(String topic, int partition, int leader) {
        byte[] data = ("{\"leader\":" + leader + ",\"leader_epoch\":" + leader + ",\"isr\":[" + leader
                + "],\"controller_epoch\":1}").getBytes(StandardCharsets.UTF_8);
        try {
            String path = ZkPaths.partitionState(topic, partition);
            if (zk.checkExists().forPath(path) == null) {
                zk.create().creatingParentsIfNeeded().forPath(path, data);
            } else {
                zk.setData().forPath(path, data);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode getJson(String path, int expectedStatus) throws IOException {
        HttpResponse<String> response = get(path, null);
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String accept) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create((path.startsWith("/actuator") ? management
                : base) + path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request);
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls {@code probe} until it gives a value (null: not yet), for at most {@link #WAIT}. */
    private static <T> T waitFor(String what, Probe<T> probe) {
        return await(what).atMost(WAIT).until(probe::get, Objects::nonNull);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
