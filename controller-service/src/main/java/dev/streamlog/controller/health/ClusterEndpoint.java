package dev.streamlog.controller.health;

import dev.streamlog.controller.election.ActiveController;
import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.controller.metadata.PartitionHealth;
import dev.streamlog.controller.metadata.PartitionImage;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/cluster}: the cluster as this controller sees it. Always {@code controller} (its role, as on
 * {@code /actuator/info}); on the active controller also {@code cluster_id}, the live {@code brokers} (id, host,
 * port, rack), the partition {@code summary} ({@link PartitionHealth}) and every live topic's partitions with
 * leader, leader epoch, replicas and ISR. A standby answers its role only and names the active controller.
 * Thread-safe (reads the active controller's immutable image).
 */
@Component
@Endpoint(id = "cluster")
class ClusterEndpoint {

    private final ActiveController controller;

    ClusterEndpoint(ActiveController controller) {
        this.controller = controller;
    }

    @ReadOperation
    Map<String, Object> cluster() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("controller", ControllerStatus.of(controller));
        ClusterImage image;
        try {
            image = controller.image();
        } catch (AdminException standby) {
            return answer;
        }
        answer.put("cluster_id", image.clusterId());
        List<Map<String, Object>> brokers = new ArrayList<>();
        image.brokers().forEach((id, broker) -> brokers.add(broker(id, broker)));
        answer.put("brokers", brokers);
        PartitionHealth health = PartitionHealth.of(image);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("partitions", health.partitions());
        summary.put("offline", health.offline());
        summary.put("under_replicated", health.underReplicated());
        summary.put("under_min_isr", health.underMinIsr());
        answer.put("summary", summary);
        List<Map<String, Object>> topics = new ArrayList<>();
        for (TopicImage topic : image.liveTopics()) {
            List<Map<String, Object>> partitions = new ArrayList<>();
            for (int p = 0; p < topic.partitionCount(); p++) {
                PartitionState state = topic.partitions().getOrDefault(p, PartitionImage.WITHOUT_STATE).state();
                Map<String, Object> partition = new LinkedHashMap<>();
                partition.put("partition", p);
                partition.put("leader", state == null ? PartitionState.NO_LEADER : state.leader());
                partition.put("leader_epoch", state == null ? -1 : state.leaderEpoch());
                partition.put("replicas", topic.assignment().replicas(p));
                partition.put("isr", state == null ? List.of() : state.isr());
                partitions.add(partition);
            }
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("name", topic.name());
            described.put("partitions", partitions);
            topics.add(described);
        }
        answer.put("topics", topics);
        return answer;
    }

    private static Map<String, Object> broker(int id, BrokerRegistration registration) {
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("id", id);
        broker.put("host", registration.host());
        broker.put("port", registration.port());
        broker.put("rack", registration.rack());
        return broker;
    }
}
