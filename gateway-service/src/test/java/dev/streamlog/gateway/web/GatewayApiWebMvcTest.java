package dev.streamlog.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.streamlog.client.controller.ControllerLocator;
import dev.streamlog.client.coordinator.CoordinatorLocator;
import dev.streamlog.client.fixtures.FakeClusterMetadata;
import dev.streamlog.client.fixtures.FakeStorageClient;
import dev.streamlog.client.fixtures.Snapshots;
import dev.streamlog.client.fixtures.TestClusterSignature;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.gateway.acl.AclCache;
import dev.streamlog.gateway.acl.AclWrites;
import dev.streamlog.gateway.acl.AuthorizationProperties;
import dev.streamlog.gateway.acl.Authorizer;
import dev.streamlog.gateway.admin.ControllerForwarder;
import dev.streamlog.gateway.admin.TopicArrival;
import dev.streamlog.gateway.config.GatewayProperties;
import dev.streamlog.gateway.consumer.ConsumerGroupViews;
import dev.streamlog.gateway.consumer.ConsumerService;
import dev.streamlog.gateway.consumer.CoordinatorCalls;
import dev.streamlog.gateway.fetch.FetchService;
import dev.streamlog.gateway.metadata.ClusterIdCheck;
import dev.streamlog.gateway.metrics.TopicTraffic;
import dev.streamlog.gateway.produce.ProduceRouteLookup;
import dev.streamlog.gateway.produce.ProduceService;
import dev.streamlog.gateway.produce.ProduceStreams;
import dev.streamlog.gateway.produce.RecordsProduceService;
import dev.streamlog.gateway.quota.QuotaProperties;
import dev.streamlog.gateway.quota.Quotas;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.Partitioner;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every public route's validation and error mapping, with the real controllers, services, filter and exception
 * handler over a fake metadata snapshot and an in-memory storage client.
 */
@WebMvcTest
@Import({GatewayAnswers.class, ProduceRouteLookup.class, ProduceService.class, RecordsProduceService.class, ProduceStreams.class, FetchService.class, TopicTraffic.class, TopicArrival.class,
        GatewayApiWebMvcTest.Fakes.class})
@TestPropertySource(properties = "streamlog.gateway.max-request-size=2KB")
class GatewayApiWebMvcTest {

    private static final String BINARY = "application/vnd.kafka.binary.v2+json";
    private static final String JSON = "application/vnd.kafka.json.v2+json";
    private static final String TEXT = "application/vnd.kafka.text.v2+json";
    private static final String NODE_1 = "http://127.0.0.1:9091";
    private static final String NODE_2 = "http://127.0.0.1:9092";

    @TestConfiguration
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Fakes {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        FakeClusterMetadata clusterMetadata() {
            return new FakeClusterMetadata();
        }

        @Bean
        FakeStorageClient storageClient() {
            return new FakeStorageClient();
        }

        @Bean
        PartitionRouter partitionRouter(FakeClusterMetadata metadata) {
            return new PartitionRouter(metadata, Duration.ZERO);
        }

        /** No quota: none configured. */
        @Bean
        Quotas quotas(SimpleMeterRegistry meters) {
            return new Quotas(new QuotaProperties(new QuotaProperties.Limits(null, null, null), Map.of()), meters,
                    System::nanoTime);
        }

        /** ACLs off; a ZooKeeper client never started, since nothing asks the ACLs then. */
        @Bean
        AclCache aclCache() {
            return new AclCache(CuratorFrameworkFactory.newClient("127.0.0.1:1", new RetryOneTime(1)),
                    JsonMapper.builder().build());
        }

        @Bean
        AclWrites aclWrites(AclCache cache) {
            return new AclWrites(CuratorFrameworkFactory.newClient("127.0.0.1:1", new RetryOneTime(1)),
                    JsonMapper.builder().build(), cache, Duration.ofSeconds(1));
        }

        @Bean
        Authorizer authorizer(AclCache cache) {
            return new Authorizer(new AuthorizationProperties(false, "", false), cache);
        }

        @Bean
        Partitioner partitioner() {
            return new Partitioner();
        }

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
        }

        @Bean
        ControllerForwarder controllerForwarder() {
            ControllerLocator none = new ControllerLocator() {
                @Override
                public Optional<String> activeController() {
                    return Optional.empty();
                }

                @Override
                public CompletableFuture<Optional<String>> freshActiveController() {
                    return CompletableFuture.completedFuture(Optional.empty());
                }
            };
            return new ControllerForwarder(HttpClient.newHttpClient(), TestClusterSignature.signature(), none,
                    Duration.ofSeconds(1));
        }

        @Bean
        CoordinatorCalls coordinatorCalls() {
            CoordinatorLocator none = new CoordinatorLocator() {
                @Override
                public Optional<String> coordinatorOf(String group) {
                    return Optional.empty();
                }

                @Override
                public CompletableFuture<Optional<String>> freshCoordinatorOf(String group) {
                    return CompletableFuture.completedFuture(Optional.empty());
                }

                @Override
                public List<String> coordinators() {
                    return List.of();
                }
            };
            return new CoordinatorCalls(HttpClient.newHttpClient(), TestClusterSignature.signature(), none,
                    JsonMapper.builder().build(), Duration.ofSeconds(1));
        }

        @Bean
        ConsumerService consumerService(CoordinatorCalls calls, PartitionRouter router, FakeStorageClient storage,
                                        GatewayProperties properties, TopicTraffic traffic) {
            return new ConsumerService(calls, router, storage, properties, JsonMapper.builder().build(), traffic);
        }

        @Bean
        RequestMemory requestMemory() {
            return new RequestMemory(64L << 20);
        }

        @Bean
        ClusterIdCheck clusterIdCheck() {
            return new ClusterIdCheck(() -> CompletableFuture.completedFuture(Optional.of("c1")), Duration.ofSeconds(1));
        }

        @Bean
        ConsumerGroupViews consumerGroupViews(CoordinatorCalls calls, ClusterIdCheck clusterId) {
            return new ConsumerGroupViews(calls, clusterId, JsonMapper.builder().build());
        }
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private FakeClusterMetadata metadata;

    @Autowired
    private SimpleMeterRegistry registry;

    @Autowired
    private ProduceRouteLookup produceRoutes;

    @Autowired
    private FakeStorageClient storage;

    @BeforeEach
    void twoBrokersThreeTopics() {
        storage.reset();
        metadata.set(Snapshots.cluster(Map.of(1, Snapshots.broker(9091), 2, Snapshots.broker(9092)),
                Snapshots.topic("orders", Map.of(), 1, 2, 1, 2, 1, 2),
                Snapshots.topic("small", Map.of("max.message.bytes", "100"), 1),
                Snapshots.topic("__consumer_offsets", Map.of(), 1)));
    }

    /**
     * Performs the request and, when it went asynchronous, waits for its answer: Spring MVC's async dispatch of a
     * returned future, or the answer {@link GatewayAnswers} writes straight from one.
     */
    private ResultActions send(MockHttpServletRequestBuilder request) throws Exception {
        ResultActions actions = mvc.perform(request);
        MvcResult result = actions.andReturn();
        if (result.getRequest().isAsyncStarted()) {
            if (WebAsyncUtils.getAsyncManager(result.getRequest()).isConcurrentHandlingStarted()) {
                return mvc.perform(asyncDispatch(result));
            }
            CountDownLatch completed = new CountDownLatch(1);
            result.getRequest().getAsyncContext().addListener(new OnRequestComplete(completed::countDown));
            if (result.getRequest().isAsyncStarted()) {
                assertThat(completed.await(10, TimeUnit.SECONDS)).as("the answer within 10 s").isTrue();
            }
        }
        return actions;
    }

    private ResultActions produce(String path, String contentType, String body) throws Exception {
        MockHttpServletRequestBuilder request = post(URI.create(path)).content(body);
        if (contentType != null) {
            request.contentType(contentType);
        }
        return send(request);
    }

    private static ResultMatcher error(ErrorCode code) {
        return result -> {
            status().is(code.httpStatus()).match(result);
            jsonPath("$.error_code").value(code.code()).match(result);
            jsonPath("$.message").isNotEmpty().match(result);
        };
    }

    @Test
    void consumerRoutesCheckNamesAndAnswerRetriableWhileNoCoordinatorServesTheGroup() throws Exception {
        send(post("/consumers/g").contentType("application/vnd.kafka.v2+json").content("{}"))
                .andExpect(error(ErrorCode.RETRIABLE));
        send(post("/consumers/bad%20group").contentType("application/vnd.kafka.v2+json").content("{}"))
                .andExpect(error(ErrorCode.BAD_REQUEST));
        send(post("/consumers/g").contentType("application/vnd.kafka.v2+json")
                .content("{\"name\":\"../x\"}")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get("/consumers/g/instances/c1/records?timeout=-1")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get("/consumers/g/instances/c1/records")).andExpect(error(ErrorCode.RETRIABLE));
        send(post("/consumers/g/instances/c1/offsets")).andExpect(error(ErrorCode.RETRIABLE));
        send(post("/consumers/g").contentType("text/plain").content("{}"))
                .andExpect(error(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        send(get("/v3/clusters/other/consumer-groups")).andExpect(error(ErrorCode.NOT_FOUND));
        send(get("/v3/clusters/c1/consumer-groups/g/lags")).andExpect(error(ErrorCode.RETRIABLE));
        send(get("/v3/clusters/c1/consumer-groups/bad%20name")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get("/v3/clusters/c1/consumer-groups")).andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("KafkaConsumerGroupList"))
                .andExpect(jsonPath("$.data").isEmpty());
    }

    @Test
    void metadataRoutesDescribeTheCluster() throws Exception {
        send(get("/topics")).andExpect(status().isOk())
                .andExpect(jsonPath("$", contains("__consumer_offsets", "orders", "small")));
        send(get("/topics/orders")).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("orders"))
                .andExpect(jsonPath("$.partitions", hasSize(6)))
                .andExpect(jsonPath("$.partitions[1].leader").value(2))
                .andExpect(jsonPath("$.partitions[1].replicas[0].broker").value(2))
                .andExpect(jsonPath("$.partitions[1].replicas[0].leader").value(true))
                .andExpect(jsonPath("$.partitions[1].replicas[0].in_sync").value(true));
        send(get("/topics/small")).andExpect(jsonPath("$.configs['max.message.bytes']").value("100"));
        send(get("/topics/orders/partitions")).andExpect(jsonPath("$", hasSize(6)));
        send(get("/topics/orders/partitions/3")).andExpect(jsonPath("$.partition").value(3))
                .andExpect(jsonPath("$.leader").value(2));
        send(get("/brokers")).andExpect(status().isOk()).andExpect(jsonPath("$.brokers", contains(1, 2)));
        send(get("/topics").accept("application/vnd.kafka.v2+json")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/vnd.kafka.v2+json"));
        send(get("/topics")).andExpect(content().contentTypeCompatibleWith("application/vnd.kafka.v2+json"));
        send(get("/topics").accept("application/json"))
                .andExpect(content().contentTypeCompatibleWith("application/json"));
        send(get("/topics/nope").accept("application/vnd.kafka.v2+json"))
                .andExpect(content().contentTypeCompatibleWith("application/vnd.kafka.v2+json"));
        send(get("/topics/nope").accept("application/json"))
                .andExpect(content().contentTypeCompatibleWith("application/json"));
    }

    @Test
    void unknownTopicsAndPartitionsAreNotFound() throws Exception {
        send(get("/topics/nope")).andExpect(error(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
        send(get("/topics/nope/partitions")).andExpect(error(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
        send(get("/topics/orders/partitions/6")).andExpect(error(ErrorCode.PARTITION_NOT_FOUND));
        send(get("/topics/orders/partitions/-1")).andExpect(error(ErrorCode.PARTITION_NOT_FOUND));
        send(get("/topics/orders/partitions/6/offsets")).andExpect(error(ErrorCode.PARTITION_NOT_FOUND));
        send(get("/topics/nope/partitions/0/records?offset=0")).andExpect(error(ErrorCode.TOPIC_NOT_FOUND));
        produce("/topics/nope", BINARY, "{\"records\":[{\"value\":\"YQ==\"}]}").andExpect(error(ErrorCode.TOPIC_NOT_FOUND));
        produce("/topics/orders/partitions/6", BINARY, "{\"records\":[{\"value\":\"YQ==\"}]}")
                .andExpect(error(ErrorCode.PARTITION_NOT_FOUND));
        produce("/topics/orders", BINARY, "{\"records\":[{\"value\":\"YQ==\",\"partition\":9}]}")
                .andExpect(error(ErrorCode.PARTITION_NOT_FOUND));
        assertThat(storage.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a%2Fb", "%2e%2e", "..", ".", "a%20b", "caf%C3%A9", "a%00b", "a%5Cb", "a*b",
        "x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789"
            + "x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789"
            + "x123456789x123456789x123456789x123456789x123456789"})
    void illegalTopicNamesAreBadRequestsOnEveryRoute(String name) throws Exception {
        send(get(URI.create("/topics/" + name))).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get(URI.create("/topics/" + name + "/partitions/0/records?offset=0"))).andExpect(error(ErrorCode.BAD_REQUEST));
        produce("/topics/" + name, BINARY, "{\"records\":[{\"value\":\"YQ==\"}]}").andExpect(error(ErrorCode.BAD_REQUEST));
        produce("/topics/" + name + "/partitions/0", BINARY, "{\"records\":[{\"value\":\"YQ==\"}]}")
                .andExpect(error(ErrorCode.BAD_REQUEST));
        assertThat(storage.calls()).isEmpty();
    }

    @Test
    void theProduceRoutesAreFoundByTheirShapeWithDecodedPathVariablesAndEverythingElseIsLeftToSpringMvc()
            throws Exception {
        assertThat(lookup("POST", "/topics/my%2Eorders")).containsEntry("topic", "my.orders");
        assertThat(lookup("POST", "/topics/orders/partitions/3")).containsEntry("topic", "orders")
                .containsEntry("partition", "3");
        for (String[] other : new String[][] {{"GET", "/topics/orders"}, {"POST", "/topics/orders/partitions"},
                {"POST", "/topics//partitions/1"}, {"POST", "/topics/orders/records/1"}, {"POST", "/topics/"},
                {"POST", "/v3/clusters/c/topics/orders/records"}}) {
            assertThat(lookup(other[0], other[1])).as("%s %s", other[0], other[1]).isNull();
        }
    }

    /** The path variables ProduceRouteLookup found for a request, null when it left the request to Spring MVC. */
    @SuppressWarnings("unchecked")
    private Map<String, String> lookup(String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain = produceRoutes.getHandler(request);
        if (chain == null) {
            return null;
        }
        assertThat(((HandlerMethod) chain.getHandler()).getBeanType().getSimpleName()).isEqualTo("ProduceController");
        return (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    }

    @Test
    void producedRecordsGoToTheirPartitionsLeaderAndOffsetsComeBackInOrder() throws Exception {
        // "foobar" (Zm9vYmFy) lands on partition 0 of 6, "abc" (YWJj) on partition 3 (Kafka's partitioner).
        produce("/topics/orders", BINARY, "{\"records\":[{\"key\":\"Zm9vYmFy\",\"value\":\"MQ==\"},"
                + "{\"key\":\"YWJj\",\"value\":\"Mg==\"},{\"key\":\"Zm9vYmFy\",\"value\":\"Mw==\"}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.key_schema_id").isEmpty())
                .andExpect(jsonPath("$.offsets[0].partition").value(0))
                .andExpect(jsonPath("$.offsets[0].offset").value(0))
                .andExpect(jsonPath("$.offsets[1].partition").value(3))
                .andExpect(jsonPath("$.offsets[1].offset").value(0))
                .andExpect(jsonPath("$.offsets[2].partition").value(0))
                .andExpect(jsonPath("$.offsets[2].offset").value(1));

        assertThat(storage.calls()).containsExactlyInAnyOrder(NODE_1 + " orders-0", NODE_2 + " orders-3");
        assertThat(storage.log("orders", 0)).hasSize(2);
        assertThat(new String(storage.log("orders", 0).get(1).value(), StandardCharsets.UTF_8)).isEqualTo("3");
        assertThat(storage.log("orders", 0).get(0).timestamp()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void aV3ProduceAnswersOneReportPerRecordInOrder() throws Exception {
        // partition 0 of 6 for key "foobar", as in the v2 test above; record 1 is refused alone
        String reports = produce("/kafka/v3/clusters/c1/topics/orders/records", "application/json",
                "{\"key\":{\"type\":\"BINARY\",\"data\":\"Zm9vYmFy\"},\"value\":{\"type\":\"STRING\",\"data\":\"1\"}}"
                        + "{\"value\":{\"type\":\"BINARY\",\"data\":\"@\"}}\n"
                        + "{\"partition_id\":9}"
                        + "{\"partition_id\":3,\"value\":{\"type\":\"JSON\",\"data\":[1]},\"timestamp\":\"2026-12-06T00:00:00Z\"}")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        String[] lines = reports.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("{\"error_code\":200,\"cluster_id\":\"c1\",\"topic_name\":\"orders\","
                + "\"partition_id\":0,\"offset\":0,\"timestamp\":\"2023-11-14T22:13:20Z\","
                + "\"key\":{\"type\":\"BINARY\",\"size\":6},\"value\":{\"type\":\"STRING\",\"size\":1}}");
        assertThat(lines[1]).startsWith("{\"error_code\":400,\"message\":\"record 1.value.data is not valid base64");
        assertThat(lines[2]).startsWith("{\"error_code\":404,\"message\":\"record 2: partition_id 9");
        assertThat(lines[3]).contains("\"partition_id\":3,\"offset\":0,\"timestamp\":\"2026-12-06T00:00:00Z\"");
        assertThat(new String(storage.log("orders", 3).get(0).value(), StandardCharsets.UTF_8)).isEqualTo("[1]");
    }

    @Test
    void aV3ProduceRefusesWholeRequestsBeforeAnythingIsSent() throws Exception {
        produce("/v3/clusters/other/topics/orders/records", "application/json", "{}")
                .andExpect(error(ErrorCode.NOT_FOUND));
        produce("/v3/clusters/c1/topics/nowhere/records", "application/json", "{}")
                .andExpect(error(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
        produce("/v3/clusters/c1/topics/orders/records", "text/plain", "{}")
                .andExpect(error(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        produce("/v3/clusters/c1/topics/orders/records", "application/json; charset=DEADBEEF", "{}")
                .andExpect(error(ErrorCode.BAD_REQUEST));
        produce("/v3/clusters/c1/topics/orders/records", "application/json", " ")
                .andExpect(error(ErrorCode.BAD_REQUEST));
        produce("/v3/clusters/c1/topics/__consumer_offsets/records", "application/json", "{}")
                .andExpect(error(ErrorCode.NOT_AUTHORIZED));
        produce("/v3/clusters/c1/topics/orders/records?acks=2", "application/json", "{}")
                .andExpect(error(ErrorCode.BAD_REQUEST));
        assertThat(storage.calls()).isEmpty();
    }

    @Test
    void requestsAreTimedByRouteStatusAndErrorCodeAndTrafficIsCountedPerTopic() throws Exception {
        long unsupported = requests("produce", "415", "415");
        long tooLarge = requests("produce", "413", "41301");
        long unknown = requests("metadata", "404", "40403");
        double records = registry.counter("streamlog.gateway.produced.records", "topic", "orders").count();
        double bytes = registry.counter("streamlog.gateway.produced.bytes", "topic", "orders").count();

        produce("/topics/orders/partitions/1", TEXT, "{\"records\":[{\"key\":\"k\",\"value\":\"vv\"},"
                + "{\"value\":\"www\"}]}").andExpect(status().isOk());
        produce("/topics/orders", "text/plain", "{\"records\":[]}").andExpect(error(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        produce("/topics/small", TEXT, "{\"records\":[{\"value\":\"" + "x".repeat(200) + "\"}]}")
                .andExpect(error(ErrorCode.TOO_LARGE));
        send(get("/topics/nope")).andExpect(error(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));

        assertThat(requests("produce", "415", "415")).isEqualTo(unsupported + 1);
        assertThat(requests("produce", "413", "41301")).isEqualTo(tooLarge + 1);
        assertThat(requests("metadata", "404", "40403")).isEqualTo(unknown + 1);
        assertThat(registry.counter("streamlog.gateway.produced.records", "topic", "orders").count())
                .isEqualTo(records + 2);
        assertThat(registry.counter("streamlog.gateway.produced.bytes", "topic", "orders").count())
                .isEqualTo(bytes + 6);
    }

    private long requests(String api, String status, String errorCode) {
        Timer timer = registry.find("streamlog.gateway.requests")
                .tags("api", api, "status", status, "error_code", errorCode).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void producingToOnePartitionAndInEveryFormat() throws Exception {
        produce("/topics/orders/partitions/4", TEXT, "{\"records\":[{\"key\":\"k\",\"value\":\"v\"}]}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.offsets[0].partition").value(4));
        produce("/topics/orders/partitions/4", JSON, "{\"records\":[{\"value\":{\"n\":1.50}}]}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.offsets[0].offset").value(1));
        produce("/topics/orders/partitions/4", "application/json", "{\"records\":[{\"value\":\"WzEsMl0=\"}]}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.offsets[0].offset").value(2));

        assertThat(storage.log("orders", 4)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("v", "{\"n\":1.50}", "[1,2]");
    }

    @Test
    void badProduceBodiesAreRefusedBeforeAnythingIsAppended() throws Exception {
        produce("/topics/orders", "text/plain", "{\"records\":[]}").andExpect(error(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        produce("/topics/orders", null, "{\"records\":[]}").andExpect(error(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        produce("/topics/orders", "application/vnd.kafka.avro.v2+json", "{}").andExpect(error(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        produce("/topics/orders", BINARY, "{\"records\":[").andExpect(error(ErrorCode.BAD_REQUEST));
        produce("/topics/orders", BINARY, "").andExpect(error(ErrorCode.UNPROCESSABLE_ENTITY));
        produce("/topics/orders", BINARY, "{\"records\":[{\"value\":\"not base64\"}]}")
                .andExpect(error(ErrorCode.UNPROCESSABLE_ENTITY))
                .andExpect(jsonPath("$.message", containsString("records[0].value")));
        produce("/topics/orders", TEXT, "{\"records\":[{\"value\":5}]}").andExpect(error(ErrorCode.UNPROCESSABLE_ENTITY));
        produce("/topics/orders", JSON, "{\"records\":\"x\"}").andExpect(error(ErrorCode.UNPROCESSABLE_ENTITY));
        produce("/topics/orders/partitions/1", JSON, "{\"records\":[{\"value\":1,\"partition\":2}]}")
                .andExpect(error(ErrorCode.UNPROCESSABLE_ENTITY));
        produce("/topics/__consumer_offsets", JSON, "{\"records\":[{\"value\":1}]}").andExpect(error(ErrorCode.NOT_AUTHORIZED));
        assertThat(storage.calls()).isEmpty();
    }

    @Test
    void aRecordOverTheTopicsMaxMessageBytesRefusesTheWholeRequest() throws Exception {
        String big = "x".repeat(101);
        produce("/topics/small", TEXT, "{\"records\":[{\"value\":\"ok\"},{\"value\":\"" + big + "\"}]}")
                .andExpect(error(ErrorCode.TOO_LARGE))
                .andExpect(jsonPath("$.message", containsString("records[1]")));
        produce("/topics/small", TEXT, "{\"records\":[{\"key\":\"" + "k".repeat(50) + "\",\"value\":\""
                + "v".repeat(40) + "\",\"headers\":[{\"key\":\"h\",\"value\":\"" + "AAAA".repeat(4) + "\"}]}]}")
                .andExpect(error(ErrorCode.TOO_LARGE));
        produce("/topics/small", TEXT, "{\"records\":[{\"value\":\"" + "x".repeat(33) + "\"}]}")
                .andExpect(error(ErrorCode.TOO_LARGE))
                .andExpect(jsonPath("$.message", containsString("takes 101 bytes as a record batch of its own")));
        produce("/topics/small", TEXT, "{\"records\":[{\"value\":\"" + "x".repeat(32) + "\"}]}")
                .andExpect(status().isOk());
        assertThat(storage.log("small", 0)).hasSize(1);
    }

    @Test
    void partitionsWhoseLeaderFailsAreReportedInBandOrAsTheAnswerWhenAllFail() throws Exception {
        storage.answer(NODE_2, StorageResult.failed(ErrorCode.NO_STORAGE_NODE, "storage node 2 is unreachable"));

        produce("/topics/orders", TEXT, "{\"records\":[{\"value\":\"a\",\"partition\":0},{\"value\":\"b\",\"partition\":1}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.offsets[0].partition").value(0))
                .andExpect(jsonPath("$.offsets[0].offset").value(0))
                .andExpect(jsonPath("$.offsets[1].partition").isEmpty())
                .andExpect(jsonPath("$.offsets[1].offset").isEmpty())
                .andExpect(jsonPath("$.offsets[1].error_code").value(50302))
                .andExpect(jsonPath("$.offsets[1].error").value("storage node 2 is unreachable"));
        produce("/topics/orders/partitions/1", TEXT, "{\"records\":[{\"value\":\"b\"}]}")
                .andExpect(error(ErrorCode.NO_STORAGE_NODE));

        storage.answer(NODE_2, StorageResult.failed(ErrorCode.RETRIABLE, "timed out"));
        produce("/topics/orders/partitions/3", TEXT, "{\"records\":[{\"value\":\"b\"}]}").andExpect(error(ErrorCode.RETRIABLE));
    }

    @Test
    void anOfflinePartitionHasNoLeader() throws Exception {
        metadata.set(Snapshots.cluster(Map.of(1, Snapshots.broker(9091)), Snapshots.topic("down", Map.of(), -1)));

        produce("/topics/down", TEXT, "{\"records\":[{\"value\":\"a\"}]}").andExpect(error(ErrorCode.LEADER_NOT_AVAILABLE));
        send(get("/topics/down/partitions/0/records?offset=0")).andExpect(error(ErrorCode.LEADER_NOT_AVAILABLE));
        send(get("/topics/down/partitions/0")).andExpect(jsonPath("$.leader").value(-1));
    }

    @Test
    void readsRenderRecordsInTheAcceptedFormat() throws Exception {
        produce("/topics/orders/partitions/0", JSON, "{\"records\":[{\"key\":\"k\",\"value\":{\"n\":1.50},"
                + "\"headers\":[{\"key\":\"h\",\"value\":\"AQI=\"}],\"timestamp\":5}]}").andExpect(status().isOk());

        send(get("/topics/orders/partitions/0/records?offset=0").accept(JSON)).andExpect(status().isOk())
                .andExpect(content().contentType(JSON))
                .andExpect(content().json("[{\"topic\":\"orders\",\"key\":\"k\",\"value\":{\"n\":1.50},\"partition\":0,"
                        + "\"offset\":0,\"timestamp\":5,\"headers\":[{\"key\":\"h\",\"value\":\"AQI=\"}]}]"));
        send(get("/topics/orders/partitions/0/records?offset=0")).andExpect(content().contentType(BINARY))
                .andExpect(jsonPath("$[0].value").value("eyJuIjoxLjUwfQ=="));
        send(get("/topics/orders/partitions/0/records?offset=0").accept(TEXT))
                .andExpect(jsonPath("$[0].value").value("{\"n\":1.50}"));
        send(get("/topics/orders/partitions/0/records?offset=0&max_bytes=10&timeout=100").accept("application/json"))
                .andExpect(content().contentType("application/json")).andExpect(jsonPath("$[0].value.n").value(1.50));
        send(get("/topics/orders/partitions/0/offsets")).andExpect(status().isOk())
                .andExpect(jsonPath("$.beginning_offset").value(0)).andExpect(jsonPath("$.end_offset").value(1));
    }

    @Test
    void aTimestampFindsTheFirstOffsetAtOrAfterIt() throws Exception {
        produce("/topics/orders/partitions/2", TEXT, "{\"records\":[{\"value\":\"a\",\"timestamp\":100},"
                + "{\"value\":\"b\",\"timestamp\":200},{\"value\":\"c\",\"timestamp\":300}]}")
                .andExpect(status().isOk());

        send(get("/topics/orders/partitions/2/offsets?timestamp=150")).andExpect(status().isOk())
                .andExpect(jsonPath("$.offset").value(1));
        send(get("/topics/orders/partitions/2/offsets?timestamp=0")).andExpect(jsonPath("$.offset").value(0));
        send(get("/topics/orders/partitions/2/offsets?timestamp=301")).andExpect(jsonPath("$.offset").value(3));
        send(get("/topics/orders/partitions/2/offsets?timestamp=-1")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get("/topics/orders/partitions/2/offsets?timestamp=soon")).andExpect(error(ErrorCode.BAD_REQUEST));
    }

    @Test
    void aValueThatIsNotJsonCannotBeReadAsJson() throws Exception {
        produce("/topics/orders/partitions/0", TEXT, "{\"records\":[{\"value\":\"plain\"}]}").andExpect(status().isOk());

        send(get("/topics/orders/partitions/0/records?offset=0").accept(JSON))
                .andExpect(error(ErrorCode.NOT_ACCEPTABLE))
                .andExpect(jsonPath("$.message", containsString("binary")));
    }

    @Test
    void badReadParametersAreBadRequests() throws Exception {
        String records = "/topics/orders/partitions/0/records";
        send(get(records)).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get(records + "?offset=-1")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get(records + "?offset=abc")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get(records + "?offset=0&max_bytes=-5")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get(records + "?offset=0&max_bytes=1k")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get(records + "?offset=0&timeout=-1")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get(records + "?offset=99999999999999999999")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get("/topics/orders/partitions/zero/records?offset=0")).andExpect(error(ErrorCode.BAD_REQUEST));
        send(get(records + "?offset=0").accept("text/html")).andExpect(error(ErrorCode.NOT_ACCEPTABLE));
        assertThat(storage.calls()).isEmpty();
    }

    @Test
    void readLimitsHaveDefaultsAndCaps() throws Exception {
        String records = "/topics/orders/partitions/0/records?offset=3";

        send(get(records)).andExpect(status().isOk());
        assertThat(storage.lastRead()).isEqualTo("offset=3 max_bytes=1048576 wait=PT0S");
        send(get(records + "&max_bytes=0&timeout=1500")).andExpect(status().isOk());
        assertThat(storage.lastRead()).isEqualTo("offset=3 max_bytes=0 wait=PT1.5S");
        send(get(records + "&max_bytes=999999999&timeout=999999")).andExpect(status().isOk());
        assertThat(storage.lastRead()).isEqualTo("offset=3 max_bytes=8388608 wait=PT30S");
    }

    @Test
    void storageErrorsOnReadsPassThrough() throws Exception {
        storage.answer(NODE_1, StorageResult.failed(ErrorCode.OFFSET_OUT_OF_RANGE, "offset 9 is outside [0, 0]"));

        send(get("/topics/orders/partitions/0/records?offset=9")).andExpect(error(ErrorCode.OFFSET_OUT_OF_RANGE))
                .andExpect(jsonPath("$.message").value("offset 9 is outside [0, 0]"));
    }

    @Test
    void unknownRoutesWrongMethodsAndUnacceptableAnswers() throws Exception {
        send(get("/nope")).andExpect(error(ErrorCode.NOT_FOUND));
        send(get("/topics/orders/partitions/0/nope")).andExpect(error(ErrorCode.NOT_FOUND));
        send(delete("/topics/orders")).andExpect(error(ErrorCode.METHOD_NOT_ALLOWED));
        send(put("/brokers")).andExpect(error(ErrorCode.METHOD_NOT_ALLOWED));
        send(post("/topics/orders/partitions/0/records")).andExpect(error(ErrorCode.METHOD_NOT_ALLOWED));
        send(get("/topics").accept("text/html")).andExpect(error(ErrorCode.NOT_ACCEPTABLE));
    }

    @Test
    void adminCallsWithoutAnActiveControllerAreRetriable() throws Exception {
        send(get("/v3/clusters")).andExpect(error(ErrorCode.RETRIABLE))
                .andExpect(jsonPath("$.message", containsString("no active controller")));
    }
}
