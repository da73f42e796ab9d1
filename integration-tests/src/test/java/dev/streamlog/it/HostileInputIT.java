package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.RawHttp;
import dev.streamlog.it.kit.RawHttp.RawResponse;
import dev.streamlog.it.kit.RecordStream;
import dev.streamlog.it.kit.ServiceNode;
import dev.streamlog.it.kit.StreamlogCluster;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The hostile-input suite: well over a thousand malformed and hostile requests against a real cluster (1
 * controller, 3 storage nodes, 1 coordinator, 1 gateway, each its own process with a 256 MB heap), by class:
 * forwarding headers, path tricks, malformed bodies on every body route and bad query values, huge counts,
 * protocol faults sent byte for byte, slow and stalled uploads, many large bodies at once, and the storage nodes'
 * internal routes.
 *
 * <p>Every answer must come within its bound (no hang) and be a success or a 4xx whose body is
 * {@code {"error_code","message"}} with a code of its status and a message naming no Java type: never a 5xx. A
 * few byte sequences that are not HTTP at all may instead be closed without an answer. Afterwards every node is
 * healthy, no node's log holds an {@code OutOfMemoryError}, and no request reached an internal route (no topic
 * exists but the suite's and {@code __consumer_offsets}). The classes run in order and share the count.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final String TOPIC = "hostile";
    /** Made by the one well-formed public create the header class sends (with each hostile header). */
    private static final String HEADER_TOPIC = "hdr-x";
    private static final Duration BOUND = Duration.ofSeconds(120);
    /** The longest any one hostile request may take to be answered. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(30);
    private static final String BINARY = "application/vnd.kafka.binary.v2+json";
    private static final String TEXT = "application/vnd.kafka.text.v2+json";
    private static final String JSON = Http.KAFKA_JSON;
    private static final String V2 = Http.KAFKA_V2;
    private static final String GOOD_RECORD = "{\"records\":[{\"key\":\"k\",\"value\":{\"a\":1}}]}";
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "\\b(java|javax|jakarta|tools\\.jackson|com\\.fasterxml|dev\\.streamlog|org\\.springframework)\\.|Exception\\b");

    private static StreamlogCluster cluster;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);
    private static GatewayApi gateway;
    private static int port;
    private static String clusterId;
    private static final AtomicInteger requests = new AtomicInteger();
    private static final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    /** How many violations there were when the running test started. */
    private static int violationsBefore;

    @BeforeEach
    void countFromHere() {
        violationsBefore = violations.size();
    }

    @BeforeAll
    static void startCluster() {
        cluster = StreamlogCluster.builder().controllers(1).storageNodes(3).coordinators(1).gateways(1).build();
        gateway = cluster.gatewayApi();
        port = cluster.gateway().port();
        clusterId = gateway.clusterId(BOUND);
        assertThat(gateway.createTopic(clusterId, TOPIC, 3, 3).status()).isEqualTo(201);
        assertThat(gateway.produce(TOPIC, JSON, GOOD_RECORD).status()).isEqualTo(200);
        Await.until(BOUND, "a consumer instance (the group coordinator ready)", () -> cluster.http().post(
                gateway.url("/consumers/hostile-group"), V2, "{\"name\":\"c1\",\"format\":\"json\"}").status() == 200);
    }

    @AfterAll
    static void report() {
        System.out.printf("HostileInputIT: %d hostile requests, %d violations%n", requests.get(), violations.size());
    }

    @Test
    @Order(1)
    void forwardingAndOtherHeadersCannotRerouteOrBreakAnything() {
        List<String[]> headers = List.of(
                new String[] {"X-Forwarded-Prefix", "/internal/v1"}, new String[] {"X-Forwarded-Prefix", "evil"},
                new String[] {"X-Forwarded-Prefix", "/../internal"}, new String[] {"X-Forwarded-Prefix", "%00"},
                new String[] {"X-Forwarded-Host", "a b"}, new String[] {"X-Forwarded-Host", "evil.example:99999"},
                new String[] {"X-Forwarded-Host", "["}, new String[] {"X-Forwarded-Host", ""},
                new String[] {"X-Forwarded-Proto", "gopher"}, new String[] {"X-Forwarded-Proto", "https, http"},
                new String[] {"X-Forwarded-Port", "-1"}, new String[] {"X-Forwarded-Port", "99999999999"},
                new String[] {"X-Forwarded-Port", "abc"}, new String[] {"X-Forwarded-For", "::::, 999.1.1.1"},
                new String[] {"Forwarded", "for=;;;host"}, new String[] {"Forwarded", "host=\"a b\";proto=ftp"},
                new String[] {"X-HTTP-Method-Override", "DELETE"}, new String[] {"Accept", "*/*;q=x, garbage"},
                new String[] {"Accept", "application/vnd.kafka.avro.v2+json"}, new String[] {"Accept-Encoding", "gzip;q=-1"},
                new String[] {"Cookie", "JSESSIONID=" + "x".repeat(4000)}, new String[] {"Expect", "200-ok"});
        List<String[]> routes = List.of(new String[] {"GET", "/topics"}, new String[] {"GET", "/topics/" + TOPIC},
                new String[] {"POST", "/topics/" + TOPIC}, new String[] {"GET", "/v3/clusters"},
                new String[] {"GET", "/v3/clusters/" + clusterId + "/topics"}, new String[] {"GET", "/brokers"},
                new String[] {"GET", "/readyz"}, new String[] {"GET", "/"},
                new String[] {"POST", "/v3/clusters/" + clusterId + "/topics"});
        List<Runnable> cases = new ArrayList<>();
        for (String[] route : routes) {
            for (String[] header : headers) {
                cases.add(() -> {
                    boolean post = route[0].equals("POST");
                    String body = route[1].startsWith("/v3") ? "{\"topic_name\":\"" + HEADER_TOPIC + "\"}" : GOOD_RECORD;
                    expectNo5xx(route[0] + " " + route[1] + " with " + header[0] + ": " + header[1],
                            request(route[0], route[1], post ? bodyType(route[1]) : null, post ? body : null,
                                    header[0] + ": " + header[1]));
                });
            }
        }
        runAll(cases, 8);
        assertNoViolations();
    }

    @Test
    @Order(2)
    void pathTricksNeverReachAnInternalRoute() {
        List<String> prefixes = List.of("/v3", "/v3/clusters/" + clusterId, "/topics", "/consumers/g", "/actuator", "");
        List<String> tricks = List.of("/../internal/v1/topics", "/..;/internal/v1/topics", "/%2e%2e/internal/v1/topics",
                "/%252e%252e/internal/v1/topics", "//internal/v1/topics", "/./internal/v1/topics", "/%00",
                "/%ff%fe", "/caf\u00e9", "/" + "a".repeat(9000), "/a%2Fb", "/a%5Cb", "/;jsessionid=x",
                "/..%2F..%2Finternal", "/.%2e/internal/v1/topics", "/%2E%2E%2Finternal");
        List<Runnable> cases = new ArrayList<>();
        for (String prefix : prefixes) {
            for (String trick : tricks) {
                for (String method : List.of("GET", "POST", "DELETE", "PUT")) {
                    String target = prefix + trick;
                    cases.add(() -> expectNo5xx(method + " " + shorten(target), request(method, target,
                            method.equals("POST") || method.equals("PUT") ? Http.JSON_TYPE : null,
                            method.equals("POST") || method.equals("PUT") ? "{\"topic_name\":\"__path_trick\"}" : null)));
                }
            }
        }
        runAll(cases, 8);
        assertNoViolations();
    }

    @Test
    @Order(3)
    void malformedBodiesAndQueryValuesGetAClear4xx() {
        List<Runnable> cases = new ArrayList<>();
        List<String> produceBodies = List.of("", "{", "[]", "null", "\"records\"", "{\"records\":null}",
                "{\"records\":[]}", "{\"records\":{}}", "{\"records\":[1]}", "{\"records\":[null]}",
                "{\"records\":[{\"value\":1e2147483648}]}", "{\"records\":[{\"value\":-1E+9999999999}]}",
                "{\"records\":[{\"partition\":\"0\"}]}", "{\"records\":[{\"partition\":-1}]}",
                "{\"records\":[{\"partition\":99999999999}]}", "{\"records\":[{\"partition\":1.5}]}",
                "{\"records\":[{\"timestamp\":-5}]}", "{\"records\":[{\"timestamp\":1e30}]}",
                "{\"records\":[{\"headers\":[{\"key\":1}]}]}", "{\"records\":[{\"headers\":{}}]}",
                "{\"records\":[{\"value\":\"@@@\"}]}", "{\"records\":[{\"value\":\"x\"}]}garbage",
                "{\"records\":[{\"unknown\":1}]}", "{\"records\":[{\"value\":" + "[".repeat(5000) + "]}]}",
                "\u0000\u0001\u0002", "{\"records\":[{\"value\":\"\\ud800\"}]}", "{\"records\":[{\"key\":{}}]}");
        for (String type : new String[] {BINARY, JSON, TEXT, V2, Http.JSON_TYPE, "text/plain", null,
                "application/vnd.kafka.json.v2+json; charset=utf-16", "multipart/form-data; boundary=x"}) {
            for (String body : produceBodies) {
                cases.add(() -> expectNo5xx("produce " + type + " " + shorten(body),
                        request("POST", "/topics/" + TOPIC, type, body)));
            }
            cases.add(() -> expectNo5xx("produce to a partition " + type, request("POST", "/topics/" + TOPIC
                    + "/partitions/99", type, GOOD_RECORD)));
        }
        cases.add(() -> expectNo5xx("produce invalid UTF-8", send(head("POST", "/topics/" + TOPIC, JSON, 8),
                new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'})));

        List<String> v3Bodies = new ArrayList<>(produceBodies);
        v3Bodies.addAll(List.of("{\"value\":{\"type\":\"AVRO\",\"data\":{}}}", "{\"value\":{\"type\":7}}",
                "{\"value\":{\"data\":\"@@\",\"type\":\"BINARY\"}}", "{\"value\":{\"schema\":\"x\"}}",
                "{\"partition_id\":-1}", "{\"partition_id\":2147483647}", "{\"timestamp\":\"+99999-01-01T00:00:00Z\"}",
                "{\"timestamp\":\"2026-13-45T99:00:00Z\"}", "{\"headers\":[{\"name\":null}]}", "{}{}{\"value\":",
                "{\"value\":{\"type\":\"JSON\",\"data\":" + "{\"a\":".repeat(70) + "1" + "}".repeat(70) + "}}",
                "{}".repeat(60_000), "1 2 3", "\"s\"", "{\"entries\":[{\"id\":\"" + "i".repeat(81) + "\"}]}",
                "{\"entries\":[{\"id\":\"a\",\"value\":{\"type\":\"AVRO\"}}]}", "{\"entries\":{}}",
                "{\"entries\":[" + "{\"id\":\"x\"},".repeat(20_000) + "{}]}"));
        for (String route : List.of("/v3/clusters/" + clusterId + "/topics/" + TOPIC + "/records",
                "/kafka/v3/clusters/" + clusterId + "/topics/" + TOPIC + "/records",
                "/v3/clusters/" + clusterId + "/topics/" + TOPIC + "/records:batch",
                "/v3/clusters/nope/topics/" + TOPIC + "/records", "/v3/clusters/" + clusterId + "/topics/__x/records")) {
            for (String type : new String[] {Http.JSON_TYPE, "application/json; charset=utf-16",
                    "application/json; charset=nope", "text/plain", null}) {
                for (String body : v3Bodies) {
                    cases.add(() -> expectNo5xx("v3 produce " + route + " " + type + " " + shorten(body),
                            request("POST", route, type, body)));
                }
            }
        }

        String topics = "/v3/clusters/" + clusterId + "/topics";
        List<String> createBodies = List.of("", "{}", "[]", "{\"topic_name\":1}", "{\"topic_name\":null}",
                "{\"topic_name\":\"h-a\",\"partitions_count\":\"3\"}", "{\"topic_name\":\"h-b\",\"partitions_count\":3.5}",
                "{\"topic_name\":\"h-c\",\"partitions_count\":-1}", "{\"topic_name\":\"h-d\",\"partitions_count\":0}",
                "{\"topic_name\":\"h-e\",\"partitions_count\":100000000}", "{\"topic_name\":\"a b\"}",
                "{\"topic_name\":\"__sneaky\"}", "{\"topic_name\":\"" + "x".repeat(300) + "\"}",
                "{\"topic_name\":\"h-f\",\"replication_factor\":99}", "{\"topic_name\":\"h-g\",\"replication_factor\":true}",
                "{\"topic_name\":\"h-h\",\"configs\":[{\"name\":\"segment.bytes\",\"value\":\"61\"}]}",
                "{\"topic_name\":\"h-i\",\"configs\":[{\"name\":\"segment.ms\",\"value\":\"1\"}]}",
                "{\"topic_name\":\"h-j\",\"configs\":[{\"name\":1}]}", "{\"topic_name\":\"h-k\",\"configs\":[null]}",
                "{\"topic_name\":\"h-l\",\"configs\":{}}", "{\"topic_name\":\"h-m\",\"configs\":[{\"name\":\"x\",\"value\":\"1\"}]}",
                "{\"topic_name\":\"h-n\",\"configs\":[{\"name\":\"retention.ms\",\"value\":\"99999999999999999999\"}]}",
                "{\"topic_name\":\"h-o\",\"configs\":[{\"name\":\"retention.ms\",\"value\":1000}]}",
                "{\"topic_name\":\"" + TOPIC + "\"}", "{\"topic_name\":\"..\"}", "{\"topic_name\":\".\"}");
        for (String type : new String[] {Http.JSON_TYPE, V2, "text/plain"}) {
            for (String body : createBodies) {
                cases.add(() -> expectNo5xx("create " + type + " " + shorten(body), request("POST", topics, type, body)));
            }
        }
        for (String body : List.of("", "{}", "{\"data\":null}", "{\"data\":[{\"name\":\"segment.bytes\",\"value\":\"1\"}]}",
                "{\"data\":[{\"name\":\"segment.index.bytes\",\"value\":\"24\"}]}", "{\"data\":[{\"name\":null}]}",
                "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"1\",\"operation\":\"EXPLODE\"}]}",
                "{\"data\":[{\"name\":\"retention.ms\"},{\"name\":\"retention.ms\"}]}")) {
            cases.add(() -> expectNo5xx("alter configs " + body, request("POST", topics + "/" + TOPIC + "/configs:alter",
                    Http.JSON_TYPE, body)));
        }
        cases.add(() -> expectNo5xx("patch partitions", request("PATCH", topics + "/" + TOPIC, Http.JSON_TYPE,
                "{\"partitions_count\":\"many\"}")));

        String instance = "/consumers/hostile-group/instances/c1";
        List<String[]> consumerCalls = List.of(
                new String[] {"/consumers/hostile-group", "[1]"}, new String[] {"/consumers/hostile-group", "{\"name\":{}}"},
                new String[] {"/consumers/hostile-group", "{\"name\":\"a/b\"}"},
                new String[] {"/consumers/hostile-group", "{\"format\":\"avro\"}"},
                new String[] {"/consumers/hostile-group", "{\"auto.offset.reset\":[]}"},
                new String[] {"/consumers/hostile-group", "{\"session.timeout.ms\":\"-1\"}"},
                new String[] {"/consumers/hostile-group", "{\"consumer.instance.timeout.ms\":1e308}"},
                new String[] {instance + "/subscription", "{\"topics\":[1]}"},
                new String[] {instance + "/subscription", "{\"topics\":\"" + TOPIC + "\"}"},
                new String[] {instance + "/subscription", "{\"topic_pattern\":\"(a+)+$\"}"},
                new String[] {instance + "/subscription", "{\"topic_pattern\":\"" + "(".repeat(2000) + "\"}"},
                new String[] {instance + "/subscription", "{\"topics\":[\"a b\"],\"topic_pattern\":\"x\"}"},
                new String[] {instance + "/assignments", "{\"partitions\":[{\"topic\":1,\"partition\":\"0\"}]}"},
                new String[] {instance + "/assignments", "{\"partitions\":[{\"topic\":\"" + TOPIC + "\",\"partition\":-1}]}"},
                new String[] {instance + "/positions", "{\"offsets\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"offset\":-7}]}"},
                new String[] {instance + "/positions", "{\"timestamps\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"timestamp\":\"now\"}]}"},
                new String[] {instance + "/positions/beginning", "{\"partitions\":null}"},
                new String[] {instance + "/positions/end", "{\"partitions\":[{}]}"},
                new String[] {instance + "/offsets", "{\"offsets\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"offset\":99999999999999}]}"},
                new String[] {instance + "/offsets", "{\"offsets\":[{\"topic\":\"" + TOPIC + "\",\"partition\":7,\"offset\":1}]}"},
                new String[] {instance + "/offsets", "{\"offsets\":\"all\"}"},
                new String[] {"/consumers/" + "g".repeat(300), "{}"},
                new String[] {"/consumers/hostile-group/instances/nobody/subscription", "{\"topics\":[\"" + TOPIC + "\"]}"});
        for (String[] call : consumerCalls) {
            for (String type : new String[] {V2, Http.JSON_TYPE, "text/plain"}) {
                cases.add(() -> expectNo5xx("consumer " + call[0] + " " + shorten(call[1]),
                        request("POST", call[0], type, call[1])));
            }
        }
        for (String query : List.of("offset=-1", "offset=99999999999999999999", "offset=abc", "offset=",
                "offset=0&max_bytes=-1", "offset=0&max_bytes=1e9", "offset=0&max_bytes=99999999999",
                "offset=0&timeout=-5", "offset=0&timeout=99999999999999", "offset=0&timeout=NaN", "offset=1e3",
                "offset=0&offset=1", "offset=%00", "offset=0x10")) {
            cases.add(() -> expectNo5xx("read ?" + query, request("GET", "/topics/" + TOPIC + "/partitions/0/records?"
                    + query, null, null)));
            cases.add(() -> expectNo5xx("poll ?" + query.replace("offset", "timeout"),
                    request("GET", instance + "/records?" + query.replace("offset", "timeout"), null, null,
                            "Accept: " + JSON)));
        }
        for (String query : List.of("timestamp=-1", "timestamp=abc", "timestamp=99999999999999999999")) {
            cases.add(() -> expectNo5xx("offsets ?" + query, request("GET", "/topics/" + TOPIC + "/partitions/0/offsets?"
                    + query, null, null)));
        }
        for (String partition : List.of("-1", "99", "2147483648", "x", "1.0", "%2d1")) {
            cases.add(() -> expectNo5xx("partition " + partition, request("GET", "/topics/" + TOPIC + "/partitions/"
                    + partition + "/offsets", null, null)));
        }
        runAll(cases, 8);
        assertNoViolations();
    }

    @Test
    @Order(4)
    void hugeCountsAreRefusedByTheirCapsBeforeTheyCostTheHeap() {
        List<Runnable> cases = new ArrayList<>();
        int emptyRecords = (8 << 20) / 3 - 100;
        cases.add(() -> expectStatus("8 MB of {} records", request("POST", "/topics/" + TOPIC, JSON,
                "{\"records\":[" + String.join(",", Collections.nCopies(emptyRecords, "{}")) + "]}"), 413));
        cases.add(() -> expectNo5xx("one json value of 2.7 million {}", request("POST", "/topics/" + TOPIC, JSON,
                "{\"records\":[{\"value\":[" + String.join(",", Collections.nCopies(emptyRecords, "{}")) + "]}]}")));
        cases.add(() -> expectStatus("60,000 tiny records", request("POST", "/topics/" + TOPIC, JSON,
                "{\"records\":[" + String.join(",", Collections.nCopies(60_000, "{\"value\":1}")) + "]}"), 413));
        cases.add(() -> expectNo5xx("one record with 400,000 headers", request("POST", "/topics/" + TOPIC, JSON,
                "{\"records\":[{\"headers\":[" + String.join(",", Collections.nCopies(400_000, "{\"key\":\"h\"}"))
                        + "]}]}")));
        cases.add(() -> expectStatus("a subscription to 300,000 topics", request("POST",
                "/consumers/hostile-group/instances/c1/subscription", V2, "{\"topics\":["
                        + String.join(",", Collections.nCopies(300_000, "\"t\"")) + "]}"), 413));
        cases.add(() -> expectNo5xx("a commit of 150,000 offsets", request("POST",
                "/consumers/hostile-group/instances/c1/offsets", V2, "{\"offsets\":[" + String.join(",",
                        Collections.nCopies(150_000, "{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"offset\":0}")) + "]}")));
        cases.add(() -> expectNo5xx("a create with 100,000 configs", request("POST", "/v3/clusters/" + clusterId
                + "/topics", Http.JSON_TYPE, "{\"topic_name\":\"h-many\",\"configs\":[" + String.join(",",
                Collections.nCopies(100_000, "{\"name\":\"retention.ms\",\"value\":\"1\"}")) + "]}")));
        cases.add(() -> expectNo5xx("nesting 100,000 deep", request("POST", "/consumers/hostile-group", V2,
                "[".repeat(100_000) + "]".repeat(100_000))));
        cases.add(() -> expectStatus("a body over the cap, declared", request("POST", "/topics/" + TOPIC, JSON,
                "{\"records\":[{\"value\":\"" + "x".repeat(9 << 20) + "\"}]}"), 413));
        for (int i = 0; i < 3; i++) {
            cases.forEach(Runnable::run);
        }
        assertNoViolations();
    }

    @Test
    @Order(5)
    void protocolFaultsAre4xxNever5xx() {
        List<String[]> raw = List.of(
                new String[] {"CONNECT", "CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"},
                new String[] {"TRACE", "TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"},
                new String[] {"unknown method", "FROB /topics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
                new String[] {"HTTP/2.0 line", "GET /topics HTTP/2.0\r\nHost: x\r\n\r\n"},
                new String[] {"HTTP/9.9 line", "GET /topics HTTP/9.9\r\nHost: x\r\n\r\n"},
                new String[] {"no Host", "GET /topics HTTP/1.1\r\nConnection: close\r\n\r\n"},
                new String[] {"two Hosts", "GET /topics HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n"},
                new String[] {"gzip transfer coding", "POST /topics/" + TOPIC + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + JSON + "\r\nTransfer-Encoding: gzip\r\n\r\nxyz"},
                new String[] {"unknown transfer coding", "POST /topics/" + TOPIC + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + JSON + "\r\nTransfer-Encoding: bogus\r\n\r\nxyz"},
                new String[] {"bad chunk size", "POST /topics/" + TOPIC + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + JSON
                        + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"},
                new String[] {"negative Content-Length", "POST /topics/" + TOPIC + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + JSON + "\r\nContent-Length: -1\r\n\r\n{}"},
                new String[] {"Content-Length abc", "POST /topics/" + TOPIC + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + JSON + "\r\nContent-Length: abc\r\n\r\n{}"},
                new String[] {"two Content-Lengths", "POST /topics/" + TOPIC + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + JSON + "\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"},
                new String[] {"Content-Length and chunked", "POST /topics/" + TOPIC + " HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: " + JSON + "\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
                new String[] {"Content-Length past the cap", "POST /topics/" + TOPIC + " HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: " + JSON + "\r\nContent-Length: 99999999999999\r\n\r\n{"},
                new String[] {"header without colon", "GET /topics HTTP/1.1\r\nHost: x\r\nnocolon\r\nConnection: close\r\n\r\n"},
                new String[] {"20 KB header", "GET /topics HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n"},
                new String[] {"300 headers", "GET /topics HTTP/1.1\r\nHost: x\r\n" + IntStream.range(0, 300)
                        .mapToObj(i -> "X-H" + i + ": v\r\n").reduce("", String::concat) + "Connection: close\r\n\r\n"},
                new String[] {"NUL in a header", "GET /topics HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n"},
                new String[] {"20 KB request line", "GET /topics?" + "q".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"bare LF lines", "GET /topics HTTP/1.1\nHost: x\nConnection: close\n\n"},
                new String[] {"space in target", "GET /topics /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
                new String[] {"absolute-form target", "GET http://evil.example/internal/v1/topics HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\n\r\n"},
                new String[] {"asterisk target", "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
                new String[] {"h2c upgrade", "GET /topics HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade, close\r\n"
                        + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n"},
                new String[] {"websocket upgrade", "GET /topics HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n\r\n"},
                new String[] {"obsolete line folding", "GET /topics HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n"});
        List<Runnable> cases = new ArrayList<>();
        for (String[] fault : raw) {
            cases.add(() -> expectNo5xx(fault[0], sendRaw(fault[0], fault[1].getBytes(StandardCharsets.ISO_8859_1), false)));
        }
        for (byte[] notHttp : List.of(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03},
                "GET /\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
            cases.add(() -> expectNo5xx("not HTTP/1.x", sendRaw("not HTTP/1.x", notHttp, true)));
        }
        runAll(cases, 4);
        assertNoViolations();
    }

    @Test
    @Order(6)
    void slowAndStalledUploadsDoNotStarveTheOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout((int) ANSWER_BOUND.toMillis());
                String route = i % 3 == 0 ? "/topics/" + TOPIC : i % 3 == 1 ? "/v3/clusters/" + clusterId + "/topics"
                        : "/consumers/hostile-group/instances/c1/offsets";
                socket.getOutputStream().write(("POST " + route + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                        + (i % 3 == 0 ? JSON : V2) + "\r\n" + (i % 2 == 0 ? "Content-Length: 200000\r\n"
                        : "Transfer-Encoding: chunked\r\n") + "\r\n" + (i % 2 == 0 ? "{\"records\":[" : "5\r\n{\"rec\r\n"))
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            List<Runnable> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                others.add(() -> expectFastSuccess("GET /topics while 300 uploads stall", () -> request("GET", "/topics",
                        null, null)));
                others.add(() -> expectFastSuccess("GET /readyz while 300 uploads stall", () -> request("GET",
                        "/readyz", null, null)));
                others.add(() -> expectFastSuccess("produce while 300 uploads stall", () -> request("POST",
                        "/topics/" + TOPIC, JSON, GOOD_RECORD)));
            }
            runAll(others, 4);
            long start = System.nanoTime();
            for (Socket socket : slow) {
                requests.incrementAndGet();
                String answer;
                try {
                    answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    answer = e.toString();
                }
                if (!answer.startsWith("HTTP/1.1 408")) {
                    violations.add("a stalled upload was answered " + answer + " instead of 408");
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stalled uploads answered by then")
                    .isLessThan(ANSWER_BOUND);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertNoViolations();
    }

    /**
     * A body refused before it is read (here: its {@code Content-Length} is over the cap) is not read further: the
     * connection closes after the answer. Reading and discarding the rest would take a worker thread for as long as
     * a client trickles it.
     */
    @Test
    @Order(7)
    void aRefusedBodyIsNotReadFurther() {
        List<Runnable> cases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cases.add(() -> {
                requests.incrementAndGet();
                String outcome = trickleAfterTheAnswer("POST /topics/" + TOPIC + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: " + JSON + "\r\nContent-Length: 100000000\r\n\r\n{", Duration.ofSeconds(15));
                if (!outcome.startsWith("closed HTTP/1.1 413")) {
                    violations.add("a body over the cap, trickled on after its 413: " + shorten(outcome));
                }
            });
        }
        runAll(cases, 20);
        assertNoViolations();
    }

    /**
     * Sends {@code request}, then one more byte every 500 ms until the server closes the connection or
     * {@code bound} passes: {@code "closed "} or {@code "open "}, then the start of what the server answered.
     */
    private static String trickleAfterTheAnswer(String request, Duration bound) {
        StringBuilder answer = new StringBuilder();
        long deadline = System.nanoTime() + bound.toNanos();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(500);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[4096];
            while (System.nanoTime() < deadline) {
                int read;
                try {
                    read = socket.getInputStream().read(buffer);
                } catch (SocketTimeoutException quiet) {
                    socket.getOutputStream().write(' ');
                    continue;
                }
                if (read < 0) {
                    return "closed " + answer;
                }
                if (answer.length() < 200) {
                    answer.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                }
            }
            return "open " + answer;
        } catch (IOException e) {
            return "closed " + answer + " (" + e.getMessage() + ")";
        }
    }

    /**
     * Streamed v3 produces (chunked bodies read while reports are written) are bounded: a stream refused at its start
     * is closed without its body being read; the route with a trailing slash or the {@code /kafka} prefix is the same
     * stream route (its broken chunking ends it), one with a path parameter is refused; one that cannot go on (a
     * value that is not an object) gets its 400
     * report and its answer ends; at most {@code max-produce-streams} (64) run at once, the others 429; a stream that
     * sends nothing is cut after the connection timeout, which frees its place.
     */
    @Test
    @Order(8)
    void streamsAreBoundedAndEndWhenTheyCannotGoOn() throws Exception {
        String records = "/v3/clusters/" + clusterId + "/topics/" + TOPIC + "/records";
        String chunked = "\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        requests.incrementAndGet();
        String refused = trickleAfterTheAnswer("POST /v3/clusters/nope/topics/" + TOPIC + "/records HTTP/1.1"
                + chunked, Duration.ofSeconds(15));
        if (!refused.startsWith("closed HTTP/1.1 404")) {
            violations.add("a stream to another cluster, trickled on: " + shorten(refused));
        }
        for (String same : List.of(records + "/", "/kafka" + records + "/")) {
            requests.incrementAndGet();
            String outcome = trickleAfterTheAnswer("POST " + same + " HTTP/1.1" + chunked, Duration.ofSeconds(15));
            if (!outcome.startsWith("closed HTTP/1.1 200")) {
                violations.add("a chunked body to " + same + " (the stream route), trickled on: " + shorten(outcome));
            }
        }
        requests.incrementAndGet();
        String near = trickleAfterTheAnswer("POST " + records + ";x=1 HTTP/1.1" + chunked, Duration.ofSeconds(15));
        if (!near.startsWith("closed HTTP/1.1 4")) {
            violations.add("a chunked body to " + records + ";x=1, trickled on: " + shorten(near));
        }

        requests.incrementAndGet();
        try (RecordStream stream = RecordStream.open(port, records, Http.JSON_TYPE, ANSWER_BOUND)) {
            stream.send("{\"value\":{\"type\":\"STRING\",\"data\":\"a\"}} [1] {}");
            List<Integer> codes = new ArrayList<>();
            for (JsonNode report = stream.nextReport(); report != null; report = stream.nextReport()) {
                codes.add(report.path("error_code").asInt());
            }
            if (!codes.equals(List.of(200, 400))) {
                violations.add("a stream with a value that is not an object got reports " + codes);
            }
        }

        List<RecordStream> streams = new ArrayList<>();
        int accepted = 0;
        int busy = 0;
        try {
            for (int i = 0; i < 70; i++) {
                requests.incrementAndGet();
                RecordStream stream = RecordStream.open(port, records, Http.JSON_TYPE, ANSWER_BOUND);
                streams.add(stream);
                if (stream.status() == 200) {
                    accepted++;
                } else if (stream.status() == 429) {
                    busy++;
                } else {
                    violations.add("one of 70 streams at once answered " + stream.status());
                }
            }
            if (accepted != 64 || busy != 6) {
                violations.add("70 streams at once: " + accepted + " accepted, " + busy + " answered 429");
            }
            for (RecordStream stream : streams) {
                if (stream.status() != 200) {
                    continue;
                }
                try {
                    JsonNode report = stream.nextReport();
                    if (report != null) {
                        violations.add("an idle stream got a report: " + report);
                    }
                } catch (SocketTimeoutException e) {
                    violations.add("an idle stream was not cut within " + ANSWER_BOUND.toSeconds() + " s");
                } catch (IOException cut) {
                    // the container cut the idle stream: expected
                }
            }
        } finally {
            for (RecordStream stream : streams) {
                stream.close();
            }
        }
        Await.until(BOUND, "a stream accepted once the idle ones are gone", () -> {
            try (RecordStream stream = RecordStream.open(port, records, Http.JSON_TYPE, ANSWER_BOUND)) {
                if (stream.status() != 200) {
                    return false;
                }
                stream.send("{\"value\":{\"type\":\"STRING\",\"data\":\"after\"}}");
                return stream.nextReport().path("error_code").asInt() == 200 && stream.finish().isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
        assertNoViolations();
    }

    @Test
    @Order(9)
    void manyLargeBodiesAtOnceStayWithinTheRequestMemory() {
        String value = "v".repeat(900_000);
        String body = "{\"records\":[" + String.join(",", Collections.nCopies(8, "{\"value\":\"" + value + "\"}")) + "]}";
        List<Runnable> cases = new ArrayList<>();
        AtomicInteger admitted = new AtomicInteger();
        for (int i = 0; i < 40; i++) {
            cases.add(() -> {
                RawResponse answer = request("POST", "/topics/" + TOPIC + "?acks=1", TEXT, body);
                expectNo5xx("one of 40 bodies of 7 MB at once", answer);
                if (answer != null && answer.status() == 200) {
                    admitted.incrementAndGet();
                }
            });
        }
        runAll(cases, 40);
        System.out.printf("HostileInputIT: %d of 40 concurrent 7 MB bodies admitted, the others 429%n", admitted.get());
        assertNoViolations();
    }

    @Test
    @Order(10)
    void storageNodesInternalRoutesBoundWhatTheyAllocate() throws Exception {
        ServiceNode storage = cluster.storageNodes().get(0);
        List<Socket> declared = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket("127.0.0.1", storage.port());
                String target = "/internal/v1/partitions/" + TOPIC + "/0/records?acks=1";
                socket.getOutputStream().write(("POST " + target + " HTTP/1.1\r\n" + signatureHeader("POST", target)
                        + "\r\nHost: x\r\nContent-Type: application/vnd.streamlog.batches.v1\r\n"
                        + "Content-Length: 16000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                declared.add(socket);
            }
            requests.addAndGet(declared.size());
            HttpResult health = cluster.http().get(storage.baseUrl() + "/actuator/health");
            assertThat(health.status()).as("a storage node with 40 bodies of 16 MB announced").isEqualTo(200);
        } finally {
            for (Socket socket : declared) {
                socket.close();
            }
        }
        List<Runnable> cases = new ArrayList<>();
        for (ServiceNode node : cluster.storageNodes()) {
            int nodePort = node.port();
            String records = "/internal/v1/partitions/" + TOPIC + "/0/records";
            cases.add(() -> expectNo5xx("storage JSON append of 3 MB of {} records", signedTo(nodePort, "POST", records,
                    Http.JSON_TYPE, "{\"records\":[" + String.join(",", Collections.nCopies(1_000_000, "{}")) + "]}")));
            cases.add(() -> expectNo5xx("storage append of garbage batches", signedTo(nodePort, "POST", records,
                    "application/vnd.streamlog.batches.v1", "x".repeat(100))));
            cases.add(() -> expectNo5xx("storage append of wrong JSON", signedTo(nodePort, "POST", records,
                    Http.JSON_TYPE, "{\"records\":[{\"key\":1}]}")));
            cases.add(() -> expectNo5xx("storage read at a bad offset", signedTo(nodePort, "GET", records
                    + "?offset=-1&max_bytes=99999999999", null, null)));
            cases.add(() -> expectNo5xx("leader-and-isr garbage", signedTo(nodePort, "POST",
                    "/internal/v1/leader-and-isr", Http.JSON_TYPE,
                    "{\"controller_epoch\":\"x\",\"partitions\":[[[]]]}")));
            cases.add(() -> expectNo5xx("replica fetch garbage", signedTo(nodePort, "GET", "/internal/v1/replicas/"
                    + TOPIC + "/0/fetch?offset=abc&replica_id=-9", null, null)));
        }
        runAll(cases, 3);
        assertNoViolations();
    }

    @Test
    @Order(11)
    void afterItAllEveryNodeIsHealthyNoneRanOutOfMemoryAndNoInternalRouteWasReached() throws Exception {
        assertThat(requests.get()).as("hostile requests sent").isGreaterThanOrEqualTo(1000);
        assertThat(violations).as("violations").isEmpty();
        for (ServiceNode node : Stream.of(cluster.controllers(), cluster.storageNodes(), cluster.coordinators(),
                cluster.gateways()).flatMap(List::stream).toList()) {
            assertThat(node.isRunning()).as(node.name() + " runs").isTrue();
            assertThat(node.isHealthy()).as(node.name() + " is healthy").isTrue();
            assertThat(Files.readString(node.logFile())).as(node.logFile().toString())
                    .doesNotContain("OutOfMemoryError");
        }
        JsonNode topics = cluster.http().get(gateway.url("/topics"), V2).json();
        for (JsonNode topic : topics) {
            assertThat(topic.asString()).as("a topic no request of the suite may have made (only a well-formed public"
                    + " create with a hostile header may)").isIn(TOPIC, HEADER_TOPIC, "__consumer_offsets");
        }
        assertThat(gateway.produce(TOPIC, JSON, GOOD_RECORD).status()).as("the gateway still serves").isEqualTo(200);
    }

    // --- requests and checks -------------------------------------------------------------------

    /** The body type of a POST to {@code path}: JSON for the admin routes, the json embedded format otherwise. */
    private static String bodyType(String path) {
        return path.startsWith("/v3") ? Http.JSON_TYPE : JSON;
    }

    private static RawResponse request(String method, String target, String contentType, String body, String... headers) {
        return requestTo(port, method, target, contentType, body, headers);
    }

    /** The header a member of the cluster signs a call of {@code method} to {@code target} with. */
    private static String signatureHeader(String method, String target) {
        return ClusterSignature.HEADER + ": " + cluster.signature().sign(method, URI.create(target));
    }

    /** {@link #requestTo} signed as a member of the cluster: for the handlers behind the internal routes' guard. */
    private static RawResponse signedTo(int to, String method, String target, String contentType, String body) {
        return requestTo(to, method, target, contentType, body, signatureHeader(method, target));
    }

    private static RawResponse requestTo(int to, String method, String target, String contentType, String body,
                                         String... headers) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(to).append("\r\nConnection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (bytes != null) {
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        return sendTo(null, to, start, bytes == null ? new byte[0] : bytes, false);
    }

    private static byte[] head(String method, String target, String contentType, int length) {
        return (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static RawResponse send(byte[] head, byte[] body) {
        return sendTo(null, port, head, body, false);
    }

    private static RawResponse sendRaw(String what, byte[] request, boolean mayClose) {
        return sendTo(what, port, request, new byte[0], mayClose);
    }

    /**
     * One exchange; null (and a violation unless {@code mayClose}) when no answer came. {@code what} names it in a
     * violation (null: its request line).
     */
    private static RawResponse sendTo(String what, int to, byte[] head, byte[] body, boolean mayClose) {
        requests.incrementAndGet();
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        long start = System.nanoTime();
        try {
            return RawHttp.send(to, request, ANSWER_BOUND);
        } catch (IOException e) {
            boolean timedOut = Duration.ofNanos(System.nanoTime() - start).compareTo(ANSWER_BOUND) >= 0;
            if (!mayClose || timedOut) {
                violations.add("no answer to " + (what != null ? what + ": " : "")
                        + shorten(new String(head, StandardCharsets.ISO_8859_1).split("\r\n")[0]) + ": " + e.getMessage());
            }
            return null;
        }
    }

    /** A success or a 4xx with a well-formed error body; never a 5xx. */
    private static void expectNo5xx(String what, RawResponse answer) {
        if (answer == null) {
            return;
        }
        if (answer.status() >= 500) {
            violations.add(what + " -> " + answer);
            return;
        }
        if (answer.status() >= 400) {
            checkErrorBody(what, answer);
        }
    }

    private static void expectStatus(String what, RawResponse answer, int status) {
        if (answer == null) {
            return;
        }
        if (answer.status() != status) {
            violations.add(what + ": expected " + status + " -> " + answer);
        } else {
            checkErrorBody(what, answer);
        }
    }

    private static void checkErrorBody(String what, RawResponse answer) {
        try {
            JsonNode error = answer.json();
            int code = error.path("error_code").asInt(-1);
            String message = error.path("message").asString("");
            boolean bareStatus = code == answer.status();
            if (code / 100 != answer.status() && !bareStatus && !(code == 50003 && answer.status() == 503)) {
                violations.add(what + ": error_code " + code + " does not go with HTTP " + answer.status());
            }
            if (message.isBlank() || JAVA_NAMES.matcher(message).find()) {
                violations.add(what + ": the message is empty or names Java types: " + message);
            }
        } catch (RuntimeException e) {
            violations.add(what + ": the error body is not {\"error_code\",\"message\"}: " + answer);
        }
    }

    private static void expectFastSuccess(String what, java.util.function.Supplier<RawResponse> call) {
        long start = System.nanoTime();
        RawResponse answer = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (answer == null || answer.status() != 200 || took.compareTo(Duration.ofSeconds(3)) > 0) {
            violations.add(what + " took " + took.toMillis() + " ms: " + answer);
        }
    }

    private static void runAll(List<Runnable> cases, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CompletableFuture.allOf(cases.stream().map(c -> CompletableFuture.runAsync(c, pool))
                    .toArray(CompletableFuture[]::new)).get(BOUND.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the cases did not finish in time: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** No answer of the running test broke the rules. */
    private static void assertNoViolations() {
        synchronized (violations) {
            assertThat(violations.subList(violationsBefore, violations.size()))
                    .as("answers that broke the rules (see the list)").isEmpty();
        }
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "...(" + text.length() + " chars)" : text;
    }
}
