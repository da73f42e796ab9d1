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

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, KAFKA_V2_JSON})
    ResponseEntity<TopicData> create(@PathVariable String clusterId, @RequestBody CreateTopicRequest request) {
        if (request.topicName() == null) {
            throw new AdminException(ErrorCode.UNPROCESSABLE_ENTITY, "topic_name is required");
        }
        TopicImage topic = admin.create(clusterId, request);
        TopicData data = V3Views.forCurrentRequest(clusterId).topic(topic);
        return ResponseEntity.created(URI.create(data.metadata().self())).body(data);
    }

    @GetMapping("/{topicName}")
    TopicData topic(@PathVariable String clusterId, @PathVariable String topicName) {
        return V3Views.forCurrentRequest(clusterId).topic(admin.topic(clusterId, topicName));
    }

    @PatchMapping(path = "/{topicName}", consumes = {MediaType.APPLICATION_JSON_VALUE, KAFKA_V2_JSON})
    TopicData addPartitions(@PathVariable String clusterId, @PathVariable String topicName,
                            @RequestBody UpdatePartitionCountRequest request) {
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
