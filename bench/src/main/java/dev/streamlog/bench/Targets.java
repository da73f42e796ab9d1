package dev.streamlog.bench;

import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.AppendRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the three targets of a run from the options, with the same records in each (values of
 * {@code --record-size} stored bytes: random bytes, a JSON object or letters and digits by {@code --format}; no
 * key, so the gateway's sticky partitioner spreads requests over the partitions):
 * <ul>
 *   <li>the gateway: {@code POST /topics/{t}?acks=} in the embedded format of {@code --format}, or with
 *       {@code --api v3} {@code POST /v3/clusters/{c}/topics/{t}/records?acks=} with the records as concatenated
 *       JSON (type BINARY, JSON or STRING);</li>
 *   <li>the bare endpoint: the same request to a {@link ReferenceServer};</li>
 *   <li>direct storage: the storage node's internal append ({@code /internal/v1/partitions/{t}/{p}/records})
 *       with the same records as the record batches the gateway sends, each producer thread on one partition's
 *       leader.</li>
 * </ul>
 * Also looks the cluster up through the gateway's public API (creating the topic when asked). Every call has a
 * timeout. Stateless apart from the HTTP client; thread-safe.
 */
final class Targets {

    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BenchOptions options;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Targets(BenchOptions options) {
        this.options = options;
    }

    /** The gateway through the produce API of {@code --api}. */
    Target gateway() throws IOException, InterruptedException {
        if (options.api().equals("v3")) {
            return new Target("gateway v3", List.of(URI.create(options.gateway() + "/v3/clusters/" + clusterId()
                    + "/topics/" + options.topic() + "/records?acks=" + options.acks())), "application/json",
                    v3Body(), 200, options.batch(), (long) options.batch() * options.recordSize(), null);
        }
        return new Target("gateway", List.of(topicUri(options.gateway())), v2MediaType(), gatewayBody(), 200,
                options.batch(), (long) options.batch() * options.recordSize(), null);
    }

    Target bareEndpoint(String baseUrl) {
        return new Target("bare Spring MVC", List.of(topicUri(baseUrl)), v2MediaType(), gatewayBody(), 200,
                options.batch(), (long) options.batch() * options.recordSize(), null);
    }

    /** One URI per partition, at its leader's internal append endpoint. */
    Target directStorage() throws IOException, InterruptedException {
        Map<Integer, String> brokers = new HashMap<>();
        String clusterId = clusterId();
        for (JsonNode broker : get(options.gateway() + "/v3/clusters/" + clusterId + "/brokers").path("data")) {
            brokers.put(broker.path("broker_id").asInt(), "http://" + broker.path("host").asString() + ":"
                    + broker.path("port").asInt());
        }
        List<URI> uris = new ArrayList<>();
        for (JsonNode partition : get(options.gateway() + "/topics/" + options.topic() + "/partitions")) {
            String leader = brokers.get(partition.path("leader").asInt());
            if (leader == null) {
                throw new IllegalStateException("partition " + partition.path("partition").asInt() + " of "
                        + options.topic() + " has no live leader");
            }
            uris.add(URI.create(leader + "/internal/v1/partitions/" + options.topic() + "/"
                    + partition.path("partition").asInt() + "/records?acks=" + options.acks()));
        }
        return new Target("direct storage", uris, RecordBatches.MEDIA_TYPE, storageBody(), 200, options.batch(),
                (long) options.batch() * options.recordSize(), clusterSignature());
    }

    /**
     * The signature of the cluster {@code bin/cluster} runs, from its secret file (bin/bench names it in
     * {@code -Dstreamlog.bench.cluster-secret-file}): the storage nodes' routes are for members only.
     */
    private static ClusterSignature clusterSignature() throws IOException {
        String file = System.getProperty("streamlog.bench.cluster-secret-file");
        if (file == null || !Files.isReadable(Path.of(file))) {
            throw new IllegalStateException("direct storage appends are signed with the cluster's secret, and "
                    + (file == null ? "-Dstreamlog.bench.cluster-secret-file is not set (bin/bench sets it)"
                    : file + " cannot be read: run against the cluster bin/cluster started (STREAMLOG_VAR names its"
                    + " folder)"));
        }
        return ClusterSignature.fromFile(Path.of(file), Duration.ofSeconds(30));
    }

    /** Creates the topic when it is missing and {@code --create-partitions} says so; waits until it has leaders. */
    void ensureTopic() throws IOException, InterruptedException {
        HttpResponse<String> topic = send(GatewayRequests.to(URI.create(options.gateway() + "/topics/"
                + options.topic())).GET());
        if (topic.statusCode() == 404 && options.createPartitions() > 0) {
            String clusterId = clusterId();
            HttpResponse<String> created = send(GatewayRequests.to(URI.create(options.gateway()
                            + "/v3/clusters/" + clusterId + "/topics"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"topic_name\":\"" + options.topic()
                            + "\",\"partitions_count\":" + options.createPartitions() + ",\"replication_factor\":"
                            + options.replicationFactor() + (options.minInsyncReplicas() == 0 ? ""
                            : ",\"configs\":[{\"name\":\"min.insync.replicas\",\"value\":\""
                            + options.minInsyncReplicas() + "\"}]") + "}")));
            if (created.statusCode() != 201) {
                throw new IllegalStateException("creating " + options.topic() + " answered " + created.statusCode()
                        + " " + created.body());
            }
        } else if (topic.statusCode() != 200) {
            throw new IllegalStateException("topic " + options.topic() + ": " + topic.statusCode() + " "
                    + topic.body() + " (--create-partitions P creates it)");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!allLed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the partitions of " + options.topic() + " got no leaders in 60 s");
            }
            Thread.sleep(200);
        }
    }

    /** The topic's partition count. */
    int partitionCount() throws IOException, InterruptedException {
        return get(options.gateway() + "/topics/" + options.topic() + "/partitions").size();
    }

    /** The records the topic holds now: each partition's end offset minus its beginning offset, summed. */
    long recordsHeld() throws IOException, InterruptedException {
        long held = 0;
        for (JsonNode partition : get(options.gateway() + "/topics/" + options.topic() + "/partitions")) {
            JsonNode offsets = get(options.gateway() + "/topics/" + options.topic() + "/partitions/"
                    + partition.path("partition").asInt() + "/offsets");
            held += offsets.path("end_offset").asLong() - offsets.path("beginning_offset").asLong();
        }
        return held;
    }

    private boolean allLed() throws IOException, InterruptedException {
        for (JsonNode partition : get(options.gateway() + "/topics/" + options.topic() + "/partitions")) {
            if (partition.path("leader").asInt(-1) < 0) {
                return false;
            }
        }
        return true;
    }

    private URI topicUri(String baseUrl) {
        return URI.create(baseUrl + "/topics/" + options.topic() + "?acks=" + options.acks());
    }

    private String v2MediaType() {
        return "application/vnd.kafka." + options.format() + ".v2+json";
    }

    private byte[] gatewayBody() {
        List<String> records = values().stream().map(value -> "{\"value\":" + embedded(value) + "}").toList();
        return ("{\"records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.US_ASCII);
    }

    /** The same records for the v3 produce: concatenated JSON objects, each value of the format's type. */
    private byte[] v3Body() {
        String type = switch (options.format()) {
            case "json" -> "JSON";
            case "text" -> "STRING";
            default -> "BINARY";
        };
        StringBuilder body = new StringBuilder();
        for (byte[] value : values()) {
            body.append("{\"value\":{\"type\":\"").append(type).append("\",\"data\":").append(embedded(value))
                    .append("}}\n");
        }
        return body.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A stored value as the produce body carries it: base64 (binary), itself (json), a JSON string (text). */
    private String embedded(byte[] value) {
        return switch (options.format()) {
            case "json" -> new String(value, StandardCharsets.US_ASCII);
            case "text" -> "\"" + new String(value, StandardCharsets.US_ASCII) + "\"";
            default -> "\"" + Base64.getEncoder().encodeToString(value) + "\"";
        };
    }

    private String clusterId() throws IOException, InterruptedException {
        return get(options.gateway() + "/v3/clusters").path("data").path(0).path("cluster_id").asString();
    }

    /** The same records as record batches, the form the gateway sends a leader. */
    private byte[] storageBody() {
        long now = System.currentTimeMillis();
        List<AppendRecord> records = values().stream().map(value -> new AppendRecord(null, value, List.of(), now))
                .toList();
        int maxBatchBytes = Integer.parseInt(TopicConfigs.defaultValue(TopicConfigs.MAX_MESSAGE_BYTES).orElseThrow());
        return RecordBatches.encode(records, maxBatchBytes).bytes();
    }

    /**
     * The batch's values as stored, {@code --record-size} bytes each: random bytes (binary), {@code {"data":"…"}}
     * (json) or letters and digits (text); the same every time for the same options.
     */
    private List<byte[]> values() {
        Random random = new Random(options.batch() * 31L + options.recordSize());
        List<byte[]> values = new ArrayList<>(options.batch());
        for (int i = 0; i < options.batch(); i++) {
            byte[] value = new byte[options.recordSize()];
            switch (options.format()) {
                case "json" -> {
                    byte[] text = alphanumeric(random, options.recordSize() - BenchOptions.MIN_JSON_RECORD_SIZE);
                    value = ("{\"data\":\"" + new String(text, StandardCharsets.US_ASCII) + "\"}")
                            .getBytes(StandardCharsets.US_ASCII);
                }
                case "text" -> value = alphanumeric(random, options.recordSize());
                default -> random.nextBytes(value);
            }
            values.add(value);
        }
        return values;
    }

    private static byte[] alphanumeric(Random random, int length) {
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
            text[i] = (byte) ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length()));
        }
        return text;
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(GatewayRequests.to(URI.create(url))
                .header("Accept", "application/vnd.kafka.v2+json, application/json").GET());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
