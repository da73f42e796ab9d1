package dev.streamlog.it.kit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The public API of one gateway as tests use it: admin calls through the v3 routes, produce,
 * offsets and stateless reads through the v2 routes, with the waits those need (a new topic's
 * partitions get leaders asynchronously). Every call returns the raw {@link HttpResult} so tests
 * assert on status and body themselves.
 *
 * <p>Thread-safe.
 */
public final class GatewayApi {

    private final Http http;
    private final String baseUrl;

    /** The API of the gateway at {@code baseUrl} ({@code http://host:port}, no trailing slash). */
    public GatewayApi(Http http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** {@code baseUrl + path}; the path is used as given (encode names yourself). */
    public String url(String path) {
        return baseUrl + path;
    }

    /** The cluster id from {@code GET /v3/clusters}, waiting (bounded) until the admin API answers. */
    public String clusterId(Duration bound) {
        return Await.value(bound, "GET /v3/clusters to answer 200 with a cluster id", () -> "", () -> {
            HttpResult clusters = http.get(url("/v3/clusters"));
            if (clusters.status() != 200) {
                throw new IllegalStateException(clusters.toString());
            }
            String id = clusters.json().path("data").path(0).path("cluster_id").asString("");
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        });
    }

    /** {@code POST /v3/clusters/{c}/topics} with name, partition count and replication factor. */
    public HttpResult createTopic(String clusterId, String topic, int partitions, int replicationFactor) {
        return createTopic(clusterId, topic, partitions, replicationFactor, Map.of());
    }

    /** {@code POST /v3/clusters/{c}/topics} with name, partition count, replication factor and topic configs. */
    public HttpResult createTopic(String clusterId, String topic, int partitions, int replicationFactor,
                                  Map<String, String> configs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic_name", topic);
        body.put("partitions_count", partitions);
        body.put("replication_factor", replicationFactor);
        if (!configs.isEmpty()) {
            body.put("configs", configs.entrySet().stream()
                    .map(config -> Map.of("name", config.getKey(), "value", config.getValue())).toList());
        }
        return http.postJson(url("/v3/clusters/" + clusterId + "/topics"), body);
    }

    /**
     * Waits (bounded) until the new topic can be used: {@code GET /topics/{t}/partitions} lists
     * {@code partitions} partitions that all have a leader, and every partition's offsets
     * answer 200 (which needs the leading storage node to have opened its log: right after a
     * create it answers a retriable 503 for a moment, as Kafka answers LEADER_NOT_AVAILABLE).
     * Returns the partition list.
     */
    public JsonNode awaitTopicReady(String topic, int partitions, Duration bound) {
        return Await.value(bound, "topic " + topic + " to have " + partitions + " partitions with leaders that serve them",
                () -> "", () -> {
                    HttpResult answer = http.get(url("/topics/" + encode(topic) + "/partitions"), Http.KAFKA_V2);
                    if (answer.status() != 200) {
                        throw new IllegalStateException(answer.toString());
                    }
                    JsonNode list = answer.json();
                    if (list.size() != partitions) {
                        throw new IllegalStateException(answer.toString());
                    }
                    for (JsonNode partition : list) {
                        if (partition.path("leader").asInt(-1) < 0) {
                            throw new IllegalStateException("no leader yet: " + answer);
                        }
                        HttpResult offsets = offsets(topic, partition.path("partition").asInt());
                        if (offsets.status() != 200) {
                            throw new IllegalStateException(offsets.toString());
                        }
                    }
                    return Optional.of(list);
                });
    }

    /** {@code POST /topics/{t}} with the body as given. */
    public HttpResult produce(String topic, String contentType, String body) {
        return http.post(url("/topics/" + encode(topic)), contentType, body);
    }

    /** {@code POST /topics/{t}/partitions/{p}} with the body as given. */
    public HttpResult produce(String topic, int partition, String contentType, String body) {
        return http.post(url("/topics/" + encode(topic) + "/partitions/" + partition), contentType, body);
    }

    /** {@code GET /topics/{t}/partitions/{p}/offsets}. */
    public HttpResult offsets(String topic, int partition) {
        return http.get(url("/topics/" + encode(topic) + "/partitions/" + partition + "/offsets"), Http.KAFKA_V2);
    }

    /** {@code GET /topics/{t}/partitions/{p}/records?offset=&max_bytes=&timeout=0} in the JSON format. */
    public HttpResult records(String topic, int partition, long offset, int maxBytes) {
        return http.get(url("/topics/" + encode(topic) + "/partitions/" + partition + "/records?offset=" + offset
                + "&max_bytes=" + maxBytes + "&timeout=0"), Http.KAFKA_JSON);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
