package dev.streamlog.controller.admin;

import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.controller.metadata.ClusterMetadata;
import dev.streamlog.controller.metadata.PartitionStateReader;
import dev.streamlog.controller.metadata.RecoveryCommands;
import dev.streamlog.controller.metadata.ReplicationGrowth;
import dev.streamlog.controller.metadata.TopicCommands;
import dev.streamlog.controller.metadata.TopicImage;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.v3.AlterConfigEntry;
import dev.streamlog.model.v3.CreateTopicRequest;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The admin operations behind the v3 routes: checks the cluster id of the path, then reads the
 * active controller's image or runs a {@link TopicCommands} command through {@link ClusterMetadata}.
 * Partition states for the partition views are read from ZooKeeper at the time of the request
 * ({@link PartitionStateReader}), since partition leaders change ISRs without the controller.
 * Thread-safe.
 */
@Service
class TopicAdmin {

    private final ClusterMetadata metadata;
    private final TopicCommands commands;
    private final PartitionStateReader states;

    TopicAdmin(ClusterMetadata metadata, TopicCommands commands, PartitionStateReader states) {
        this.metadata = metadata;
        this.commands = commands;
        this.states = states;
    }

    /** The current image (503 on a standby). */
    ClusterImage image() {
        return metadata.image();
    }

    /** The current image, after checking the path's cluster id (404/404 when it is not this cluster). */
    ClusterImage cluster(String clusterId) {
        ClusterImage image = metadata.image();
        checkCluster(image, clusterId);
        return image;
    }

    TopicImage topic(String clusterId, String topic) {
        return TopicCommands.describe(cluster(clusterId), topic);
    }

    /** The topic with its partition states as ZooKeeper holds them now (40401 when unknown). */
    TopicImage topicWithCurrentStates(String clusterId, String topic) {
        return withCurrentStates(topic(clusterId, topic));
    }

    /** Every live topic with its partition states as ZooKeeper holds them now, sorted by name. */
    List<TopicImage> topicsWithCurrentStates(String clusterId) {
        return cluster(clusterId).liveTopics().stream().map(this::withCurrentStates).toList();
    }

    TopicImage create(String clusterId, CreateTopicRequest request) {
        return metadata.execute(image -> {
            checkCluster(image, clusterId);
            return commands.createTopic(image, request);
        });
    }

    /** What {@link #create} would make, without making it (the image is not changed). */
    TopicImage validateCreate(String clusterId, CreateTopicRequest request) {
        ClusterImage image = cluster(clusterId);
        return commands.createTopic(image, request).response();
    }

    /** Creates an internal topic for the service that owns it (no cluster id: an internal route). */
    TopicImage createInternal(CreateTopicRequest request) {
        return metadata.execute(image -> commands.createInternalTopic(image, request));
    }

    /** Grows an internal topic's replication factor for the service that owns it (an internal route). */
    TopicImage growInternal(String topic, int replicationFactor) {
        return metadata.execute(image -> ReplicationGrowth.grow(image, topic, replicationFactor));
    }

    TopicImage addPartitions(String clusterId, String topic, int partitionsCount) {
        return metadata.execute(image -> {
            checkCluster(image, clusterId);
            return commands.addPartitions(image, topic, partitionsCount);
        });
    }

    void alterConfigs(String clusterId, String topic, List<AlterConfigEntry> changes) {
        metadata.execute(image -> {
            checkCluster(image, clusterId);
            return commands.alterConfigs(image, topic, changes);
        });
    }

    /** Marks the topic for deletion, then removes its znodes and the marker. */
    void delete(String clusterId, String topic) {
        metadata.execute(image -> {
            checkCluster(image, clusterId);
            return commands.startDeletion(image, topic);
        });
        metadata.execute(image -> RecoveryCommands.finishDeletion(image, topic));
    }

    private TopicImage withCurrentStates(TopicImage topic) {
        return new TopicImage(topic.name(), topic.assignment(), topic.version(), topic.partitionsZnode(),
                states.read(topic.name(), topic.partitionCount()));
    }

    private static void checkCluster(ClusterImage image, String clusterId) {
        if (!image.clusterId().equals(clusterId)) {
            throw new AdminException(ErrorCode.NOT_FOUND, "Cluster '" + clusterId + "' not found; this is cluster '"
                    + image.clusterId() + "'");
        }
    }
}
