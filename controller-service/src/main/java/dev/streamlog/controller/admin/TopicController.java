package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.v3.CreateTopicRequest;
import dev.streamlog.model.v3.ResourceList;
import dev.streamlog.model.v3.TopicData;
import dev.streamlog.model.v3.UpdatePartitionCountRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/clusters/{c}/topics[/{t}]}: list, create (201), describe, add partitions (PATCH), delete (204).
 * Request bodies may be {@code application/json} or {@code application/vnd.kafka.v2+json}.
 * Stateless; thread-safe.
 */
@RestController
@RequestMapping("/v3/clusters/{clusterId}/topics")
class TopicController {

    /** Kafka REST's v2 media type, accepted besides plain JSON. */
    static final String KAFKA_V2_JSON = "application/vnd.kafka.v2+json";

    private final TopicAdmin admin;

    TopicController(TopicAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    ResourceList<TopicData> topics(@PathVariable String clusterId) {
        V3Views views = V3Views.forCurrentRequest(clusterId);
        return new ResourceList<>(TopicData.LIST_KIND, views.listMetadata(views.topicsUrl()),
                admin.cluster(clusterId).liveTopics().stream().map(views::topic).toList());
    }

    /**
     * Creates the topic (201 with its location), or with {@code validate_only} checks the request as a create would
     * and answers the topic it would make (200), creating nothing. As Confluent: no body 422/422, no topic name
     * 400/400, an existing topic 400/40002.
     */
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, KAFKA_V2_JSON})
    ResponseEntity<TopicData> create(@PathVariable String clusterId,
                                     @RequestBody(required = false) CreateTopicRequest request) {
        requireBody(request);
        if (request.topicName() == null) {
            throw new AdminException(ErrorCode.BAD_REQUEST_ENTITY, "topic_name is required");
        }
        if (request.onlyValidate()) {
            TopicImage wouldBe = admin.validateCreate(clusterId, request);
            return ResponseEntity.ok(V3Views.forCurrentRequest(clusterId).topic(wouldBe));
        }
        TopicImage topic = admin.create(clusterId, request);
        TopicData data = V3Views.forCurrentRequest(clusterId).topic(topic);
        return ResponseEntity.created(URI.create(data.metadata().self())).body(data);
    }

    /** 422/422 for a request without a body, as Confluent answers one ("Request body is empty. Data is required."). */
    static void requireBody(Object body) {
        if (body == null) {
            throw new AdminException(ErrorCode.MISSING_BODY, "the request body is empty; data is required");
        }
    }

    @GetMapping("/{topicName}")
    TopicData topic(@PathVariable String clusterId, @PathVariable String topicName) {
        return V3Views.forCurrentRequest(clusterId).topic(admin.topic(clusterId, topicName));
    }

    @PatchMapping(path = "/{topicName}", consumes = {MediaType.APPLICATION_JSON_VALUE, KAFKA_V2_JSON})
    TopicData addPartitions(@PathVariable String clusterId, @PathVariable String topicName,
                            @RequestBody(required = false) UpdatePartitionCountRequest request) {
        requireBody(request);
        if (request.partitionsCount() == null) {
            throw new AdminException(ErrorCode.UNPROCESSABLE_ENTITY, "partitions_count is required");
        }
        TopicImage topic = admin.addPartitions(clusterId, topicName, request.partitionsCount());
        return V3Views.forCurrentRequest(clusterId).topic(topic);
    }

    @DeleteMapping("/{topicName}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String clusterId, @PathVariable String topicName) {
        admin.delete(clusterId, topicName);
    }
}
