package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.RecordStream;
import dev.streamlog.it.kit.StreamlogCluster;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * Confluent REST Proxy conformance, checked against a real cluster: each test makes the checks of the Confluent
 * source it names (confluentinc/kafka-rest: the v3 {@code api/v3/openapi.yaml}, the integration tests under
 * {@code kafka-rest/src/test/java/io/confluent/kafkarest/integration/}, and the v2 consumer's
 * {@code KafkaConsumerState} and {@code CommitOffsetsResponse}), with Confluent's requests and Confluent's expected
 * answers. Records are read back through the v2 binary fetch, so what was stored is checked byte for byte, as
 * Confluent's tests read them back with a Kafka consumer. Where Streamlog differs on purpose, the README's
 * compatibility table says so; such checks are not here.
 */
class ConfluentConformanceIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String TOPIC = "conformance";
    private static final String BINARY_V2 = "application/vnd.kafka.binary.v2+json";

    private static StreamlogCluster cluster;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);
    private static GatewayApi gateway;
    private static Http http;
    private static String clusterId;

    @BeforeAll
    static void start() {
        cluster = StreamlogCluster.builder().controllers(1).storageNodes(3).coordinators(1).gateways(1).build();
        gateway = cluster.gatewayApi();
        http = cluster.http();
        clusterId = gateway.clusterId(BOUND);
        assertThat(gateway.createTopic(clusterId, TOPIC, 3, 3).status()).isEqualTo(201);
        gateway.awaitTopicReady(TOPIC, 3, BOUND);
    }

    // ---- v3 produce: ProduceActionNoSchemaIntegrationTest and openapi.yaml produceRecord --------------------

    /** ProduceActionNoSchemaIntegrationTest.produceBinary; openapi ProduceResponse's fields. */
    @Test
    void produceBinary() {
        JsonNode report = produceOne("{\"key\":{\"type\":\"BINARY\",\"data\":\"Zm9v\"},"
                + "\"value\":{\"type\":\"BINARY\",\"data\":\"YmFy\"}}");

        assertThat(report.path("error_code").asInt()).isEqualTo(200);
        assertThat(report.path("cluster_id").asString()).isEqualTo(clusterId);
        assertThat(report.path("topic_name").asString()).isEqualTo(TOPIC);
        assertThat(Instant.parse(report.path("timestamp").asString())).isBefore(Instant.now().plusSeconds(60));
        assertThat(report.path("key").path("type").asString()).isEqualTo("BINARY");
        assertThat(report.path("key").path("size").asLong()).isEqualTo(3);
        assertThat(report.path("value").path("size").asLong()).isEqualTo(3);
        JsonNode stored = readBack(report);
        assertThat(bytes(stored.path("key"))).isEqualTo("foo");
        assertThat(bytes(stored.path("value"))).isEqualTo("bar");
    }

    /** ProduceActionNoSchemaIntegrationTest.produceBinaryWithNullData. */
    @Test
    void produceBinaryWithNullData() {
        JsonNode stored = readBack(produceOne("{\"key\":{\"type\":\"BINARY\",\"data\":null},"
                + "\"value\":{\"type\":\"BINARY\",\"data\":null}}"));

        assertThat(stored.path("key").isNull()).isTrue();
        assertThat(stored.path("value").isNull()).isTrue();
    }

    /** ProduceActionNoSchemaIntegrationTest.produceBinaryWithInvalidData_throwsBadRequest: 200, error_code 400. */
    @Test
    void produceBinaryWithInvalidData() {
        HttpResult answer = produce("{\"key\":{\"type\":\"BINARY\",\"data\":1},"
                + "\"value\":{\"type\":\"BINARY\",\"data\":\"fooba\"}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(reports(answer).get(0).path("error_code").asInt()).isEqualTo(400);
    }

    /** ProduceActionNoSchemaIntegrationTest.produceString. */
    @Test
    void produceString() {
        JsonNode stored = readBack(produceOne("{\"key\":{\"type\":\"STRING\",\"data\":\"foo\"},"
                + "\"value\":{\"type\":\"STRING\",\"data\":\"bar\"}}"));

        assertThat(bytes(stored.path("key"))).isEqualTo("foo");
        assertThat(bytes(stored.path("value"))).isEqualTo("bar");
    }

    /** ProduceActionNoSchemaIntegrationTest.produceStringCharsetUtf8 and produceStringCharsetIso88591. */
    @Test
    void produceStringInEitherCharset() {
        for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
            HttpResult answer = http.send(http.request(v3Records()).header("Content-Type", "application/json; charset="
                    + charset.name()).header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(
                    "{\"value\":{\"type\":\"STRING\",\"data\":\"café\"}}".getBytes(charset))));
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            assertThat(bytes(readBack(reports(answer).get(0)).path("value"))).as(charset.name()).isEqualTo("café");
        }
    }

    /** ProduceActionNoSchemaIntegrationTest.produceStringCharsetInvalid: 400. */
    @Test
    void produceStringCharsetInvalid() {
        HttpResult answer = http.post(v3Records(), "application/json; charset=DEADBEEF",
                "{\"value\":{\"type\":\"STRING\",\"data\":\"bar\"}}");

        assertThat(answer.status()).isEqualTo(400);
    }

    /** ProduceActionNoSchemaIntegrationTest.produceStringWithEmptyData and produceStringWithNullData. */
    @Test
    void produceStringWithEmptyAndNullData() {
        JsonNode empty = readBack(produceOne("{\"key\":{\"type\":\"STRING\",\"data\":\"\"},"
                + "\"value\":{\"type\":\"STRING\",\"data\":\"\"}}"));
        assertThat(bytes(empty.path("key"))).isEmpty();
        assertThat(bytes(empty.path("value"))).isEmpty();
        JsonNode nulls = readBack(produceOne("{\"key\":{\"type\":\"STRING\",\"data\":null},"
                + "\"value\":{\"type\":\"STRING\",\"data\":null}}"));
        assertThat(nulls.path("key").isNull()).isTrue();
        assertThat(nulls.path("value").isNull()).isTrue();
    }

    /** ProduceActionNoSchemaIntegrationTest.produceWithInvalidData_throwsBadRequest: an unknown field, 200 with 400. */
    @Test
    void produceWithInvalidData() {
        HttpResult answer = produce("{ \"records\": {\"subject\": \"foobar\" } }");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode report = reports(answer).get(0);
        assertThat(report.path("error_code").asInt()).isEqualTo(400);
        assertThat(report.path("message").asString()).contains("records");
    }

    /** ProduceActionNoSchemaIntegrationTest.produceJson and produceJsonWithNullData. */
    @Test
    void produceJson() {
        JsonNode stored = readBack(produceOne("{\"key\":{\"type\":\"JSON\",\"data\":\"foo\"},"
                + "\"value\":{\"type\":\"JSON\",\"data\":{\"bar\":[1,2.50]}}}"));
        assertThat(bytes(stored.path("key"))).isEqualTo("\"foo\"");
        assertThat(bytes(stored.path("value"))).isEqualTo("{\"bar\":[1,2.50]}");
        JsonNode nulls = readBack(produceOne("{\"key\":{\"type\":\"JSON\",\"data\":null},"
                + "\"value\":{\"type\":\"JSON\",\"data\":null}}"));
        assertThat(nulls.path("key").isNull()).isTrue();
        assertThat(nulls.path("value").isNull()).isTrue();
    }

    /** ProduceActionNoSchemaIntegrationTest.produceBinaryWithPartitionId and produceStringWithPartitionId. */
    @Test
    void produceWithPartitionId() {
        for (int partition = 0; partition < 3; partition++) {
            JsonNode report = produceOne("{\"partition_id\":" + partition + ",\"value\":{\"type\":\"STRING\","
                    + "\"data\":\"p" + partition + "\"}}");
            assertThat(report.path("partition_id").asInt()).isEqualTo(partition);
            assertThat(bytes(readBack(report).path("value"))).isEqualTo("p" + partition);
        }
    }

    /** ProduceActionNoSchemaIntegrationTest.produceBinaryWithTimestamp; openapi: timestamp is a date-time. */
    @Test
    void produceWithTimestamp() {
        Instant timestamp = Instant.parse("2026-01-02T03:04:05.678Z");
        JsonNode report = produceOne("{\"value\":{\"type\":\"STRING\",\"data\":\"t\"},\"timestamp\":\""
                + timestamp + "\"}");

        assertThat(Instant.parse(report.path("timestamp").asString())).isEqualTo(timestamp);
        assertThat(readBack(report).path("timestamp").asLong()).isEqualTo(timestamp.toEpochMilli());
    }

    /** ProduceActionNoSchemaIntegrationTest.produceBinaryWithHeaders: repeated names kept, in order. */
    @Test
    void produceWithHeaders() {
        JsonNode stored = readBack(produceOne("{\"headers\":[{\"name\":\"header-1\",\"value\":\"dmFsdWUtMQ==\"},"
                + "{\"name\":\"header-1\",\"value\":\"dmFsdWUtMg==\"},{\"name\":\"header-2\",\"value\":\"dmFsdWUtMw==\"}],"
                + "\"value\":{\"type\":\"STRING\",\"data\":\"h\"}}"));

        List<String> headers = new ArrayList<>();
        stored.path("headers").forEach(header -> headers.add(header.path("key").asString() + "="
                + bytes(header.path("value"))));
        assertThat(headers).containsExactly("header-1=value-1", "header-1=value-2", "header-2=value-3");
    }

    /** ProduceActionNoSchemaIntegrationTest.produceBinaryKeyOnly, produceBinaryValueOnly and produceNothing. */
    @Test
    void produceKeyOnlyValueOnlyAndNothing() {
        JsonNode keyOnly = produceOne("{\"key\":{\"type\":\"BINARY\",\"data\":\"Zm9v\"}}");
        assertThat(keyOnly.has("value")).as("no value in the request, none in the report").isFalse();
        JsonNode stored = readBack(keyOnly);
        assertThat(bytes(stored.path("key"))).isEqualTo("foo");
        assertThat(stored.path("value").isNull()).isTrue();
        JsonNode valueOnly = readBack(produceOne("{\"value\":{\"type\":\"BINARY\",\"data\":\"YmFy\"}}"));
        assertThat(valueOnly.path("key").isNull()).isTrue();
        assertThat(bytes(valueOnly.path("value"))).isEqualTo("bar");
        JsonNode nothing = readBack(produceOne("{}"));
        assertThat(nothing.path("key").isNull()).isTrue();
        assertThat(nothing.path("value").isNull()).isTrue();
    }

    /**
     * ProduceActionNoSchemaIntegrationTest.produceJsonBatch and produceStringBatch: 100 records as concatenated JSON
     * in one request, one report per record in order, each where its record is; openapi: reports are concatenated
     * JSON; ChunkedOutputFactory: each followed by {@code \r\n}.
     */
    @Test
    void produceBatchAsConcatenatedJson() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            body.append("{\"partition_id\":0,\"key\":{\"type\":\"JSON\",\"data\":\"key-").append(i)
                    .append("\"},\"value\":{\"type\":\"STRING\",\"data\":\"value-").append(i).append("\"}}");
        }
        HttpResult answer = produce(body.toString());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).endsWith("}\r\n");
        assertThat(answer.body().split("\r\n")).hasSize(100);
        List<JsonNode> reports = reports(answer);
        assertThat(reports).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(reports.get(i).path("error_code").asInt()).isEqualTo(200);
            if (i > 0) {
                assertThat(reports.get(i).path("offset").asLong()).isEqualTo(reports.get(i - 1).path("offset").asLong() + 1);
            }
        }
        JsonNode last = readBack(reports.get(99));
        assertThat(bytes(last.path("key"))).isEqualTo("\"key-99\"");
        assertThat(bytes(last.path("value"))).isEqualTo("value-99");
    }

    /** ProduceActionNoSchemaIntegrationTest.produceBinaryBatchWithInvalidData_throwsMultipleBadRequests. */
    @Test
    void produceBatchWithInvalidData() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            body.append("{\"partition_id\":0,\"key\":{\"type\":\"BINARY\",\"data\":").append(2 * i)
                    .append("},\"value\":{\"type\":\"BINARY\",\"data\":").append(2 * i + 1).append("}}");
        }
        HttpResult answer = produce(body.toString());

        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> reports = reports(answer);
        assertThat(reports).hasSize(100);
        reports.forEach(report -> assertThat(report.path("error_code").asInt()).isEqualTo(400));
    }

    /** ProduceActionNoSchemaIntegrationTest.produceBinaryWithLargerSizeMessage, within this topic's 1 MiB limit. */
    @Test
    void produceALargeBinaryValue() {
        byte[] value = new byte[1_000_000];
        java.util.Arrays.fill(value, (byte) 1);
        JsonNode report = produceOne("{\"key\":{\"type\":\"BINARY\",\"data\":\"Zm9v\"},\"value\":{\"type\":\"BINARY\","
                + "\"data\":\"" + Base64.getEncoder().encodeToString(value) + "\"}}");

        assertThat(report.path("value").path("size").asLong()).isEqualTo(value.length);
        assertThat(Base64.getDecoder().decode(readBack(report, 2_000_000).path("value").asString())).isEqualTo(value);
    }

    /** openapi.yaml servers: Confluent Server and Cloud serve v3 under {@code /kafka/v3}. */
    @Test
    void produceUnderTheKafkaPrefix() {
        HttpResult answer = http.post(gateway.url("/kafka/v3/clusters/" + clusterId + "/topics/" + TOPIC + "/records"),
                Http.JSON_TYPE, "{\"value\":{\"type\":\"STRING\",\"data\":\"prefixed\"}}");

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(bytes(readBack(reports(answer).get(0)).path("value"))).isEqualTo("prefixed");
    }

    /** openapi.yaml produceRecord: 404 for an unknown topic, 415 for another media type. */
    @Test
    void produceToAnUnknownTopicOrWithAnotherMediaType() {
        HttpResult unknown = http.post(gateway.url("/v3/clusters/" + clusterId + "/topics/nowhere/records"),
                Http.JSON_TYPE, "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error_code").isNumber()).isTrue();
        HttpResult text = http.post(v3Records(), "text/plain", "{}");
        assertThat(text.status()).isEqualTo(415);
    }

    /**
     * openapi.yaml produceRecord, streaming mode: with {@code Transfer-Encoding: chunked} the server keeps accepting
     * records while the connection is open and sends each one's report back in order, 200 as long as the connection
     * is established, each report with its own error_code; Confluent's {@code streaming_produce_v3_main.py} reads each
     * report before it writes the next record (full duplex). A record split over two chunks is one record.
     */
    @Test
    void streamingModeReportsEachRecordBeforeTheNextIsSent() throws Exception {
        List<Long> offsets = new ArrayList<>();
        try (RecordStream stream = RecordStream.open(cluster.gateways().get(0).port(), "/v3/clusters/" + clusterId
                + "/topics/" + TOPIC + "/records", Http.JSON_TYPE, Duration.ofSeconds(30))) {
            assertThat(stream.status()).isEqualTo(200);
            for (int i = 0; i < 10; i++) {
                stream.send("{\"partition_id\":1,\"value\":{\"type\":\"STRING\",\"data\":\"s" + i + "\"}}\n");
                JsonNode report = stream.nextReport();
                assertThat(report.path("error_code").asInt()).as("%s", report).isEqualTo(200);
                offsets.add(report.path("offset").asLong());
            }
            stream.send("{\"value\":{\"type\":\"BINARY\",\"data\":1}}");
            assertThat(stream.nextReport().path("error_code").asInt()).isEqualTo(400);
            stream.send("{\"partition_id\":1,\"value\":{\"type\":\"STR");
            stream.send("ING\",\"data\":\"split\"}}");
            JsonNode split = stream.nextReport();
            assertThat(split.path("error_code").asInt()).isEqualTo(200);
            assertThat(stream.finish()).as("nothing after the last record's report").isEmpty();
            assertThat(bytes(readBack(split).path("value"))).isEqualTo("split");
        }
        for (int i = 1; i < offsets.size(); i++) {
            assertThat(offsets.get(i)).isEqualTo(offsets.get(i - 1) + 1);
        }
    }

    /** openapi.yaml produceRecord: a stream to an unknown topic is refused with its status before it starts. */
    @Test
    void aStreamToAnUnknownTopicIsRefusedWithItsStatus() throws Exception {
        try (RecordStream stream = RecordStream.open(cluster.gateways().get(0).port(), "/v3/clusters/" + clusterId
                + "/topics/nowhere/records", Http.JSON_TYPE, Duration.ofSeconds(30))) {
            assertThat(stream.status()).isEqualTo(404);
        }
    }

    // ---- v3 batch produce: ProduceBatchActionIntegrationTest, ProduceBatchAction and openapi.yaml ------------

    /**
     * ProduceBatchActionIntegrationTest.produceBinary, produceString and produceBinaryWithInvalidData_throwsBadRequest:
     * 207, each entry in successes or failures by its id (openapi ProduceBatchResponse), the written ones where their
     * report says; a wrong entry fails alone with error_code 400.
     */
    @Test
    void aBatchAnswers207WithEachEntryByItsId() {
        HttpResult answer = http.post(v3Records() + ":batch", Http.JSON_TYPE, "{\"entries\":["
                + "{\"id\":\"1\",\"key\":{\"type\":\"BINARY\",\"data\":\"Zm9v\"},\"value\":{\"type\":\"BINARY\",\"data\":\"YmFy\"}},"
                + "{\"id\":\"2\",\"value\":{\"type\":\"BINARY\",\"data\":\"fooba\"}},"
                + "{\"value\":{\"type\":\"STRING\",\"data\":\"three\"},\"id\":\"3\",\"partition_id\":2}]}");

        assertThat(answer.status()).as("%s", answer).isEqualTo(207);
        JsonNode successes = answer.json().path("successes");
        JsonNode failures = answer.json().path("failures");
        assertThat(successes.size()).isEqualTo(2);
        assertThat(failures.size()).isEqualTo(1);
        assertThat(failures.path(0).path("id").asString()).isEqualTo("2");
        assertThat(failures.path(0).path("error_code").asInt()).isEqualTo(400);
        for (JsonNode success : successes) {
            JsonNode stored = readBack(success);
            if (success.path("id").asString().equals("1")) {
                assertThat(bytes(stored.path("key"))).isEqualTo("foo");
                assertThat(bytes(stored.path("value"))).isEqualTo("bar");
            } else {
                assertThat(success.path("id").asString()).isEqualTo("3");
                assertThat(success.path("partition_id").asInt()).isEqualTo(2);
                assertThat(bytes(stored.path("value"))).isEqualTo("three");
            }
        }
    }

    /**
     * ProduceBatchActionIntegrationTest.produceWithInvalidData_throwsBadRequest (422 for an unknown field) and
     * ProduceBatchAction's rules, each 422 with Confluent's code 42208 (Errors.PRODUCE_BATCH_EXCEPTION_ERROR_CODE):
     * an empty batch, ids not distinct, an id that is not a string, more entries than the batch may have.
     */
    @Test
    void aBatchThatBreaksItsRulesIs422() {
        String url = v3Records() + ":batch";
        assertThat(http.post(url, Http.JSON_TYPE, "{ \"records\": {\"subject\": \"foobar\" } }").status())
                .isEqualTo(422);
        ErrorBodies.assertError(http.post(url, Http.JSON_TYPE, "{\"entries\":[]}"), 422, 42208);
        ErrorBodies.assertError(http.post(url, Http.JSON_TYPE, "{\"entries\":[{\"id\":\"a\"},{\"id\":\"a\"}]}"),
                422, 42208);
        ErrorBodies.assertError(http.post(url, Http.JSON_TYPE, "{\"entries\":[{\"id\":1}]}"), 422, 42208);
        StringBuilder many = new StringBuilder("{\"entries\":[");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\"}");
        }
        ErrorBodies.assertError(http.post(url, Http.JSON_TYPE, many + "]}"), 422, 42208);
    }

    // ---- v2 produce: ProducerTest and AbstractProducerTest ----------------------------------------------------

    /**
     * ProducerTest.testProduceToTopicWithKeys, testProduceToTopicWithPartitions and testProduceToTopicWithNullValues
     * (binary, AbstractProducerTest.testProduceToTopic): 200, one offset per record in request order, the records
     * stored as sent; records with the same key on the same partition (Kafka's partitioner).
     */
    @Test
    void v2ProduceToATopicStoresEachRecordWhereItsOffsetSays() {
        HttpResult answer = gateway.produce(TOPIC, BINARY_V2, "{\"records\":[{\"key\":\"a2V5\",\"value\":\"dmFsdWUx\"},"
                + "{\"key\":\"a2V5\",\"value\":\"dmFsdWUy\"},{\"partition\":1,\"value\":\"dmFsdWUz\"},"
                + "{\"key\":\"a2V5\",\"value\":null}]}");

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode offsets = answer.json().path("offsets");
        assertThat(offsets.size()).isEqualTo(4);
        assertThat(offsets.path(1).path("partition").asInt()).isEqualTo(offsets.path(0).path("partition").asInt());
        assertThat(offsets.path(1).path("offset").asLong()).isEqualTo(offsets.path(0).path("offset").asLong() + 1);
        assertThat(offsets.path(2).path("partition").asInt()).isEqualTo(1);
        List<String> values = new ArrayList<>();
        for (JsonNode offset : offsets) {
            JsonNode stored = readBack(Http.json().createObjectNode().put("topic_name", TOPIC)
                    .put("partition_id", offset.path("partition").asInt()).put("offset", offset.path("offset").asLong()));
            values.add(stored.path("value").isNull() ? null : bytes(stored.path("value")));
        }
        assertThat(values).containsExactly("value1", "value2", "value3", null);
    }

    /** ProducerTest.testNullPayload: a produce without a body is 422, to a topic and to a partition. */
    @Test
    void v2ProduceWithoutABodyIs422() {
        for (String type : List.of(BINARY_V2, "application/vnd.kafka.json.v2+json")) {
            assertThat(gateway.produce(TOPIC, type, "").status()).as(type).isEqualTo(422);
            assertThat(gateway.produce(TOPIC, 0, type, "").status()).as(type).isEqualTo(422);
        }
    }

    // ---- v2 commit: KafkaConsumerState.commitOffsets, ConsumersResource, CommitOffsetsResponse -----------------

    /**
     * KafkaConsumerState.commitOffsets: an offset named in a commit is the last record processed, committed as
     * {@code offset + 1}; {@code GET …/offsets} (KafkaConsumerState.committed) answers what Kafka holds, that
     * {@code offset + 1}; the commit's answer is CommitOffsetsResponse, whose {@code @JsonValue} is its list, empty.
     * A member that takes the partition next starts from the committed offset (Kafka's consumer).
     */
    @Test
    void anExplicitCommitStoresTheNextOffset() {
        String topic = "committed";
        topicWith(topic, "{\"records\":[{\"value\":0},"
                + "{\"value\":1},{\"value\":2},{\"value\":3},{\"value\":4}]}");
        String first = instance("committers", "first");
        assertThat(http.post(first + "/assignments", Http.KAFKA_V2,
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}").status()).isEqualTo(204);

        HttpResult commit = http.post(first + "/offsets", Http.KAFKA_V2,
                "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":2}]}");
        assertThat(commit.status()).as("%s", commit).isEqualTo(200);
        assertThat(commit.body().trim()).isEqualTo("[]");
        HttpResult committed = committed(first, topic);
        assertThat(committed.json().path("offsets").path(0).path("offset").asLong()).isEqualTo(3);

        assertThat(http.send(http.request(first).DELETE()).status()).isEqualTo(204);
        String second = instance("committers", "second");
        assertThat(http.post(second + "/subscription", Http.KAFKA_V2, "{\"topics\":[\"" + topic + "\"]}").status())
                .isEqualTo(204);
        JsonNode records = Await.value(BOUND, "the next member's first poll", () -> "", () -> {
            HttpResult poll = http.get(second + "/records?timeout=1000", "application/vnd.kafka.json.v2+json");
            return poll.status() == 200 && poll.json().size() > 0 ? Optional.of(poll.json()) : Optional.empty();
        });
        assertThat(records.path(0).path("offset").asLong()).as("the first record after the one committed")
                .isEqualTo(3);
    }

    /**
     * AbstractConsumerTest.commitOffsets: a commit without a body to {@code …/offsets/} (with the trailing slash
     * Confluent's tests send) answers 200 in {@code application/vnd.kafka.v2+json} and commits what was fetched.
     */
    @Test
    void aCommitOfWhatWasFetchedAcceptsATrailingSlash() {
        String topic = "slashed";
        topicWith(topic, "{\"records\":[{\"value\":0},{\"value\":1}]}");
        String reader = instance("slashers", "s1");
        assertThat(http.post(reader + "/assignments/", Http.KAFKA_V2,
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}").status()).isEqualTo(204);
        Await.until(BOUND, "both records polled", () -> {
            HttpResult poll = http.get(reader + "/records?timeout=1000", "application/vnd.kafka.json.v2+json");
            return poll.status() == 200 && poll.json().size() > 0
                    && poll.json().path(poll.json().size() - 1).path("offset").asLong() == 1;
        });

        HttpResult commit = http.send(http.request(reader + "/offsets/").header("Content-Type", Http.KAFKA_V2)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(commit.status()).as("%s", commit).isEqualTo(200);
        assertThat(contentType(commit)).isEqualTo(Http.KAFKA_V2);
        HttpResult committed = committed(reader, topic);
        assertThat(committed.json().path("offsets").path(0).path("offset").asLong()).isEqualTo(2);
    }

    /**
     * AbstractConsumerTest.seekToTimestamp: a seek by an ISO-8601 timestamp ({@code DateTimeFormatter.ISO_INSTANT})
     * answers 204, and the next poll starts at the first record at or after that time.
     */
    @Test
    void aSeekTakesAnIsoTimestamp() {
        String topic = "seeking";
        topicWith(topic, "{\"records\":["
                + "{\"value\":0,\"timestamp\":1000},{\"value\":1,\"timestamp\":2000},{\"value\":2,\"timestamp\":3000}]}");
        String seeker = instance("seekers", "s1");
        assertThat(http.post(seeker + "/assignments", Http.KAFKA_V2,
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}").status()).isEqualTo(204);

        HttpResult seek = http.post(seeker + "/positions", Http.KAFKA_V2, "{\"timestamps\":[{\"topic\":\"" + topic
                + "\",\"partition\":0,\"timestamp\":\"1970-01-01T00:00:01.500Z\"}]}");
        assertThat(seek.status()).as("%s", seek).isEqualTo(204);
        JsonNode records = Await.value(BOUND, "a poll after the seek", () -> "", () -> {
            HttpResult poll = http.get(seeker + "/records?timeout=1000", "application/vnd.kafka.json.v2+json");
            return poll.status() == 200 && poll.json().size() > 0 ? Optional.of(poll.json()) : Optional.empty();
        });
        assertThat(records.path(0).path("offset").asLong()).as("the first record at or after 1.5 s").isEqualTo(1);
    }

    /**
     * Strimzi Kafka Bridge's consumer takes Kafka's {@code enable.auto.commit} (its documentation's consumer
     * creation); the issue asks for its names as aliases: with it false, polls commit nothing.
     */
    @Test
    void strimzisEnableAutoCommitTurnsAutoCommitOff() {
        String topic = "bridged";
        topicWith(topic, "{\"records\":[{\"value\":0},"
                + "{\"value\":1}]}");
        String url = gateway.url("/consumers/bridged/instances/b1");
        HttpResult created = Await.value(BOUND, "a consumer instance b1", () -> "", () -> {
            HttpResult answer = http.post(gateway.url("/consumers/bridged"), Http.KAFKA_V2, "{\"name\":\"b1\","
                    + "\"format\":\"json\",\"auto.offset.reset\":\"earliest\",\"enable.auto.commit\":false}");
            return answer.status() == 503 ? Optional.empty() : Optional.of(answer);
        });
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        assertThat(http.post(url + "/assignments", Http.KAFKA_V2,
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}").status()).isEqualTo(204);
        Await.until(BOUND, "both records polled", () -> {
            HttpResult poll = http.get(url + "/records?timeout=1000", "application/vnd.kafka.json.v2+json");
            return poll.status() == 200 && poll.json().size() > 0
                    && poll.json().path(poll.json().size() - 1).path("offset").asLong() == 1;
        });
        http.get(url + "/records?timeout=100", "application/vnd.kafka.json.v2+json");
        HttpResult committed = committed(url, topic);
        assertThat(committed.json().path("offsets").size()).as("%s", committed).isZero();
        ErrorBodies.assertError(http.post(gateway.url("/consumers/bridged"), Http.KAFKA_V2, "{\"name\":\"b2\","
                + "\"auto.commit.enable\":\"true\",\"enable.auto.commit\":\"false\"}"), 422, 42201);
    }

    // ---- v2 metadata and media types: MetadataApiTest, ConsumerBinaryTest, the API reference's "Content Types" ----

    /**
     * MetadataApiTest.testBrokers, testTopicsList and testPartitionsList: without an {@code Accept} header every
     * answer, errors too, is {@code application/vnd.kafka.v2+json}; an unknown topic is 404/40403
     * (KAFKA_UNKNOWN_TOPIC_PARTITION_CODE), an unknown partition 404/40402.
     */
    @Test
    void v2MetadataAnswersInTheV2MediaType() {
        HttpResult brokers = http.send(http.request(gateway.url("/brokers")).GET());
        assertThat(brokers.status()).isEqualTo(200);
        assertThat(contentType(brokers)).isEqualTo(Http.KAFKA_V2);
        assertThat(brokers.json().path("brokers").size()).isEqualTo(3);

        HttpResult topics = http.send(http.request(gateway.url("/topics")).GET());
        assertThat(contentType(topics)).isEqualTo(Http.KAFKA_V2);
        assertThat(topics.json().valueStream().map(JsonNode::asString)).contains(TOPIC);
        HttpResult topic = http.send(http.request(gateway.url("/topics/" + TOPIC)).GET());
        assertThat(contentType(topic)).isEqualTo(Http.KAFKA_V2);
        assertThat(topic.json().path("name").asString()).isEqualTo(TOPIC);
        assertThat(topic.json().path("partitions").size()).isEqualTo(3);
        HttpResult unknown = http.send(http.request(gateway.url("/topics/topicdoesntexist")).GET());
        ErrorBodies.assertError(unknown, 404, 40403);
        assertThat(contentType(unknown)).isEqualTo(Http.KAFKA_V2);

        HttpResult partitions = http.send(http.request(gateway.url("/topics/" + TOPIC + "/partitions")).GET());
        assertThat(contentType(partitions)).isEqualTo(Http.KAFKA_V2);
        assertThat(partitions.json().size()).isEqualTo(3);
        HttpResult partition = http.send(http.request(gateway.url("/topics/" + TOPIC + "/partitions/0")).GET());
        assertThat(contentType(partition)).isEqualTo(Http.KAFKA_V2);
        assertThat(partition.json().path("partition").asInt()).isZero();
        assertThat(partition.json().path("replicas").size()).isEqualTo(3);
        HttpResult noPartition = http.send(http.request(gateway.url("/topics/" + TOPIC + "/partitions/1000")).GET());
        ErrorBodies.assertError(noPartition, 404, 40402);
        assertThat(contentType(noPartition)).isEqualTo(Http.KAFKA_V2);
    }

    /**
     * The API reference's "Content Types": less specific types ({@code application/vnd.kafka.v2+json},
     * {@code application/vnd.kafka+json}, {@code application/json}, {@code application/octet-stream}) are permitted,
     * and "if the embedded format is omitted, binary is assumed": each stores the base64 value's bytes.
     */
    @Test
    void aProduceWithoutAnEmbeddedFormatIsBinary() {
        for (String type : List.of(Http.KAFKA_V2, "application/vnd.kafka+json", Http.JSON_TYPE,
                "application/octet-stream")) {
            HttpResult answer = gateway.produce(TOPIC, 2, type, "{\"records\":[{\"value\":\"YmluYXJ5\"}]}");
            assertThat(answer.status()).as("%s: %s", type, answer).isEqualTo(200);
            JsonNode offset = answer.json().path("offsets").path(0);
            JsonNode stored = readBack(Http.json().createObjectNode().put("topic_name", TOPIC).put("partition_id", 2)
                    .put("offset", offset.path("offset").asLong()));
            assertThat(bytes(stored.path("value"))).as(type).isEqualTo("binary");
        }
    }

    /**
     * ConsumersResource takes every embedded format's type on its routes, creation too; ConsumerBinaryTest
     * .testInvalidKafkaConsumerConfig (422/42204) and testDuplicateConsumerID (409/40902), both answered in
     * {@code application/vnd.kafka.v2+json}; AbstractConsumerTest.startConsumeMessages: the create answers in that type
     * with a base URI that contains the instance id.
     */
    @Test
    void consumerCreationTakesTheEmbeddedFormatsTypes() {
        String group = gateway.url("/consumers/typed");
        HttpResult created = Await.value(BOUND, "a consumer instance", () -> "", () -> {
            HttpResult answer = postWithoutAccept(group, BINARY_V2, "{\"name\":\"typed-1\",\"format\":\"binary\"}");
            return answer.status() == 503 ? Optional.empty() : Optional.of(answer);
        });
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        assertThat(contentType(created)).isEqualTo(Http.KAFKA_V2);
        assertThat(created.json().path("base_uri").asString()).contains(created.json().path("instance_id").asString());

        HttpResult duplicate = postWithoutAccept(group, Http.KAFKA_V2, "{\"name\":\"typed-1\",\"format\":\"binary\"}");
        ErrorBodies.assertError(duplicate, 409, 40902);
        assertThat(contentType(duplicate)).isEqualTo(Http.KAFKA_V2);
        HttpResult badConfig = postWithoutAccept(group, Http.KAFKA_V2,
                "{\"name\":\"typed-2\",\"format\":\"binary\",\"auto.offset.reset\":\"bad-config\"}");
        ErrorBodies.assertError(badConfig, 422, 42204);
        assertThat(contentType(badConfig)).isEqualTo(Http.KAFKA_V2);
        assertThat(http.post(group, "application/vnd.kafka.json.v2+json", "{\"name\":\"typed-3\",\"format\":\"json\"}")
                .status()).isEqualTo(200);
    }

    /** Creates {@code topic} (one partition, 3 replicas), waits until it is ready and produces {@code records} to it. */
    private static void topicWith(String topic, String records) {
        assertThat(gateway.createTopic(clusterId, topic, 1, 3).status()).isEqualTo(201);
        gateway.awaitTopicReady(topic, 1, BOUND);
        assertThat(gateway.produce(topic, 0, "application/vnd.kafka.json.v2+json", records).status()).isEqualTo(200);
    }

    private static String instance(String group, String name) {
        HttpResult created = Await.value(BOUND, "a consumer instance " + name, () -> "", () -> {
            HttpResult answer = http.post(gateway.url("/consumers/" + group), Http.KAFKA_V2,
                    "{\"name\":\"" + name + "\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\","
                            + "\"auto.commit.enable\":\"false\"}");
            return answer.status() == 503 ? Optional.empty() : Optional.of(answer);
        });
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        return gateway.url("/consumers/" + group + "/instances/" + name);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static String v3Records() {
        return gateway.url("/v3/clusters/" + clusterId + "/topics/" + TOPIC + "/records");
    }

    private static HttpResult produce(String body) {
        return http.send(http.request(v3Records()).header("Content-Type", Http.JSON_TYPE)
                .header("Accept", Http.JSON_TYPE).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Produces one record and returns its report, which must say written. */
    private static JsonNode produceOne(String record) {
        HttpResult answer = produce(record);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        List<JsonNode> reports = reports(answer);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).path("error_code").asInt()).as("%s", answer).isEqualTo(200);
        return reports.get(0);
    }

    private static List<JsonNode> reports(HttpResult answer) {
        List<JsonNode> reports = new ArrayList<>();
        try (MappingIterator<JsonNode> each = Http.json().readerFor(JsonNode.class).readValues(answer.body())) {
            each.forEachRemaining(reports::add);
        }
        return reports;
    }

    private static JsonNode readBack(JsonNode report) {
        return readBack(report, 64 * 1024);
    }

    /** The record a report names, read back through the v2 binary fetch. */
    private static JsonNode readBack(JsonNode report, int maxBytes) {
        HttpResult records = http.get(gateway.url("/topics/" + report.path("topic_name").asString() + "/partitions/"
                + report.path("partition_id").asInt() + "/records?offset=" + report.path("offset").asLong()
                + "&max_bytes=" + maxBytes + "&timeout=0"), BINARY_V2);
        assertThat(records.status()).as("%s", records).isEqualTo(200);
        JsonNode record = records.json().path(0);
        assertThat(record.path("offset").asLong()).isEqualTo(report.path("offset").asLong());
        return record;
    }

    /** {@code GET …/offsets} of partition 0 of {@code topic} for the instance at {@code instance}, with a body. */
    private static HttpResult committed(String instance, String topic) {
        return http.send(http.request(instance + "/offsets").header("Accept", Http.KAFKA_V2)
                .header("Content-Type", Http.KAFKA_V2).method("GET", HttpRequest.BodyPublishers.ofString(
                        "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}")));
    }

    /** A POST as Confluent's tests send it: no {@code Accept} header. */
    private static HttpResult postWithoutAccept(String url, String contentType, String body) {
        return http.send(http.request(url).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The answer's media type without parameters. */
    private static String contentType(HttpResult answer) {
        return answer.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    }

    private static String bytes(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asString()), StandardCharsets.UTF_8);
    }
}
