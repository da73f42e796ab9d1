package dev.streamlog.controller.metadata;

import dev.streamlog.model.cluster.BrokerRegistration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable picture of the cluster as the active controller sees it: the cluster id, its
 * controller epoch, the live brokers, the topics' znodes and the deletions in progress. It
 * changes only by {@link #replay replaying} persisted writes (or by a fresh load after failover),
 * and {@link #withBrokers} when the live brokers change. Immutable and thread-safe.
 *
 * @param clusterId       the id stored in {@code /cluster/id}
 * @param controllerEpoch the epoch of the controller holding this image
 * @param brokers         live brokers by id, from {@code /brokers/ids}
 * @param topics          topic znodes by name, including topics whose deletion is in progress
 * @param deletions       names under {@code /admin/delete_topics}
 */
public record ClusterImage(String clusterId, int controllerEpoch, SortedMap<Integer, BrokerRegistration> brokers,
                           SortedMap<String, TopicImage> topics, SortedSet<String> deletions) {

    public ClusterImage {
        brokers = Collections.unmodifiableSortedMap(new TreeMap<>(brokers));
        topics = Collections.unmodifiableSortedMap(new TreeMap<>(topics));
        deletions = Collections.unmodifiableSortedSet(new TreeSet<>(deletions));
    }

    /** An image with no brokers, topics or deletions. */
    public static ClusterImage empty(String clusterId, int controllerEpoch) {
        return new ClusterImage(clusterId, controllerEpoch, new TreeMap<>(), new TreeMap<>(), new TreeSet<>());
    }

    /** The same image with another set of live brokers. */
    public ClusterImage withBrokers(Map<Integer, BrokerRegistration> liveBrokers) {
        return new ClusterImage(clusterId, controllerEpoch, new TreeMap<>(liveBrokers), topics, deletions);
    }

    /** The image after the given writes were persisted. */
    public ClusterImage replay(List<ZkWrite> writes) {
        return writes.isEmpty() ? this : WriteReplayer.replay(this, writes);
    }

    /** A topic clients can see: it exists and is not being deleted. */
    public Optional<TopicImage> liveTopic(String name) {
        return deletions.contains(name) ? Optional.empty() : Optional.ofNullable(topics.get(name));
    }

    /** Every topic clients can see, sorted by name. */
    public List<TopicImage> liveTopics() {
        return topics.values().stream().filter(topic -> !deletions.contains(topic.name())).toList();
    }

    /** Whether the name is taken: by a topic or by a deletion still in progress. */
    public boolean nameTaken(String name) {
        return topics.containsKey(name) || deletions.contains(name);
    }
}
