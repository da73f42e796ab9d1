package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.ServiceNode;
import dev.streamlog.it.kit.StreamlogCluster;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The internal routes of storage nodes, controllers and coordinators, closed to callers that are not members of the
 * cluster: an anonymous call to any of them (every route each service has, and paths no handler knows) is answered
 * 401 with 40101 and changes nothing; so is a call signed with another secret or signed too long ago. The named
 * attack of issue 21: an anonymous {@code leader-and-isr} with controller epoch 2147483647, which used to make a
 * storage node refuse every later push from the real controller (on the build before the guard: the hijack answered
 * 200, a push of the real epoch after it 409/40904, and the controller logged {@code leader_and_isr_fenced} for
 * every node; produce still worked, since the nodes also follow ZooKeeper). Real processes, real ZooKeeper, the kit's cluster
 * secret; health stays open for orchestrators.
 */
class InternalAuthIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String TOPIC = "guarded";

    private static StreamlogCluster cluster;
    private static GatewayApi gateway;
    private static String clusterId;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);

    @BeforeAll
    static void startCluster() {
        cluster = StreamlogCluster.builder().name("internal-auth").controllers(1).storageNodes(3).coordinators(1)
                .gateways(1).build();
        gateway = cluster.gatewayApi();
        clusterId = gateway.clusterId(BOUND);
        assertThat(gateway.createTopic(clusterId, TOPIC, 1, 3).status()).isEqualTo(201);
        gateway.awaitTopicReady(TOPIC, 1, BOUND);
        assertThat(gateway.produce(TOPIC, 0, Http.KAFKA_JSON, "{\"records\":[{\"value\":1}]}").status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anAnonymousLeaderAndIsrWithTheHighestControllerEpochIsRefusedAndTheRealControllerStillLeads()
            throws Exception {
        String hijack = "{\"controller_epoch\":2147483647,\"partitions\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0,"
                + "\"replicas\":[1,2,3],\"state\":{\"leader\":1,\"leader_epoch\":2147483647,\"isr\":[1],"
                + "\"controller_epoch\":2147483647},\"zk_version\":2147483647}]}";
        for (ServiceNode storage : cluster.storageNodes()) {
            HttpResult answer = cluster.http().post(storage.baseUrl() + "/internal/v1/leader-and-isr",
                    Http.JSON_TYPE, hijack);
            assertRefused(answer, "carries no Streamlog-Signature header");
        }

        ServiceNode controller = cluster.controllers().get(0);
        int epoch = cluster.http().get(controller.baseUrl() + "/actuator/info").json().path("controller")
                .path("controller_epoch").asInt();
        for (ServiceNode storage : cluster.storageNodes()) {
            HttpResult push = cluster.internalHttp().post(storage.baseUrl() + "/internal/v1/leader-and-isr",
                    Http.JSON_TYPE, "{\"controller_epoch\":" + epoch + ",\"partitions\":[]}");
            assertThat(push.status()).as("a push of the real controller's epoch %d: %s", epoch, push).isEqualTo(200);
        }

        String after = "after-the-hijack";
        assertThat(gateway.createTopic(clusterId, after, 3, 3).status()).isEqualTo(201);
        gateway.awaitTopicReady(after, 3, BOUND);
        for (int partition = 0; partition < 3; partition++) {
            HttpResult produced = gateway.produce(after, partition, Http.KAFKA_JSON,
                    "{\"records\":[{\"value\":\"still led by the real controller\"}]}");
            assertThat(produced.status()).as("%s", produced).isEqualTo(200);
        }
        assertThat(Files.readString(controller.logFile())).as("the controller's log")
                .doesNotContain("event=leader_and_isr_fenced");
    }

    @Test
    void everyInternalRouteRefusesAnAnonymousCallAndChangesNothing() {
        long endBefore = endOffset(TOPIC);
        long offsetsEndBefore = endOffset("__consumer_offsets");
        SoftAssertions softly = new SoftAssertions();
        for (ServiceNode storage : cluster.storageNodes()) {
            String records = "/internal/v1/partitions/" + TOPIC + "/0/records";
            for (String[] call : new String[][] {
                    {"POST", records + "?acks=all", Http.JSON_TYPE, "{\"records\":[{\"value\":\"eA==\"}]}"},
                    {"POST", "/internal/v1/partitions/__consumer_offsets/0/records?acks=all", Http.JSON_TYPE,
                            "{\"records\":[{\"value\":\"eA==\"}]}"},
                    {"POST", "/internal/v1/appends?acks=all", "application/vnd.streamlog.appends.v1", "x"},
                    {"GET", records + "?offset=0&max_bytes=1000", null, null},
                    {"GET", "/internal/v1/partitions/" + TOPIC + "/0/offsets", null, null},
                    {"GET", "/internal/v1/partitions/" + TOPIC + "/0/offsets/by-timestamp?timestamp=0", null, null},
                    {"POST", "/internal/v1/replica-fetches", "application/vnd.streamlog.replica-fetch.v1", "x"},
                    {"GET", "/internal/v1/replicas/" + TOPIC + "/0/epoch-end-offset?epoch=0&leader_epoch=0", null,
                            null},
                    {"POST", "/internal/v1/leader-and-isr", Http.JSON_TYPE, "{}"},
                    {"GET", "/internal/v1/no-such-route", null, null},
                    {"GET", "/", null, null}}) {
                expectRefused(softly, anonymous(storage, call));
            }
        }
        ServiceNode controller = cluster.controllers().get(0);
        for (String[] call : new String[][] {
                {"POST", "/internal/v1/topics", Http.JSON_TYPE, "{\"topic_name\":\"planted\",\"partitions_count\":1,"
                        + "\"replication_factor\":1}"},
                {"POST", "/internal/v1/topics/" + TOPIC + "/replication-factor", Http.JSON_TYPE,
                        "{\"replication_factor\":1}"},
                {"GET", "/v3/clusters", null, null},
                {"POST", "/v3/clusters/" + clusterId + "/topics", Http.JSON_TYPE,
                        "{\"topic_name\":\"planted\",\"partitions_count\":1}"},
                {"DELETE", "/v3/clusters/" + clusterId + "/topics/" + TOPIC, null, null},
                {"GET", "/v3/clusters/" + clusterId + "/brokers", null, null},
                {"GET", "/no-such-route", null, null}}) {
            expectRefused(softly, anonymous(controller, call));
        }
        ServiceNode coordinator = cluster.coordinators().get(0);
        String instances = "/internal/v1/groups/g/instances";
        for (String[] call : new String[][] {
                {"GET", "/internal/v1/groups", null, null},
                {"GET", "/internal/v1/groups/g", null, null},
                {"GET", "/internal/v1/groups/g/lags", null, null},
                {"GET", "/internal/v1/groups/g/offsets", null, null},
                {"POST", "/internal/v1/groups/g/offsets", Http.JSON_TYPE, "{\"offsets\":[]}"},
                {"POST", instances, Http.JSON_TYPE, "{\"name\":\"i\"}"},
                {"POST", instances + "/i/subscription", Http.JSON_TYPE, "{\"topics\":[\"" + TOPIC + "\"]}"},
                {"POST", instances + "/i/poll", null, null},
                {"POST", instances + "/i/offsets", Http.JSON_TYPE, "{}"},
                {"DELETE", instances + "/i", null, null}}) {
            expectRefused(softly, anonymous(coordinator, call));
        }
        softly.assertAll();

        assertThat(endOffset(TOPIC)).as("the end offset of %s after the anonymous appends", TOPIC)
                .isEqualTo(endBefore);
        assertThat(endOffset("__consumer_offsets")).as("the end offset of __consumer_offsets partition 0")
                .isEqualTo(offsetsEndBefore);
        JsonNode topics = cluster.http().get(gateway.url("/topics"), Http.KAFKA_V2).json();
        assertThat(topics.toString()).doesNotContain("planted");
        assertThat(gateway.offsets(TOPIC, 0).status()).as("%s still exists", TOPIC).isEqualTo(200);
    }

    @Test
    void aCallSignedWithAnotherSecretOrOutsideTheClockSkewIsRefusedAndAMembersCallIsServed() {
        ServiceNode coordinator = cluster.coordinators().get(0);
        URI groups = URI.create(coordinator.baseUrl() + "/internal/v1/groups");
        ClusterSignature stranger = new ClusterSignature("not-this-clusters-secret-0123456789abcdef",
                Duration.ofSeconds(30), Clock.systemUTC());
        ClusterSignature stale = cluster.signature(Clock.fixed(Instant.now().minus(Duration.ofMinutes(5)),
                ZoneOffset.UTC));

        assertRefused(cluster.http().send(cluster.http().request(groups.toString())
                .header(ClusterSignature.HEADER, stranger.sign("GET", groups)).GET()), "does not match");
        assertRefused(cluster.http().send(cluster.http().request(groups.toString())
                .header(ClusterSignature.HEADER, stale.sign("GET", groups)).GET()), "clock skew");
        assertRefused(cluster.http().send(cluster.http().request(groups.toString())
                .header(ClusterSignature.HEADER, cluster.signature().sign("GET", "/internal/v1/groups/other", null))
                .GET()), "does not match");

        HttpResult member = cluster.internalHttp().get(groups.toString());
        assertThat(member.status()).as("%s", member).isEqualTo(200);
    }

    @Test
    void healthStaysOpenOnEveryNode() {
        List<ServiceNode> nodes = new ArrayList<>();
        nodes.addAll(cluster.storageNodes());
        nodes.addAll(cluster.controllers());
        nodes.addAll(cluster.coordinators());
        for (ServiceNode node : nodes) {
            HttpResult health = cluster.http().get(node.managementUrl() + "/actuator/health");
            assertThat(health.status()).as("%s", health).isEqualTo(200);
        }
    }

    /** Partition 0's end offset, read by a member from its leader (the gateway shows no internal topic). */
    private static long endOffset(String topic) {
        for (ServiceNode storage : cluster.storageNodes()) {
            HttpResult offsets = cluster.internalHttp().get(storage.baseUrl() + "/internal/v1/partitions/" + topic
                    + "/0/offsets");
            if (offsets.status() == 200) {
                return offsets.json().path("end_offset").asLong();
            }
        }
        throw new AssertionError("no storage node leads " + topic + "-0");
    }

    /** {@code call}: method, path and query, content type or null, body or null; sent without a signature. */
    private static HttpResult anonymous(ServiceNode node, String[] call) {
        HttpRequest.Builder request = cluster.http().request(node.baseUrl() + call[1]);
        if (call[2] != null) {
            request.header("Content-Type", call[2]);
        }
        request.method(call[0], call[3] == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call[3]));
        return cluster.http().send(request);
    }

    private static void expectRefused(SoftAssertions softly, HttpResult answer) {
        softly.assertThat(answer.status()).as("%s", answer).isEqualTo(401);
        softly.assertThat(answer.body()).as("%s", answer).contains("\"error_code\":40101");
        softly.assertThat(answer.headers().firstValue("WWW-Authenticate")).as("%s", answer)
                .contains(ClusterSignature.HEADER);
    }

    private static void assertRefused(HttpResult answer, String why) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(401);
        assertThat(answer.body()).as("%s", answer).contains("\"error_code\":40101").contains(why);
    }
}
