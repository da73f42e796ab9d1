package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.v3.AlterConfigEntry;
import dev.streamlog.model.v3.AlterConfigsRequest;
import dev.streamlog.model.v3.ResourceList;
import dev.streamlog.model.v3.TopicConfigData;
import dev.streamlog.model.v3.UpdateConfigRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/clusters/{c}/topics/{t}/configs[/{name}]} (list; one config's get, {@code PUT {"value":…}} and
 * {@code DELETE}, which resets it to its default), {@code configs:alter}, and every topic's configs
 * ({@code topics/-/configs}). Stateless; thread-safe.
 */
@RestController
@RequestMapping("/v3/clusters/{clusterId}/topics")
class TopicConfigController {

    /** The path segment that stands for every topic, as in Confluent's {@code topics/-/configs}. */
    private static final String ALL_TOPICS = "-";

    private final TopicAdmin admin;

    TopicConfigController(TopicAdmin admin) {
        this.admin = admin;
    }

    /** Every config of every topic, by topic ({@code topics/-/configs}, Confluent's listKafkaAllTopicConfigs). */
    @GetMapping("/" + ALL_TOPICS + "/configs")
    ResourceList<TopicConfigData> allConfigs(@PathVariable String clusterId) {
        V3Views views = V3Views.forCurrentRequest(clusterId);
        return new ResourceList<>(TopicConfigData.LIST_KIND, views.listMetadata(views.configsUrl(ALL_TOPICS)),
                admin.cluster(clusterId).liveTopics().stream()
                        .flatMap(topic -> views.configs(topic).stream())
                        .toList());
    }

    @GetMapping("/{topicName}/configs")
    ResourceList<TopicConfigData> configs(@PathVariable String clusterId, @PathVariable String topicName) {
        TopicImage topic = admin.topic(clusterId, topicName);
        V3Views views = V3Views.forCurrentRequest(clusterId);
        return new ResourceList<>(TopicConfigData.LIST_KIND, views.listMetadata(views.configsUrl(topicName)),
                views.configs(topic));
    }

    @GetMapping("/{topicName}/configs/{name}")
    TopicConfigData config(@PathVariable String clusterId, @PathVariable String topicName,
                           @PathVariable String name) {
        TopicImage topic = admin.topic(clusterId, topicName);
        return V3Views.forCurrentRequest(clusterId).config(topic, name).orElseThrow(() ->
                new AdminException(ErrorCode.NOT_FOUND, "Config '" + name + "' not found"));
    }

    /** Sets one config; 204 on success. */
    @PutMapping(path = "/{topicName}/configs/{name}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, TopicController.KAFKA_V2_JSON})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void update(@PathVariable String clusterId, @PathVariable String topicName, @PathVariable String name,
                @RequestBody(required = false) UpdateConfigRequest request) {
        TopicController.requireBody(request);
        requireKnown(name);
        admin.alterConfigs(clusterId, topicName, List.of(new AlterConfigEntry(name, request.value(), null)));
    }

    /** Resets one config to its default; 204 on success. */
    @DeleteMapping("/{topicName}/configs/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@PathVariable String clusterId, @PathVariable String topicName, @PathVariable String name) {
        requireKnown(name);
        admin.alterConfigs(clusterId, topicName, List.of(new AlterConfigEntry(name, null, AlterConfigEntry.DELETE)));
    }

    /** 404 for a config name Kafka does not have, as Confluent answers a single config's PUT or DELETE. */
    private static void requireKnown(String name) {
        if (!TopicConfigs.names().contains(name)) {
            throw new AdminException(ErrorCode.NOT_FOUND, "Config '" + name + "' not found");
        }
    }

    /** Alters configs all together or not at all; 204 on success. */
    @PostMapping(path = "/{topicName}/configs:alter",
            consumes = {MediaType.APPLICATION_JSON_VALUE, TopicController.KAFKA_V2_JSON})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void alter(@PathVariable String clusterId, @PathVariable String topicName,
               @RequestBody(required = false) AlterConfigsRequest request) {
        TopicController.requireBody(request);
        if (request.data() == null) {
            throw new AdminException(ErrorCode.UNPROCESSABLE_ENTITY, "data is required");
        }
        admin.alterConfigs(clusterId, topicName, request.data());
    }
}
