package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.v3.PartitionData;
import dev.streamlog.model.v3.ReplicaData;
import dev.streamlog.model.v3.ResourceList;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partitions and their replication health, from the partition states in ZooKeeper at the time of
 * the request: {@code /v3/clusters/{c}/topics/{t}/partitions[/{p}[/replicas[/{b}]]]}, the replicas a broker
 * holds ({@code /v3/clusters/{c}/brokers/{b}/partition-replicas}) and, across all topics,
 * {@code /v3/clusters/{c}/partitions/under-replicated} and {@code /v3/clusters/{c}/partitions/offline}.
 * Stateless; thread-safe.
 */
@RestController
@RequestMapping("/v3/clusters/{clusterId}")
class PartitionController {

    private static final String UNDER_REPLICATED = "under-replicated";
    private static final String OFFLINE = "offline";

    private final TopicAdmin admin;

    PartitionController(TopicAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/topics/{topicName}/partitions")
    ResourceList<PartitionData> partitions(@PathVariable String clusterId, @PathVariable String topicName) {
        TopicImage topic = admin.topicWithCurrentStates(clusterId, topicName);
        V3Views views = V3Views.forCurrentRequest(clusterId);
        return new ResourceList<>(PartitionData.LIST_KIND, views.listMetadata(views.partitionsUrl(topicName)),
                views.partitions(topic));
    }

    @GetMapping("/topics/{topicName}/partitions/{partitionId}")
    PartitionData partition(@PathVariable String clusterId, @PathVariable String topicName,
                            @PathVariable int partitionId) {
        TopicImage topic = topicWithPartition(clusterId, topicName, partitionId);
        return V3Views.forCurrentRequest(clusterId).partition(topic, partitionId);
    }

    @GetMapping("/topics/{topicName}/partitions/{partitionId}/replicas")
    ResourceList<ReplicaData> replicas(@PathVariable String clusterId, @PathVariable String topicName,
                                       @PathVariable int partitionId) {
        TopicImage topic = topicWithPartition(clusterId, topicName, partitionId);
        V3Views views = V3Views.forCurrentRequest(clusterId);
        return new ResourceList<>(ReplicaData.LIST_KIND, views.listMetadata(views.replicasUrl(topicName, partitionId)),
                views.replicas(topic, partitionId));
    }

    @GetMapping("/topics/{topicName}/partitions/{partitionId}/replicas/{brokerId}")
    ReplicaData replica(@PathVariable String clusterId, @PathVariable String topicName, @PathVariable int partitionId,
                        @PathVariable int brokerId) {
        TopicImage topic = topicWithPartition(clusterId, topicName, partitionId);
        return V3Views.forCurrentRequest(clusterId).replicas(topic, partitionId).stream()
                .filter(replica -> replica.brokerId() == brokerId)
                .findFirst()
                .orElseThrow(() -> new AdminException(ErrorCode.NOT_FOUND, "Broker " + brokerId
                        + " holds no replica of partition " + partitionId + " of topic '" + topicName + "'"));
    }

    /** Every replica the broker holds (Confluent's searchReplicasByBroker). */
    @GetMapping("/brokers/{brokerId}/partition-replicas")
    ResourceList<ReplicaData> replicasOnBroker(@PathVariable String clusterId, @PathVariable int brokerId) {
        if (!admin.cluster(clusterId).brokers().containsKey(brokerId)) {
            throw new AdminException(ErrorCode.NOT_FOUND, "Broker " + brokerId + " not found");
        }
        V3Views views = V3Views.forCurrentRequest(clusterId);
        return new ResourceList<>(ReplicaData.LIST_KIND, views.listMetadata(views.brokerReplicasUrl(brokerId)),
                views.replicasOn(admin.topicsWithCurrentStates(clusterId), brokerId));
    }

    /** The topic with its current states, if it has the partition (404/40403 otherwise, as Confluent's v3). */
    private TopicImage topicWithPartition(String clusterId, String topicName, int partitionId) {
        TopicImage topic = admin.topicWithCurrentStates(clusterId, topicName);
        if (partitionId < 0 || partitionId >= topic.partitionCount()) {
            throw new AdminException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Partition " + partitionId + " of topic '"
                    + topicName + "' not found; it has " + topic.partitionCount() + " partitions");
        }
        return topic;
    }

    @GetMapping("/partitions/" + UNDER_REPLICATED)
    ResourceList<PartitionData> underReplicated(@PathVariable String clusterId) {
        return acrossTopics(clusterId, UNDER_REPLICATED, PartitionData::underReplicated);
    }

    @GetMapping("/partitions/" + OFFLINE)
    ResourceList<PartitionData> offline(@PathVariable String clusterId) {
        return acrossTopics(clusterId, OFFLINE, PartitionData::offline);
    }

    private ResourceList<PartitionData> acrossTopics(String clusterId, String health, Predicate<PartitionData> test) {
        V3Views views = V3Views.forCurrentRequest(clusterId);
        return new ResourceList<>(PartitionData.LIST_KIND, views.listMetadata(views.partitionHealthUrl(health)),
                admin.topicsWithCurrentStates(clusterId).stream()
                        .flatMap(topic -> views.partitions(topic).stream())
                        .filter(test)
                        .toList());
    }
}
