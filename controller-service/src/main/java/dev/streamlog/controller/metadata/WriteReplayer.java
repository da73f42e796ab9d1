package dev.streamlog.controller.metadata;

import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies persisted {@link ZkWrite}s to a {@link ClusterImage}: the one place that knows how the
 * topic, partition, state and deletion-marker znodes map onto the image. Versions follow
 * ZooKeeper's rules (a created znode has version 0, every set adds one). Writes to other paths
 * (the epoch, the cluster id, parents) and checks leave the image as it is. Stateless.
 */
final class WriteReplayer {

    private static final String TOPIC_PREFIX = ZkPaths.TOPICS + "/";
    private static final String DELETION_PREFIX = ZkPaths.DELETE_TOPICS + "/";

    private final ZnodeCodec codec = new ZnodeCodec();
    private final SortedMap<String, TopicImage> topics;
    private final SortedSet<String> deletions;

    private WriteReplayer(ClusterImage image) {
        this.topics = new TreeMap<>(image.topics());
        this.deletions = new TreeSet<>(image.deletions());
    }

    static ClusterImage replay(ClusterImage image, Iterable<ZkWrite> writes) {
        WriteReplayer replayer = new WriteReplayer(image);
        Map<String, TopicBuilder> touched = new TreeMap<>();
        for (ZkWrite write : writes) {
            replayer.apply(write, touched);
        }
        touched.forEach((name, builder) -> {
            if (builder == null) {
                replayer.topics.remove(name);
            } else {
                replayer.topics.put(name, builder.build());
            }
        });
        return new ClusterImage(image.clusterId(), image.controllerEpoch(), image.brokers(), replayer.topics,
                replayer.deletions);
    }

    private void apply(ZkWrite write, Map<String, TopicBuilder> touched) {
        String path = write.path();
        if (path.startsWith(DELETION_PREFIX)) {
            String topic = path.substring(DELETION_PREFIX.length());
            if (write instanceof ZkWrite.Create) {
                deletions.add(topic);
            } else if (write instanceof ZkWrite.Delete) {
                deletions.remove(topic);
            }
            return;
        }
        if (!path.startsWith(TOPIC_PREFIX) || write instanceof ZkWrite.Check) {
            return;
        }
        String[] parts = path.substring(TOPIC_PREFIX.length()).split("/");
        String topic = parts[0];
        if (parts.length == 1) {
            applyToTopic(topic, write, touched);
            return;
        }
        TopicBuilder builder = touched.containsKey(topic) ? touched.get(topic) : TopicBuilder.of(topics.get(topic));
        if (builder == null) {
            throw new IllegalStateException("replayed " + write + " under a topic the image does not have");
        }
        touched.put(topic, builder);
        if (parts.length == 2) {
            builder.partitionsZnode = write instanceof ZkWrite.Create;
        } else if (parts.length == 3) {
            int partition = Integer.parseInt(parts[2]);
            if (write instanceof ZkWrite.Create) {
                builder.partitions.put(partition, PartitionImage.WITHOUT_STATE);
            } else if (write instanceof ZkWrite.Delete) {
                builder.partitions.remove(partition);
            }
        } else {
            applyToState(builder, Integer.parseInt(parts[2]), write);
        }
    }

    private void applyToTopic(String topic, ZkWrite write, Map<String, TopicBuilder> touched) {
        if (write instanceof ZkWrite.Create create) {
            touched.put(topic, new TopicBuilder(topic, codec.readAssignment(create.data())));
        } else if (write instanceof ZkWrite.SetData set) {
            TopicBuilder builder = touched.containsKey(topic) ? touched.get(topic) : TopicBuilder.of(topics.get(topic));
            if (builder == null) {
                throw new IllegalStateException("replayed " + write + " of a topic the image does not have");
            }
            builder.assignment = codec.readAssignment(set.data());
            builder.version++;
            touched.put(topic, builder);
        } else if (write instanceof ZkWrite.Delete) {
            touched.put(topic, null);
        }
    }

    private void applyToState(TopicBuilder builder, int partition, ZkWrite write) {
        PartitionImage current = builder.partitions.getOrDefault(partition, PartitionImage.WITHOUT_STATE);
        if (write instanceof ZkWrite.Create create) {
            builder.partitions.put(partition, new PartitionImage(codec.readState(create.data()), 0));
        } else if (write instanceof ZkWrite.SetData set) {
            builder.partitions.put(partition,
                    new PartitionImage(codec.readState(set.data()), current.stateVersion() + 1));
        } else if (write instanceof ZkWrite.Delete) {
            builder.partitions.put(partition, PartitionImage.WITHOUT_STATE);
        }
    }

    /** A topic being changed by the writes being replayed. */
    private static final class TopicBuilder {
        private final String name;
        private TopicAssignment assignment;
        private int version;
        private boolean partitionsZnode;
        private final SortedMap<Integer, PartitionImage> partitions;

        private TopicBuilder(String name, TopicAssignment assignment) {
            this.name = name;
            this.assignment = assignment;
            this.partitions = new TreeMap<>();
        }

        static TopicBuilder of(TopicImage topic) {
            if (topic == null) {
                return null;
            }
            TopicBuilder builder = new TopicBuilder(topic.name(), topic.assignment());
            builder.version = topic.version();
            builder.partitionsZnode = topic.partitionsZnode();
            builder.partitions.putAll(topic.partitions());
            return builder;
        }

        TopicImage build() {
            return new TopicImage(name, assignment, version, partitionsZnode, partitions);
        }
    }
}
