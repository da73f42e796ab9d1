package dev.streamlog.controller.metadata;

import dev.streamlog.model.ZkPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Commands that bring ZooKeeper back to a complete state after a controller stopped half-way:
 * finish every deletion marked under {@code /admin/delete_topics} and give every partition of a
 * live topic its partition znode and initial state. A new active controller runs
 * {@link #recover} after loading its image; the admin API runs {@link #finishDeletion} right after
 * marking a topic. Stateless.
 */
public final class RecoveryCommands {

    private RecoveryCommands() {
    }

    /** Everything missing or left over in the image: deletions to finish, partition states to create. */
    public static ControllerResult<Void> recover(ClusterImage image) {
        List<ZkWrite> writes = new ArrayList<>();
        for (String topic : image.deletions()) {
            writes.addAll(deletionWrites(image, topic));
        }
        for (TopicImage topic : image.liveTopics()) {
            writes.addAll(completionWrites(topic, image.controllerEpoch()));
        }
        return new ControllerResult<>(writes, null);
    }

    /**
     * Removes a topic marked for deletion: each partition's state and znode, the partitions
     * znode, the topic znode, then the marker. Nothing to do if the topic is not marked.
     */
    public static ControllerResult<Void> finishDeletion(ClusterImage image, String topic) {
        if (!image.deletions().contains(topic)) {
            return ControllerResult.of(null);
        }
        return new ControllerResult<>(deletionWrites(image, topic), null);
    }

    private static List<ZkWrite> deletionWrites(ClusterImage image, String name) {
        List<ZkWrite> writes = new ArrayList<>();
        TopicImage topic = image.topics().get(name);
        if (topic != null) {
            for (Map.Entry<Integer, PartitionImage> partition : topic.partitions().entrySet()) {
                String statePath = ZkPaths.partitionState(name, partition.getKey());
                if (partition.getValue().hasState()) {
                    writes.add(new ZkWrite.Delete(statePath, ZkWrite.ANY_VERSION));
                }
                writes.add(new ZkWrite.Delete(statePath.substring(0, statePath.lastIndexOf('/')),
                        ZkWrite.ANY_VERSION));
            }
            if (topic.partitionsZnode()) {
                writes.add(new ZkWrite.Delete(ZkPaths.partitions(name), ZkWrite.ANY_VERSION));
            }
            writes.add(new ZkWrite.Delete(ZkPaths.topic(name), ZkWrite.ANY_VERSION));
        }
        writes.add(new ZkWrite.Delete(ZkPaths.topicDeletion(name), ZkWrite.ANY_VERSION));
        return writes;
    }

    private static List<ZkWrite> completionWrites(TopicImage topic, int controllerEpoch) {
        List<ZkWrite> writes = new ArrayList<>();
        if (!topic.partitionsZnode()) {
            writes.add(new ZkWrite.Create(ZkPaths.partitions(topic.name()), ""));
        }
        for (int p = 0; p < topic.partitionCount(); p++) {
            PartitionImage partition = topic.partitions().get(p);
            List<Integer> replicas = topic.assignment().replicas(p);
            if (replicas.isEmpty()) {
                continue;
            }
            if (partition == null) {
                writes.addAll(TopicCommands.newPartition(topic.name(), p, replicas, controllerEpoch, true));
            } else if (!partition.hasState()) {
                writes.addAll(TopicCommands.newPartition(topic.name(), p, replicas, controllerEpoch, false));
            }
        }
        return writes;
    }
}
