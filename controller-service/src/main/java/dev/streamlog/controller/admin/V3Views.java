package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.v3.BrokerData;
import dev.streamlog.model.v3.ClusterData;
import dev.streamlog.model.v3.Related;
import dev.streamlog.model.v3.ResourceMetadata;
import dev.streamlog.model.v3.TopicConfigData;
import dev.streamlog.model.v3.TopicData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                new Related(topicUrl(name) + "/partitions"), new Related(configsUrl(name)));
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
