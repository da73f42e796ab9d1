package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.PartitionImage;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.v3.BrokerData;
import dev.streamlog.model.v3.ClusterData;
import dev.streamlog.model.v3.PartitionData;
import dev.streamlog.model.v3.PartitionReplicaData;
import dev.streamlog.model.v3.Related;
import dev.streamlog.model.v3.ResourceMetadata;
import dev.streamlog.model.v3.TopicConfigData;
import dev.streamlog.model.v3.TopicData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Turns image parts into v3 resources with absolute links. {@code base} is the request's own
 * scheme, host, port and context path (after {@code X-Forwarded-*} headers are applied), so links
 * point wherever the client reached us, e.g. through the gateway. Immutable.
 *
 * @param base      e.g. {@code http://127.0.0.1:8080}
 * @param clusterId the cluster's id
 */
record V3Views(String base, String clusterId) {

    /** Views for the current request. */
    static V3Views forCurrentRequest(String clusterId) {
        return new V3Views(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString(), clusterId);
    }

    String clustersUrl() {
        return base + "/v3/clusters";
    }

    String clusterUrl() {
        return clustersUrl() + "/" + clusterId;
    }

    String brokersUrl() {
        return clusterUrl() + "/brokers";
    }

    String topicsUrl() {
        return clusterUrl() + "/topics";
    }

    String topicUrl(String topic) {
        return topicsUrl() + "/" + topic;
    }

    String configsUrl(String topic) {
        return topicUrl(topic) + "/configs";
    }

    String partitionsUrl(String topic) {
        return topicUrl(topic) + "/partitions";
    }

    /** {@code /v3/clusters/{c}/partitions/{health}}, e.g. {@code under-replicated}. */
    String partitionHealthUrl(String health) {
        return clusterUrl() + "/partitions/" + health;
    }

    /** A collection's metadata: its URL, no resource name. */
    ResourceMetadata listMetadata(String url) {
        return new ResourceMetadata(url, null);
    }

    ClusterData cluster() {
        return new ClusterData(ClusterData.KIND, new ResourceMetadata(clusterUrl(), crn()), clusterId,
                new Related(brokersUrl()), new Related(topicsUrl()));
    }

    BrokerData broker(int id, BrokerRegistration registration) {
        return new BrokerData(BrokerData.KIND, new ResourceMetadata(brokersUrl() + "/" + id, crn() + "/broker=" + id),
                clusterId, id, registration.host(), registration.port(), registration.rack());
    }

    TopicData topic(TopicImage topic) {
        String name = topic.name();
        return new TopicData(TopicData.KIND, new ResourceMetadata(topicUrl(name), topicCrn(name)), clusterId, name,
                topic.internal(), topic.replicationFactor(), topic.partitionCount(),
                new Related(partitionsUrl(name)), new Related(configsUrl(name)));
    }

    /**
     * One partition of the topic with its replication health from the topic's partition states: no
     * state or leader -1 is offline ({@code leader_id} null); an ISR smaller than the replica list is
     * under-replicated.
     */
    PartitionData partition(TopicImage topic, int partition) {
        String name = topic.name();
        List<Integer> replicas = topic.assignment().replicas(partition);
        PartitionState state = topic.partitions().getOrDefault(partition, PartitionImage.WITHOUT_STATE).state();
        boolean offline = state == null || !state.hasLeader();
        Integer leader = offline ? null : state.leader();
        List<Integer> isr = state == null ? List.of() : state.isr();
        List<PartitionReplicaData> replicaData = replicas.stream()
                .map(id -> new PartitionReplicaData(id, leader != null && leader == id.intValue(), isr.contains(id)))
                .toList();
        return new PartitionData(PartitionData.KIND,
                new ResourceMetadata(partitionsUrl(name) + "/" + partition, topicCrn(name) + "/partition=" + partition),
                clusterId, name, partition, leader, state == null ? -1 : state.leaderEpoch(), replicaData,
                isr.size() < replicas.size(), offline);
    }

    /** Every partition of the topic, by number. */
    List<PartitionData> partitions(TopicImage topic) {
        return IntStream.range(0, topic.partitionCount()).mapToObj(p -> partition(topic, p)).toList();
    }

    /** Every config of the topic with its effective value, sorted by name. */
    List<TopicConfigData> configs(TopicImage topic) {
        return TopicConfigs.effective(topic.configs()).entrySet().stream()
                .map(entry -> config(topic, entry))
                .toList();
    }

    /** One config of the topic, if the name is a known config. */
    Optional<TopicConfigData> config(TopicImage topic, String name) {
        return TopicConfigs.effective(topic.configs()).entrySet().stream()
                .filter(entry -> entry.getKey().equals(name))
                .findFirst()
                .map(entry -> config(topic, entry));
    }

    private TopicConfigData config(TopicImage topic, Map.Entry<String, String> entry) {
        boolean overridden = topic.configs().containsKey(entry.getKey());
        String name = topic.name();
        return new TopicConfigData(TopicConfigData.KIND,
                new ResourceMetadata(configsUrl(name) + "/" + entry.getKey(),
                        topicCrn(name) + "/config=" + entry.getKey()),
                clusterId, name, entry.getKey(), entry.getValue(), !overridden, false, false,
                overridden ? TopicConfigData.SOURCE_TOPIC : TopicConfigData.SOURCE_DEFAULT);
    }

    private String crn() {
        return "crn:///kafka=" + clusterId;
    }

    private String topicCrn(String topic) {
        return crn() + "/topic=" + topic;
    }
}
