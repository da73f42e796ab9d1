package dev.streamlog.it;

import static dev.streamlog.it.ErrorBodies.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.RawHttp.Upload;
import dev.streamlog.it.kit.RawHttp;
import dev.streamlog.it.kit.Role;
import dev.streamlog.it.kit.ServiceNode;
import dev.streamlog.it.kit.StreamlogCluster;
import dev.streamlog.model.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks the bad-input list against a running gateway (1 controller, 2 storage nodes,
 * real ZooKeeper): each case must get its documented status and a JSON error body with
 * {@code error_code} and {@code message}, never a 500; hostile topic names must not create a
 * file or directory anywhere; an oversized body is refused before it is read; a dead storage
 * node gives 503 rather than a hang. Within a test every case is checked (soft assertions) so
 * one run lists every deviation; service logs are named in every failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    private static final String TOPIC = "bad-input";
    private static final int PARTITIONS = 2;
    private static final String RECORD = "{\"records\":[{\"key\":\"k\",\"value\":{\"a\":1}}]}";
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(30);
    /** Larger than the 8 MiB request cap by far, so a gateway that reads it all is caught. */
    private static final long OVERSIZED = 64L * 1024 * 1024;
    /** Part of every hostile name that could become a path, to look for it on disk afterwards. */
    private static final String MARKER = "slit";

    private static StreamlogCluster cluster;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);
    private static GatewayApi gateway;
    private static Http http;
    private static String clusterId;

    @BeforeAll
    static void startCluster() {
        cluster = StreamlogCluster.builder().controllers(1).storageNodes(2).gateways(1)
                .property(Role.GATEWAY, "streamlog.gateway.storage-timeout", "5s")
                .property(Role.GATEWAY, "streamlog.gateway.delivery-timeout", "3s")
                .build();
        gateway = cluster.gatewayApi();
        http = cluster.http();
        clusterId = gateway.clusterId(BOUND);
        HttpResult created = gateway.createTopic(clusterId, TOPIC, PARTITIONS, 1);
        assertThat(created.status()).as("%s\n%s", created, cluster.logFiles()).isEqualTo(201);
        gateway.awaitTopicReady(TOPIC, PARTITIONS, BOUND);
        for (int partition = 0; partition < PARTITIONS; partition++) {
            HttpResult produced = gateway.produce(TOPIC, partition, Http.KAFKA_JSON, RECORD);
            assertThat(produced.status()).as("%s\n%s", produced, cluster.logFiles()).isEqualTo(200);
        }
    }


    @Test
    @Order(1)
    void unknownTopicIs404() {
        SoftAssertions softly = soft();
        expectError(softly, http.get(gateway.url("/topics/no-such-topic"), Http.KAFKA_V2), 404, 40403);
        expectError(softly, http.get(gateway.url("/topics/no-such-topic/partitions"), Http.KAFKA_V2), 404, 40403);
        expectError(softly, gateway.produce("no-such-topic", Http.KAFKA_JSON, RECORD), 404, 40401);
        expectError(softly, gateway.produce("no-such-topic", 0, Http.KAFKA_JSON, RECORD), 404, 40401);
        expectError(softly, gateway.offsets("no-such-topic", 0), 404, 40401);
        expectError(softly, gateway.records("no-such-topic", 0, 0, 1024), 404, 40401);
        softly.assertAll();
    }

    @Test
    @Order(2)
    void partitionOutOfRangeIs404With40402() {
        SoftAssertions softly = soft();
        expectError(softly, http.get(gateway.url("/topics/" + TOPIC + "/partitions/" + PARTITIONS), Http.KAFKA_V2), 404, 40402);
        expectError(softly, gateway.produce(TOPIC, PARTITIONS, Http.KAFKA_JSON, RECORD), 404, 40402);
        expectError(softly, gateway.produce(TOPIC, 99, Http.KAFKA_JSON, RECORD), 404, 40402);
        expectError(softly, gateway.offsets(TOPIC, 99), 404, 40402);
        expectError(softly, gateway.records(TOPIC, 99, 0, 1024), 404, 40402);
        softly.assertAll();
    }

    @Test
    @Order(3)
    void malformedJsonIs400With40001() {
        SoftAssertions softly = soft();
        for (String body : List.of("{\"records\":[{\"value\":", "not json at all", "{\"records\":[{\"value\":1}]}}}")) {
            expectError(softly, gateway.produce(TOPIC, Http.KAFKA_JSON, body), 400, 40001);
            expectError(softly, gateway.produce(TOPIC, 0, Http.KAFKA_JSON, body), 400, 40001);
        }
        expectError(softly, http.post(gateway.url("/v3/clusters/" + clusterId + "/topics"), Http.JSON_TYPE,
                "{\"topic_name\":"), 400, 40001);
        softly.assertAll();
    }

    @Test
    @Order(4)
    void jsonOfTheWrongShapeIs422With42201() {
        SoftAssertions softly = soft();
        for (String body : List.of("{\"records\":\"not a list\"}", "[1,2,3]",
                "{\"records\":[{\"value\":1,\"partition\":\"zero\"}]}", "{\"records\":[{\"value\":1,\"timestamp\":\"noon\"}]}")) {
            expectError(softly, gateway.produce(TOPIC, Http.KAFKA_JSON, body), 422, 42201);
        }
        softly.assertAll();
    }

    @Test
    @Order(5)
    void wrongMediaTypeIs415() {
        SoftAssertions softly = soft();
        for (String type : List.of("text/plain", "application/xml", "application/vnd.kafka.avro.v2+json")) {
            expectError(softly, gateway.produce(TOPIC, type, RECORD), 415, 415);
            expectError(softly, gateway.produce(TOPIC, 0, type, RECORD), 415, 415);
        }
        softly.assertAll();
    }

    @Test
    @Order(6)
    void negativeOrNonNumericReadParametersAre400() {
        SoftAssertions softly = soft();
        String records = "/topics/" + TOPIC + "/partitions/0/records";
        for (String query : List.of("?offset=-1", "?offset=0&max_bytes=-1", "?offset=0&timeout=-1", "?offset=abc",
                "?offset=0&max_bytes=lots")) {
            expectError(softly, http.get(gateway.url(records + query), Http.KAFKA_JSON), 400, 40001);
        }
        expectError(softly, http.get(gateway.url("/topics/" + TOPIC + "/partitions/abc"), Http.KAFKA_V2), 400, 40001);
        softly.assertAll();
    }

    @Test
    @Order(7)
    void hostileTopicNamesAre400AndTouchNoFile() throws IOException {
        Set<String> before = dataDirTree();
        Set<Path> outside = outsidePlaces();
        // path segment as sent -> the name it decodes to
        Map<String, String> names = new LinkedHashMap<>();
        names.put("a%2Fb", "a/b");
        names.put("..%2F..%2F" + MARKER + "-up", "../../" + MARKER + "-up");
        names.put("%2e%2e", "..");
        names.put("%2E%2E%2F" + MARKER + "-dots", "../" + MARKER + "-dots");
        names.put(MARKER + "%20space", MARKER + " space");
        names.put(MARKER + "-t%C3%B6pic", MARKER + "-töpic");
        names.put(MARKER + "-%E2%80%AE", MARKER + "-\u202e");
        names.put(MARKER + "a".repeat(246), MARKER + "a".repeat(246));

        SoftAssertions softly = soft();
        for (Map.Entry<String, String> name : names.entrySet()) {
            String segment = name.getKey();
            expectError(softly, http.get(gateway.url("/topics/" + segment), Http.KAFKA_V2), 400, 40001);
            expectError(softly, http.post(gateway.url("/topics/" + segment), Http.KAFKA_JSON, RECORD), 400, 40001);
            expectError(softly, http.post(gateway.url("/topics/" + segment + "/partitions/0"), Http.KAFKA_JSON, RECORD),
                    400, 40001);
            expectError(softly, http.get(gateway.url("/topics/" + segment + "/partitions/0/records?offset=0"),
                    Http.KAFKA_JSON), 400, 40001);
            expectError(softly, gateway.createTopic(clusterId, name.getValue(), 1, 1), 400, 40001);
        }
        for (String method : List.of("GET", "POST")) {
            for (String target : List.of("/topics/..", "/topics/../partitions/0/records?offset=0",
                    "/topics/" + TOPIC + "/../..", "/topics/%2e%2e/partitions/0")) {
                RawHttp.RawResponse answer = RawHttp.exchange(cluster.gateway().port(), method, target,
                        method.equals("POST") ? Http.KAFKA_JSON : null, method.equals("POST") ? RECORD.getBytes(java.nio.charset.StandardCharsets.UTF_8) : null,
                        ANSWER_BOUND);
                // Dot segments may be resolved before routing (then no route matches), or reach the name check.
                softly.assertThat(answer.status()).as("%s %s -> %s", method, target, answer).isIn(400, 404, 405);
                int expectedCode = switch (answer.status()) {
                    case 404 -> ErrorCode.NOT_FOUND.code();
                    case 405 -> ErrorCode.METHOD_NOT_ALLOWED.code();
                    default -> ErrorCode.BAD_REQUEST.code();
                };
                expectError(softly, method + " " + target, answer, answer.status(), expectedCode);
            }
        }

        softly.assertThat(dataDirTree()).as("directories under the storage data dirs").isEqualTo(before);
        for (Path place : outside) {
            try (Stream<Path> entries = Files.list(place)) {
                softly.assertThat(entries.map(Path::getFileName).map(Path::toString).filter(n -> n.contains(MARKER)))
                        .as("entries named after a hostile topic in %s", place).isEmpty();
            }
        }
        softly.assertAll();
    }

    @Test
    @Order(8)
    void oversizedBodiesAre413BeforeTheyAreRead() throws IOException {
        SoftAssertions softly = soft();
        for (boolean chunked : new boolean[] {false, true}) {
            Upload upload = RawHttp.upload(cluster.gateway().port(), "/topics/" + TOPIC, Http.KAFKA_JSON, OVERSIZED, chunked,
                    ANSWER_BOUND);
            String what = (chunked ? "chunked" : "Content-Length") + " upload of " + OVERSIZED + " bytes";
            expectError(softly, what, upload.response(), 413, 41301);
            softly.assertThat(upload.sentWhenAnswered()).as("bytes of the %s sent before the answer came (%s)", what, upload)
                    .isLessThan(OVERSIZED);
        }
        softly.assertThat(http.get(gateway.url("/topics"), Http.KAFKA_V2).status()).as("the gateway still serves").isEqualTo(200);
        softly.assertAll();
    }

    @Test
    @Order(9)
    void aDeadStorageNodeGives503With50302OrNoLeaderRatherThanAHang() {
        HttpResult partitions = http.get(gateway.url("/topics/" + TOPIC + "/partitions"), Http.KAFKA_V2);
        assertThat(partitions.status()).as("%s", partitions).isEqualTo(200);
        int leader = partitions.json().path(0).path("leader").asInt();
        ServiceNode victim = cluster.storageNode(leader);
        victim.kill();
        try {
            SoftAssertions softly = soft();
            // Asked again within the delivery timeout (3 s here) and the read patience (2 s): the node is down
            // (50302) or, once its ZooKeeper session ended, the partition has no leader (40404).
            for (HttpResult answer : List.of(gateway.produce(TOPIC, 0, Http.KAFKA_JSON, RECORD),
                    gateway.records(TOPIC, 0, 0, 1024))) {
                softly.assertThat(answer.status() * 100_000 + answer.json().path("error_code").asInt())
                        .as("%s", answer).isIn(503 * 100_000 + 50302, 404 * 100_000 + 40404);
            }
            softly.assertAll();
        } finally {
            victim.start();
        }
    }

    private static SoftAssertions soft() {
        return new SoftAssertions();
    }

    /** Every directory under the storage nodes' data dirs, relative to the cluster's work dir. */
    private static Set<String> dataDirTree() {
        Set<String> tree = new TreeSet<>();
        for (ServiceNode node : cluster.storageNodes()) {
            try (Stream<Path> paths = Files.walk(node.dataDir())) {
                paths.filter(Files::isDirectory).map(path -> cluster.workDir().relativize(path).toString()).forEach(tree::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tree;
    }

    /** Where a name with parent references would land: the work dir, its parent, and the file system root. */
    private static Set<Path> outsidePlaces() {
        Path work = cluster.workDir();
        return Stream.of(work, work.getParent(), work.getRoot()).collect(Collectors.toSet());
    }
}
