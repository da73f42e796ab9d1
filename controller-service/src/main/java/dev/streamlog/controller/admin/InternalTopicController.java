package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.internal.ReplicationFactorRequest;
import dev.streamlog.model.v3.CreateTopicRequest;
import dev.streamlog.model.v3.TopicData;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal topics' admin, for the services that own them (such as the consumer coordinator's
 * {@code __consumer_offsets}); the public admin routes refuse internal names, and the gateway forwards none of
 * these:
 * <ul>
 *   <li>{@code POST /internal/v1/topics}: creates an internal topic (a name starting with {@code __}). The body
 *       is the v3 create request; the answer is 201 with the topic, 409/40901 when it exists, 40001 for a name
 *       that is not internal;</li>
 *   <li>{@code POST /internal/v1/topics/{t}/replication-factor} {@code {"replication_factor":N}}: grows every
 *       partition to N replicas ({@link dev.streamlog.controller.metadata.ReplicationGrowth}); 200 with the
 *       topic.</li>
 * </ul>
 * Stateless; thread-safe.
 */
@RestController
class InternalTopicController {

    private final TopicAdmin admin;

    InternalTopicController(TopicAdmin admin) {
        this.admin = admin;
    }

    @PostMapping(path = "/internal/v1/topics", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TopicData> create(@RequestBody CreateTopicRequest request) {
        if (request.topicName() == null) {
            throw new AdminException(ErrorCode.UNPROCESSABLE_ENTITY, "topic_name is required");
        }
        TopicImage topic = admin.createInternal(request);
        TopicData data = V3Views.forCurrentRequest(admin.image().clusterId()).topic(topic);
        return ResponseEntity.created(URI.create(data.metadata().self())).body(data);
    }

    @PostMapping(path = "/internal/v1/topics/{topicName}/replication-factor",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    TopicData growReplicationFactor(@PathVariable String topicName, @RequestBody ReplicationFactorRequest request) {
        if (request.replicationFactor() == null) {
            throw new AdminException(ErrorCode.UNPROCESSABLE_ENTITY, "replication_factor is required");
        }
        TopicImage topic = admin.growInternal(topicName, request.replicationFactor());
        return V3Views.forCurrentRequest(admin.image().clusterId()).topic(topic);
    }
}
