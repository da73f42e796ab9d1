package dev.streamlog.gateway.admin;

import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.acl.AclResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a v3 admin request forwarded to the controller needs, as Kafka's admin requests need it:
 * <ul>
 *   <li>clusters and brokers ({@code GET}): every caller (Kafka's metadata);</li>
 *   <li>{@code GET …/topics}, {@code …/topics/-/configs}, {@code …/partitions/under-replicated|offline},
 *       {@code …/brokers/{b}/partition-replicas}: every caller, the list keeping only topics the caller may
 *       DESCRIBE (DESCRIBE_CONFIGS for configs);</li>
 *   <li>{@code POST …/topics}: CREATE on the cluster or on the topic named in the body;</li>
 *   <li>{@code …/topics/{t}} and its partitions and replicas: DESCRIBE to read, ALTER to {@code PATCH} (more
 *       partitions), DELETE to delete;</li>
 *   <li>{@code …/topics/{t}/configs…}: DESCRIBE_CONFIGS to read, ALTER_CONFIGS to change;</li>
 *   <li>any other path: DESCRIBE on the cluster to read, ALTER on the cluster otherwise (so a route added to the
 *       controller later is closed until it is given its own rule here).</li>
 * </ul>
 * Immutable.
 *
 * @param check  refuses the request (403/40301) or lets it through
 * @param listed the operation a listed topic needs to stay in the answer, or empty for answers kept whole
 */
record AdminAccess(Check check, Optional<AclOperation> listed) {

    /** The check made before forwarding. */
    @FunctionalInterface
    interface Check {
        void require(Access access);
    }

    private static final Check ANYONE = access -> { };

    /**
     * The rule for {@code method} on {@code path} (as forwarded: {@code /v3/…}, segments encoded); {@code body}
     * names the topic of a create.
     */
    static AdminAccess of(String method, String path, byte[] body, JsonMapper json) {
        List<String> segments = Arrays.stream(path.substring(1).split("/", -1))
                .map(segment -> UriUtils.decode(segment, StandardCharsets.UTF_8)).toList();
        boolean read = method.equals("GET") || method.equals("HEAD");
        // v3, clusters, {c}, then the resource
        if (segments.size() <= 3) {
            return read ? whole(ANYONE) : cluster(AclOperation.ALTER);
        }
        String resource = segments.get(3);
        List<String> rest = segments.subList(4, segments.size());
        return switch (resource) {
            case "brokers" -> !read ? cluster(AclOperation.ALTER)
                    : rest.size() == 2 && rest.get(1).equals("partition-replicas") ? listed(AclOperation.DESCRIBE)
                    : rest.size() <= 1 ? whole(ANYONE) : cluster(AclOperation.DESCRIBE);
            case "partitions" -> read && rest.size() == 1
                    && (rest.get(0).equals("under-replicated") || rest.get(0).equals("offline"))
                    ? listed(AclOperation.DESCRIBE) : cluster(read ? AclOperation.DESCRIBE : AclOperation.ALTER);
            case "topics" -> topics(method, read, rest, body, json);
            default -> cluster(read ? AclOperation.DESCRIBE : AclOperation.ALTER);
        };
    }

    private static AdminAccess topics(String method, boolean read, List<String> rest, byte[] body, JsonMapper json) {
        if (rest.isEmpty()) {
            if (read) {
                return listed(AclOperation.DESCRIBE);
            }
            if (method.equals("POST")) {
                Optional<String> topic = createdTopic(body, json);
                return whole(access -> {
                    if (topic.isEmpty()) {
                        access.requireOnCluster(AclOperation.CREATE);
                    } else if (!access.allowsOnCluster(AclOperation.CREATE)) {
                        access.requireTopic(AclOperation.CREATE, topic.get());
                    }
                });
            }
            return cluster(AclOperation.ALTER);
        }
        String topic = rest.get(0);
        boolean configs = rest.size() >= 2 && rest.get(1).startsWith("configs");
        if (topic.equals("-")) {
            return read ? listed(configs ? AclOperation.DESCRIBE_CONFIGS : AclOperation.DESCRIBE)
                    : cluster(AclOperation.ALTER);
        }
        AclOperation operation;
        if (configs) {
            operation = read ? AclOperation.DESCRIBE_CONFIGS : AclOperation.ALTER_CONFIGS;
        } else if (read) {
            operation = AclOperation.DESCRIBE;
        } else if (rest.size() == 1 && method.equals("PATCH")) {
            operation = AclOperation.ALTER;
        } else if (rest.size() == 1 && method.equals("DELETE")) {
            operation = AclOperation.DELETE;
        } else {
            operation = AclOperation.ALTER;
        }
        return whole(access -> access.requireTopic(operation, topic));
    }

    /**
     * {@code answer}, its {@code data} keeping only entries whose {@code topic_name} the caller may see (all of it
     * for a rule that lists nothing, an error, or a body that is not a JSON list).
     */
    ResponseEntity<?> filter(ResponseEntity<?> answer, Access access, JsonMapper json) {
        if (listed.isEmpty() || !answer.getStatusCode().isSameCodeAs(HttpStatus.OK)
                || !(answer.getBody() instanceof byte[] bytes)) {
            return answer;
        }
        JsonNode tree;
        try {
            tree = json.readTree(bytes);
        } catch (JacksonException e) {
            return answer;
        }
        if (!(tree instanceof ObjectNode list) || !(list.get("data") instanceof ArrayNode data)) {
            return answer;
        }
        ArrayNode kept = list.putArray("data");
        data.forEach(entry -> {
            JsonNode topic = entry.get("topic_name");
            if (topic == null || !topic.isString() || access.allows(listed.get(),
                    AclResourceType.TOPIC, topic.asString())) {
                kept.add(entry);
            }
        });
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .contentType(answer.getHeaders().getContentType() == null ? MediaType.APPLICATION_JSON
                        : answer.getHeaders().getContentType())
                .body(json.writeValueAsBytes(list));
    }

    private static Optional<String> createdTopic(byte[] body, JsonMapper json) {
        try {
            JsonNode name = json.readTree(body).get("topic_name");
            return name != null && name.isString() ? Optional.of(name.asString()) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static AdminAccess whole(Check check) {
        return new AdminAccess(check, Optional.empty());
    }

    private static AdminAccess listed(AclOperation operation) {
        return new AdminAccess(ANYONE, Optional.of(operation));
    }

    private static AdminAccess cluster(AclOperation operation) {
        return whole(access -> access.requireOnCluster(operation));
    }
}
