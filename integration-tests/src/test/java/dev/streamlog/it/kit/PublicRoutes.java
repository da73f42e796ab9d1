package dev.streamlog.it.kit;

import java.net.http.HttpRequest;
import java.util.List;

/**
 * Every row of the README's route table as one request each (v2, v3, the {@code /kafka/v3} prefix), plus the
 * console, the actuator's paths and an unknown path: what the security suites send to prove that every route
 * asks who is calling and what they may do. Consumer routes name group {@link #GROUP} and its instance
 * {@link #INSTANCE}; a topic create names {@link #PLANTED}. Immutable.
 */
public final class PublicRoutes {

    public static final String GROUP = "g";
    public static final String INSTANCE = "i";
    public static final String PLANTED = "planted";

    /** One request: its method, path and query, and the body with its content type (both null for none). */
    public record Route(String method, String path, String contentType, String body) {

        /** The request against the gateway at {@code gateway}, made by {@code http}. */
        public HttpRequest.Builder request(Http http, GatewayApi gateway) {
            HttpRequest.Builder request = http.request(gateway.url(path));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private PublicRoutes() {
    }

    /** The routes, naming cluster {@code clusterId} and topic {@code topic} (one partition, on broker 1). */
    public static List<Route> all(String clusterId, String topic) {
        String c = "/v3/clusters/" + clusterId;
        String t = "/topics/" + topic;
        String instance = "/consumers/" + GROUP + "/instances/" + INSTANCE;
        String records = "{\"records\":[{\"value\":1}]}";
        String v3Record = "{\"value\":{\"data\":1}}";
        return List.of(
                route("GET", "/"),
                route("GET", "/topics"),
                route("GET", t),
                new Route("POST", t, Http.KAFKA_JSON, records),
                new Route("POST", t + "/partitions/0", Http.KAFKA_JSON, records),
                route("GET", t + "/partitions"),
                route("GET", t + "/partitions/0"),
                route("GET", t + "/partitions/0/offsets"),
                route("GET", t + "/partitions/0/records?offset=0"),
                route("GET", "/brokers"),
                new Route("POST", "/consumers/" + GROUP, Http.KAFKA_V2,
                        "{\"name\":\"" + INSTANCE + "\",\"format\":\"json\"}"),
                route("DELETE", instance),
                new Route("POST", instance + "/subscription", Http.KAFKA_V2, "{\"topics\":[\"" + topic + "\"]}"),
                route("GET", instance + "/subscription"),
                route("DELETE", instance + "/subscription"),
                new Route("POST", instance + "/assignments", Http.KAFKA_V2, "{\"partitions\":[]}"),
                route("GET", instance + "/assignments"),
                new Route("POST", instance + "/positions", Http.KAFKA_V2, "{\"offsets\":[]}"),
                new Route("POST", instance + "/positions/beginning", Http.KAFKA_V2, "{\"partitions\":[]}"),
                new Route("POST", instance + "/positions/end", Http.KAFKA_V2, "{\"partitions\":[]}"),
                route("GET", instance + "/records"),
                new Route("POST", instance + "/offsets", Http.KAFKA_V2, "{\"offsets\":[]}"),
                route("GET", instance + "/offsets"),
                new Route("POST", c + "/topics/" + topic + "/records", Http.JSON_TYPE, v3Record),
                new Route("POST", "/kafka" + c + "/topics/" + topic + "/records", Http.JSON_TYPE, v3Record),
                new Route("POST", c + "/topics/" + topic + "/records:batch", Http.JSON_TYPE, "{\"entries\":[]}"),
                route("GET", "/v3/clusters"),
                route("GET", c),
                route("GET", c + "/brokers"),
                route("GET", c + "/brokers/1"),
                route("GET", c + "/brokers/1/partition-replicas"),
                route("GET", c + "/topics"),
                new Route("POST", c + "/topics", Http.JSON_TYPE,
                        "{\"topic_name\":\"" + PLANTED + "\",\"partitions_count\":1}"),
                route("GET", c + "/topics/" + topic),
                new Route("PATCH", c + "/topics/" + topic, Http.JSON_TYPE, "{\"partitions_count\":2}"),
                route("DELETE", c + "/topics/" + topic),
                route("GET", c + "/topics/" + topic + "/configs"),
                route("GET", c + "/topics/" + topic + "/configs/retention.ms"),
                new Route("PUT", c + "/topics/" + topic + "/configs/retention.ms", Http.JSON_TYPE,
                        "{\"value\":\"1\"}"),
                route("DELETE", c + "/topics/" + topic + "/configs/retention.ms"),
                new Route("POST", c + "/topics/" + topic + "/configs:alter", Http.JSON_TYPE, "{\"data\":[]}"),
                route("GET", c + "/topics/-/configs"),
                route("GET", c + "/topics/" + topic + "/partitions"),
                route("GET", c + "/topics/" + topic + "/partitions/0"),
                route("GET", c + "/topics/" + topic + "/partitions/0/replicas"),
                route("GET", c + "/topics/" + topic + "/partitions/0/replicas/1"),
                route("GET", c + "/topics/" + topic + "/partitions/0/offset"),
                route("GET", c + "/partitions/under-replicated"),
                route("GET", c + "/partitions/offline"),
                route("GET", c + "/consumer-groups"),
                route("GET", c + "/consumer-groups/" + GROUP),
                route("GET", c + "/consumer-groups/" + GROUP + "/consumers"),
                route("GET", c + "/consumer-groups/" + GROUP + "/lags"),
                route("GET", c + "/consumer-groups/" + GROUP + "/lag-summary"),
                route("GET", c + "/acls"),
                new Route("POST", c + "/acls", Http.JSON_TYPE, "{\"resource_type\":\"TOPIC\",\"resource_name\":\"*\","
                        + "\"pattern_type\":\"LITERAL\",\"principal\":\"User:*\",\"host\":\"*\","
                        + "\"operation\":\"ALL\",\"permission\":\"ALLOW\"}"),
                new Route("POST", c + "/acls:batch", Http.JSON_TYPE, "{\"data\":[]}"),
                route("DELETE", c + "/acls?resource_type=ANY&pattern_type=ANY&operation=ANY&permission=ANY"),
                route("GET", "/ui/"),
                route("GET", "/actuator/health"),
                route("GET", "/actuator/prometheus"),
                route("GET", "/actuator/metrics"),
                route("GET", "/no-such-route"));
    }

    private static Route route(String method, String path) {
        return new Route(method, path, null, null);
    }
}
