package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.controller.metadata.ClusterMetadata;
import dev.streamlog.controller.metadata.Command;
import dev.streamlog.controller.metadata.ControllerResult;
import dev.streamlog.controller.metadata.PartitionImage;
import dev.streamlog.controller.metadata.PartitionStateReader;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.model.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Cluster metadata kept in memory: commands' writes are replayed onto the image, nothing is
 * persisted. Partition states read "from ZooKeeper" are the image's unless a test set others
 * (as a partition leader changing its ISR behind the controller would).
 */
final class InMemoryClusterMetadata implements ClusterMetadata, PartitionStateReader {

    private ClusterImage image;
    private boolean active = true;
    private final Map<String, SortedMap<Integer, PartitionImage>> currentStates = new HashMap<>();

    InMemoryClusterMetadata(ClusterImage image) {
        this.image = image;
    }

    synchronized void setActive(boolean active) {
        this.active = active;
    }

    synchronized void setImage(ClusterImage image) {
        this.image = image;
        currentStates.clear();
    }

    /** Makes {@link #read} answer with these states for the topic, whatever the image holds. */
    synchronized void setCurrentStates(String topic, SortedMap<Integer, PartitionImage> states) {
        currentStates.put(topic, new TreeMap<>(states));
    }

    @Override
    public synchronized SortedMap<Integer, PartitionImage> read(String topic, int partitions) {
        if (currentStates.containsKey(topic)) {
            return currentStates.get(topic);
        }
        TopicImage known = image.topics().get(topic);
        return known == null ? new TreeMap<>() : new TreeMap<>(known.partitions());
    }

    @Override
    public synchronized ClusterImage image() {
        if (!active) {
            throw new AdminException(ErrorCode.RETRIABLE, "standby; the active controller is http://other:9192");
        }
        return image;
    }

    @Override
    public synchronized <T> T execute(Command<T> command) {
        ControllerResult<T> result = command.apply(image());
        image = image.replay(result.writes());
        return result.response();
    }
}
