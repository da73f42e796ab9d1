package dev.streamlog.client.metadata;

import dev.streamlog.model.cluster.BrokerRegistration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a service (the gateway, a consumer coordinator) knows of the cluster at one moment: the live storage nodes and every topic. Built whole from
 * the ZooKeeper cache after each change and swapped in atomically, so a request sees one consistent picture.
 * Immutable and thread-safe.
 *
 * @param brokers live storage nodes by broker id, ascending
 * @param topics  topics by name, sorted
 */
public record ClusterSnapshot(Map<Integer, BrokerRegistration> brokers, Map<String, TopicView> topics) {

    /** A cluster with no brokers and no topics. */
    public static final ClusterSnapshot EMPTY = new ClusterSnapshot(Map.of(), Map.of());

    public ClusterSnapshot {
        brokers = Collections.unmodifiableMap(new TreeMap<>(brokers));
        topics = Collections.unmodifiableMap(new TreeMap<>(topics));
    }

    public Optional<TopicView> topic(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    public Optional<BrokerRegistration> broker(int id) {
        return Optional.ofNullable(brokers.get(id));
    }
}
