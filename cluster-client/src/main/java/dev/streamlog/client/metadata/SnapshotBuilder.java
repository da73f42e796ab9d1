package dev.streamlog.client.metadata;

import dev.streamlog.model.TopicNames;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the znodes under {@code /brokers} (paths relative to the chroot, as in {@link ZkPaths}) into a
 * {@link ClusterSnapshot}: {@code /brokers/ids/{id}} → a live broker, {@code /brokers/topics/{t}} → a topic,
 * {@code /brokers/topics/{t}/partitions/{p}/state} → that partition's state. Znodes that are not one of those,
 * carry no data, or do not parse are skipped (a bad one is logged), so one corrupt znode never hides the rest;
 * a partition state whose topic has no assignment is dropped. Stateless apart from the mapper; thread-safe.
 */
public final class SnapshotBuilder {

    private static final Logger log = LoggerFactory.getLogger(SnapshotBuilder.class);
    private static final String BROKER_PREFIX = ZkPaths.BROKER_IDS + "/";
    private static final String TOPIC_PREFIX = ZkPaths.TOPICS + "/";
    private static final String PARTITIONS = "partitions";
    private static final String STATE = "state";

    /** One znode's path (relative to the chroot) and data. */
    public record Znode(String path, byte[] data) {
    }

    private final JsonMapper json;

    public SnapshotBuilder(JsonMapper json) {
        this.json = json;
    }

    public ClusterSnapshot build(Stream<Znode> znodes) {
        Map<Integer, BrokerRegistration> brokers = new HashMap<>();
        Map<String, TopicAssignment> assignments = new HashMap<>();
        Map<String, Map<Integer, PartitionState>> states = new HashMap<>();
        znodes.filter(znode -> znode.data() != null && znode.data().length > 0).forEach(znode -> {
            String path = znode.path();
            try {
                if (path.startsWith(BROKER_PREFIX)) {
                    broker(path.substring(BROKER_PREFIX.length()), znode.data(), brokers);
                } else if (path.startsWith(TOPIC_PREFIX)) {
                    topicZnode(path.substring(TOPIC_PREFIX.length()).split("/", -1), znode.data(), assignments,
                            states);
                }
            } catch (JacksonException | IllegalArgumentException e) {
                log.warn("Skipping znode {} that does not parse: {}", path, e.getMessage());
            }
        });
        Map<String, TopicView> topics = new HashMap<>();
        assignments.forEach((name, assignment) ->
                topics.put(name, new TopicView(name, assignment, states.getOrDefault(name, Map.of()))));
        return new ClusterSnapshot(brokers, topics);
    }

    private void broker(String id, byte[] data, Map<Integer, BrokerRegistration> brokers) {
        if (id.isEmpty() || id.contains("/")) {
            return;
        }
        brokers.put(Integer.parseInt(id), json.readValue(data, BrokerRegistration.class));
    }

    private void topicZnode(String[] parts, byte[] data, Map<String, TopicAssignment> assignments,
                            Map<String, Map<Integer, PartitionState>> states) {
        String topic = parts[0];
        if (!TopicNames.isValid(topic)) {
            return;
        }
        if (parts.length == 1) {
            assignments.put(topic, json.readValue(data, TopicAssignment.class));
        } else if (parts.length == 4 && parts[1].equals(PARTITIONS) && parts[3].equals(STATE)) {
            int partition = Integer.parseInt(parts[2]);
            states.computeIfAbsent(topic, t -> new HashMap<>())
                    .put(partition, json.readValue(data, PartitionState.class));
        }
    }
}
