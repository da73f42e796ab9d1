package dev.streamlog.gateway.admin;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.model.v3.TopicData;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds back the controller's answer to a topic create (201) or a partition increase (200 to a PATCH) until this
 * gateway's metadata shows the topic with all its partitions and their states, at most {@link #MAX_WAIT}: the
 * client's next request through this gateway then finds every partition with its leader, instead of a 404 or
 * "no leader" in the milliseconds the ZooKeeper watches take. (A leader that has not opened a new partition yet
 * is asked again by the produce path.) Other answers pass at once. Stateless; thread-safe.
 */
@Component
public class TopicArrival {

    /** The longest an answer is held back. */
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final ClusterMetadata metadata;
    private final JsonMapper json;

    TopicArrival(ClusterMetadata metadata, JsonMapper json) {
        this.metadata = metadata;
        this.json = json;
    }

    /** {@code answer}, once the topic it describes has arrived in the metadata if it is a create or a grow. */
    CompletableFuture<ResponseEntity<?>> after(ForwardedRequest request, ResponseEntity<?> answer) {
        boolean created = request.method().equals(HttpMethod.POST.name()) && answer.getStatusCode().value() == 201;
        boolean grown = request.method().equals(HttpMethod.PATCH.name()) && answer.getStatusCode().value() == 200;
        if ((!created && !grown) || !(answer.getBody() instanceof byte[] body)) {
            return CompletableFuture.completedFuture(answer);
        }
        JsonNode topic;
        try {
            topic = json.readTree(body);
        } catch (JacksonException e) {
            return CompletableFuture.completedFuture(answer);
        }
        if (!TopicData.KIND.equals(topic.path("kind").asString("")) || !topic.path("topic_name").isString()) {
            return CompletableFuture.completedFuture(answer);
        }
        return metadata.awaitTopic(topic.path("topic_name").asString(), topic.path("partitions_count").asInt(1),
                MAX_WAIT).handle((shown, error) -> answer);
    }
}
