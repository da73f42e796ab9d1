package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.PartitionImage;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.v3.BrokerData;
import dev.streamlog.model.v3.ClusterData;
import dev.streamlog.model.v3.PartitionData;
import dev.streamlog.model.v3.ConfigSynonymData;
import dev.streamlog.model.v3.Related;
import dev.streamlog.model.v3.ReplicaData;
import dev.streamlog.model.v3.ResourceMetadata;
import dev.streamlog.model.v3.TopicConfigData;
import dev.streamlog.model.v3.TopicData;
import java.util.ArrayList;
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

    String partitionUrl(String topic, int partition) {
        return partitionsUrl(topic) + "/" + partition;
    }

    String replicasUrl(String topic, int partition) {
        return partitionUrl(topic, partition) + "/replicas";
    }

    String brokerUrl(int id) {
        return brokersUrl() + "/" + id;
    }

    /** {@code /v3/clusters/{c}/brokers/{b}/partition-replicas}: the replicas a broker holds. */
    String brokerReplicasUrl(int id) {
        return brokerUrl(id) + "/partition-replicas";
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
                new Related(brokersUrl()), new Related(topicsUrl()), new Related(clusterUrl() + "/consumer-groups"),
                new Related(clusterUrl() + "/acls"), new Related(brokersUrl() + "/-/configs"),
                new Related(topicsUrl() + "/-/partitions/-/reassignment"));
    }

    BrokerData broker(int id, BrokerRegistration registration) {
        return new BrokerData(BrokerData.KIND, new ResourceMetadata(brokerUrl(id), crn() + "/broker=" + id),
                clusterId, id, registration.host(), registration.port(), registration.rack(),
                new Related(brokerUrl(id) + "/configs"), new Related(brokerReplicasUrl(id)));
    }

    TopicData topic(TopicImage topic) {
        String name = topic.name();
        return new TopicData(TopicData.KIND, new ResourceMetadata(topicUrl(name), topicCrn(name)), clusterId, name,
                topic.internal(), topic.replicationFactor(), topic.partitionCount(),
                new Related(partitionsUrl(name)), new Related(configsUrl(name)),
                new Related(partitionsUrl(name) + "/-/reassignment"));
    }

    /**
     * One partition of the topic with its replication health from the topic's partition states: no
     * state or leader -1 is offline ({@code leader} and {@code leader_id} null); an ISR smaller than
     * the replica list is under-replicated.
     */
    PartitionData partition(TopicImage topic, int partition) {
        String name = topic.name();
        PartitionState state = state(topic, partition);
        boolean offline = state == null || !state.hasLeader();
        Integer leader = offline ? null : state.leader();
        List<Integer> isr = state == null ? List.of() : state.isr();
        return new PartitionData(PartitionData.KIND,
                new ResourceMetadata(partitionUrl(name, partition), partitionCrn(name, partition)),
                clusterId, name, partition,
                leader == null ? null : new Related(replicasUrl(name, partition) + "/" + leader),
                new Related(replicasUrl(name, partition)), new Related(partitionUrl(name, partition) + "/reassignment"),
                leader, state == null ? -1 : state.leaderEpoch(), isr,
                isr.size() < topic.assignment().replicas(partition).size(), offline);
    }

    /** The partition's replicas in assignment order (the first is the preferred leader). */
    List<ReplicaData> replicas(TopicImage topic, int partition) {
        PartitionState state = state(topic, partition);
        return topic.assignment().replicas(partition).stream().map(id -> replica(topic, partition, id, state)).toList();
    }

    private ReplicaData replica(TopicImage topic, int partition, int brokerId, PartitionState state) {
        String name = topic.name();
        boolean leader = state != null && state.hasLeader() && state.leader() == brokerId;
        boolean inSync = state != null && state.isr().contains(brokerId);
        return new ReplicaData(ReplicaData.KIND, new ResourceMetadata(replicasUrl(name, partition) + "/" + brokerId,
                partitionCrn(name, partition) + "/replica=" + brokerId), clusterId, name, partition, brokerId, leader,
                inSync, new Related(brokerUrl(brokerId)));
    }

    /** Every replica the broker holds, by topic and partition. */
    List<ReplicaData> replicasOn(List<TopicImage> topics, int brokerId) {
        List<ReplicaData> held = new ArrayList<>();
        for (TopicImage topic : topics) {
            for (int p = 0; p < topic.partitionCount(); p++) {
                if (topic.assignment().replicas(p).contains(brokerId)) {
                    held.add(replica(topic, p, brokerId, state(topic, p)));
                }
            }
        }
        return held;
    }

    private static PartitionState state(TopicImage topic, int partition) {
        return topic.partitions().getOrDefault(partition, PartitionImage.WITHOUT_STATE).state();
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
        String config = entry.getKey();
        boolean overridden = topic.configs().containsKey(config);
        String name = topic.name();
        List<ConfigSynonymData> synonyms = new ArrayList<>(2);
        if (overridden) {
            synonyms.add(new ConfigSynonymData(config, entry.getValue(), TopicConfigData.SOURCE_TOPIC));
        }
        synonyms.add(new ConfigSynonymData(TopicConfigs.serverName(config).orElse(config),
                TopicConfigs.defaultValue(config).orElse(null), TopicConfigData.SOURCE_DEFAULT));
        return new TopicConfigData(TopicConfigData.KIND,
                new ResourceMetadata(configsUrl(name) + "/" + config, topicCrn(name) + "/config=" + config),
                clusterId, name, config, entry.getValue(), !overridden, false, false,
                overridden ? TopicConfigData.SOURCE_TOPIC : TopicConfigData.SOURCE_DEFAULT, synonyms);
    }

    private String crn() {
        return "crn:///kafka=" + clusterId;
    }

    private String topicCrn(String topic) {
        return crn() + "/topic=" + topic;
    }

    private String partitionCrn(String topic, int partition) {
        return topicCrn(topic) + "/partition=" + partition;
    }
}
