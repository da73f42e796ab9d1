package dev.streamlog.storage.cluster;

import dev.streamlog.model.TopicNames;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds {@link ClusterMetadata} from the znodes under {@code /brokers/topics} (paths relative
 * to the namespace, as a namespaced Curator cache gives them):
 * {@code /brokers/topics/{t}} holds a {@link TopicAssignment},
 * {@code /brokers/topics/{t}/partitions/{p}/state} a {@link PartitionState}; other znodes are
 * ignored, and so are unknown fields (a newer controller may add some). Thread-safe (stateless
 * but for the thread-safe mapper).
 */
final class ClusterMetadataReader {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMetadataReader.class);

    private final JsonMapper json;

    ClusterMetadataReader(JsonMapper json) {
        this.json = json;
    }

    ClusterMetadata read(Stream<ChildData> nodes) {
        boolean rootPresent = false;
        Map<String, TopicAssignment> topics = new HashMap<>();
        Map<TopicPartition, PartitionState> states = new HashMap<>();
        Map<TopicPartition, Integer> versions = new HashMap<>();
        Set<String> unreadable = new HashSet<>();
        for (ChildData node : (Iterable<ChildData>) nodes::iterator) {
            String path = node.getPath();
            if (path.equals(ZkPaths.TOPICS)) {
                rootPresent = true;
                continue;
            }
            if (!path.startsWith(ZkPaths.TOPICS + "/")) {
                continue;
            }
            String[] parts = path.substring(ZkPaths.TOPICS.length() + 1).split("/");
            String topic = parts[0];
            if (!TopicNames.isValid(topic)) {
                LOG.warn("event=topic-znode-ignored path={} reason=illegal-name", path);
                continue;
            }
            if (parts.length == 1) {
                TopicAssignment assignment = parse(node, TopicAssignment.class);
                if (assignment == null) {
                    unreadable.add(topic);
                } else {
                    topics.put(topic, assignment);
                }
            } else if (parts.length == 4 && parts[1].equals("partitions") && parts[3].equals("state")) {
                Integer partition = partitionNumber(parts[2]);
                PartitionState state = partition == null ? null : parse(node, PartitionState.class);
                if (state != null) {
                    TopicPartition tp = new TopicPartition(topic, partition);
                    states.put(tp, state);
                    versions.put(tp, node.getStat() == null ? 0 : node.getStat().getVersion());
                }
            }
        }
        topics.keySet().forEach(unreadable::remove);
        return new ClusterMetadata(rootPresent, topics, states, versions, unreadable);
    }

    private <T> T parse(ChildData node, Class<T> type) {
        byte[] data = node.getData();
        if (data == null || data.length == 0) {
            LOG.debug("event=znode-empty path={}", node.getPath());
            return null;
        }
        try {
            return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(data);
        } catch (JacksonException e) {
            LOG.warn("event=znode-unreadable path={} error={}", node.getPath(), e.getOriginalMessage());
            return null;
        }
    }

    /** The partition number of a znode name, or null unless it is a plain non-negative integer. */
    static Integer partitionNumber(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.parseInt(text);
    }
}
