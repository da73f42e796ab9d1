package dev.streamlog.gateway.metadata;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.acl.AclResourceType;
import dev.streamlog.gateway.acl.AnyPrincipal;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.v2.BrokerList;
import dev.streamlog.model.v2.PartitionMetadata;
import dev.streamlog.model.v2.TopicMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The v2 metadata routes, answered from the metadata cache without any remote call: {@code GET /topics},
 * {@code GET /topics/{t}}, {@code GET /topics/{t}/partitions[/{p}]} and {@code GET /brokers}; and Confluent's root,
 * {@code GET /}, an empty object (load balancers and liveness checks copied from REST Proxy set-ups ask it).
 * As Kafka's metadata: a topic needs DESCRIBE, the topic list shows only those the caller may describe, brokers and
 * the root are everyone's. Stateless.
 */
@RestController
class MetadataController {

    private final ClusterMetadata metadata;

    MetadataController(ClusterMetadata metadata) {
        this.metadata = metadata;
    }

    @GetMapping("/")
    @AnyPrincipal
    Map<String, Object> root() {
        return Map.of();
    }

    @GetMapping("/topics")
    List<String> topics(Access access) {
        return metadata.snapshot().topics().keySet().stream()
                .filter(topic -> access.allows(AclOperation.DESCRIBE, AclResourceType.TOPIC, topic)).toList();
    }

    @GetMapping("/topics/{topic}")
    TopicMetadata topic(Access access, @PathVariable String topic) {
        describe(access, topic);
        return MetadataViews.topic(Lookups.topic(metadata, topic, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
    }

    @GetMapping("/topics/{topic}/partitions")
    List<PartitionMetadata> partitions(Access access, @PathVariable String topic) {
        describe(access, topic);
        return MetadataViews.topic(Lookups.topic(metadata, topic, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)).partitions();
    }

    @GetMapping("/topics/{topic}/partitions/{partition}")
    PartitionMetadata partition(Access access, @PathVariable String topic, @PathVariable int partition) {
        describe(access, topic);
        TopicView view = Lookups.topic(metadata, topic, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        return MetadataViews.partition(view, Lookups.partition(view, partition));
    }

    @GetMapping("/brokers")
    @AnyPrincipal
    BrokerList brokers() {
        return new BrokerList(new ArrayList<>(metadata.snapshot().brokers().keySet()));
    }

    private static void describe(Access access, String topic) {
        access.requireTopic(AclOperation.DESCRIBE, topic);
    }
}
