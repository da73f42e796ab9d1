package dev.streamlog.controller.metadata;

import dev.streamlog.controller.placement.PlacementBroker;
import dev.streamlog.controller.placement.PlacementSpec;
import dev.streamlog.controller.placement.ReplicaPlacer;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicNames;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import dev.streamlog.model.v3.AlterConfigEntry;
import dev.streamlog.model.v3.ConfigEntry;
import dev.streamlog.model.v3.CreateTopicRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The topic admin commands: create, add partitions, alter configs, delete. Each validates the
 * request against a {@link ClusterImage} and returns the writes that carry it out; none touches
 * ZooKeeper. A topic created with a replication factor of 3 or more and no
 * {@code min.insync.replicas} gets {@code min.insync.replicas=2} stored in its configs;
 * {@code min.insync.replicas} larger than the replication factor is refused (40002). Validation failures are
 * {@link AdminException}s with the v3 API's codes as Confluent's (40001 bad name or internal topic, 40403 unknown
 * topic, 40002 bad counts or configs and a name taken; 40901 a name taken for an internal topic, which its owner
 * takes as "another instance was first").
 * Thread-safe when its placer and id supplier are.
 */
public final class TopicCommands {

    private final TopicLimits limits;
    private final ReplicaPlacer placer;
    private final Supplier<String> topicIds;
    private static final ZnodeCodec CODEC = new ZnodeCodec();
    /** From this replication factor on, a topic created without {@code min.insync.replicas} gets 2. */
    static final int REPLICATION_FACTOR_WITH_TWO_IN_SYNC = 3;

    public TopicCommands(TopicLimits limits, ReplicaPlacer placer, Supplier<String> topicIds) {
        this.limits = limits;
        this.placer = placer;
        this.topicIds = topicIds;
    }

    /** Creates a topic: its assignment znode, then each partition's znode and initial state. */
    public ControllerResult<TopicImage> createTopic(ClusterImage image, CreateTopicRequest request) {
        checkWritableName(request.topicName());
        return create(image, request, ErrorCode.INVALID_TOPIC_CONFIG);
    }

    /**
     * Creates an internal topic (such as {@code __consumer_offsets}) for the service that owns it;
     * otherwise like {@link #createTopic}. A name without the internal prefix is refused (40001).
     */
    public ControllerResult<TopicImage> createInternalTopic(ClusterImage image, CreateTopicRequest request) {
        String name = request.topicName();
        checkName(name);
        if (!TopicNames.isInternal(name)) {
            throw new AdminException(ErrorCode.BAD_REQUEST, "'" + name + "' is not an internal topic name (they start with '"
                    + TopicNames.INTERNAL_PREFIX + "')");
        }
        return create(image, request, ErrorCode.CONFLICT);
    }

    private ControllerResult<TopicImage> create(ClusterImage image, CreateTopicRequest request, ErrorCode nameTaken) {
        String name = request.topicName();
        if (image.nameTaken(name)) {
            throw new AdminException(nameTaken, image.deletions().contains(name)
                    ? "Topic '" + name + "' is being deleted" : "Topic '" + name + "' already exists");
        }
        int partitions = request.partitionsCount() == null ? limits.defaultPartitions() : request.partitionsCount();
        checkPartitionCount(partitions);
        int replicationFactor = request.replicationFactor() == null
                ? limits.defaultReplicationFactor(image.brokers().size()) : request.replicationFactor();
        checkReplicationFactor(replicationFactor, image);
        Map<String, String> configs = configs(request.configs());
        checkMinInsyncReplicas(name, configs, replicationFactor);
        if (replicationFactor >= REPLICATION_FACTOR_WITH_TWO_IN_SYNC) {
            configs.putIfAbsent(TopicConfigs.MIN_INSYNC_REPLICAS, "2");
        }

        List<List<Integer>> replicas = placer.place(
                new PlacementSpec(0, partitions, replicationFactor, OptionalInt.empty()), placementBrokers(image));
        Map<String, List<Integer>> assignment = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            assignment.put(Integer.toString(p), replicas.get(p));
        }
        List<ZkWrite> writes = new ArrayList<>(2 + 2 * partitions);
        writes.add(new ZkWrite.Create(ZkPaths.topic(name),
                CODEC.writeAssignment(new TopicAssignment(topicIds.get(), assignment, configs))));
        writes.add(new ZkWrite.Create(ZkPaths.partitions(name), ""));
        for (int p = 0; p < partitions; p++) {
            writes.addAll(newPartition(name, p, replicas.get(p), image.controllerEpoch(), true));
        }
        return result(image, writes, name);
    }

    /** Grows a topic to {@code newCount} partitions, placing the new ones like Kafka does. */
    public ControllerResult<TopicImage> addPartitions(ClusterImage image, String name, int newCount) {
        TopicImage topic = writableTopic(image, name);
        int current = topic.partitionCount();
        if (newCount <= current) {
            throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG, "Topic '" + name + "' has " + current
                    + " partitions; partitions_count must be larger, got " + newCount);
        }
        checkPartitionCount(newCount);
        int replicationFactor = topic.replicationFactor();
        checkReplicationFactor(replicationFactor, image);

        List<PlacementBroker> brokers = placementBrokers(image);
        List<List<Integer>> replicas = placer.place(new PlacementSpec(current, newCount - current,
                replicationFactor, OptionalInt.of(startIndex(brokers, topic))), brokers);
        Map<String, List<Integer>> assignment = new HashMap<>(topic.assignment().partitions());
        for (int i = 0; i < replicas.size(); i++) {
            assignment.put(Integer.toString(current + i), replicas.get(i));
        }
        TopicAssignment grown = new TopicAssignment(topic.assignment().topicId(), assignment, topic.configs());
        List<ZkWrite> writes = new ArrayList<>(1 + 2 * replicas.size());
        writes.add(new ZkWrite.SetData(ZkPaths.topic(name), CODEC.writeAssignment(grown), topic.version()));
        for (int i = 0; i < replicas.size(); i++) {
            writes.addAll(newPartition(name, current + i, replicas.get(i), image.controllerEpoch(), true));
        }
        return result(image, writes, name);
    }

    /**
     * Sets and removes config overrides, all of them or none: every change is checked before the
     * topic znode is written once.
     */
    public ControllerResult<TopicImage> alterConfigs(ClusterImage image, String name, List<AlterConfigEntry> changes) {
        TopicImage topic = writableTopic(image, name);
        Map<String, String> configs = new HashMap<>(topic.configs());
        Set<String> seen = new HashSet<>();
        for (AlterConfigEntry change : changes) {
            if (change == null || change.name() == null) {
                throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG, "every config change needs a name");
            }
            if (!seen.add(change.name())) {
                throw new AdminException(ErrorCode.BAD_REQUEST, "config '" + change.name() + "' is changed twice");
            }
            String operation = change.operation() == null ? AlterConfigEntry.SET
                    : change.operation().toUpperCase(Locale.ROOT);
            if (operation.equals(AlterConfigEntry.SET)) {
                TopicConfigs.problem(change.name(), change.value()).ifPresent(problem -> {
                    throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG, problem);
                });
                configs.put(change.name(), change.value().trim());
            } else if (operation.equals(AlterConfigEntry.DELETE)) {
                if (!TopicConfigs.names().contains(change.name())) {
                    throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG,
                            "unknown topic config '" + change.name() + "'");
                }
                configs.remove(change.name());
            } else {
                throw new AdminException(ErrorCode.BAD_REQUEST, "operation '" + change.operation()
                        + "' of config '" + change.name() + "' is neither SET nor DELETE");
            }
        }
        if (seen.contains(TopicConfigs.MIN_INSYNC_REPLICAS)) {
            checkMinInsyncReplicas(name, configs, topic.replicationFactor());
        }
        if (configs.equals(topic.configs())) {
            return ControllerResult.of(topic);
        }
        TopicAssignment altered = new TopicAssignment(topic.assignment().topicId(), topic.assignment().partitions(),
                configs);
        List<ZkWrite> writes = List.of(
                new ZkWrite.SetData(ZkPaths.topic(name), CODEC.writeAssignment(altered), topic.version()));
        return result(image, writes, name);
    }

    /**
     * Marks a topic for deletion ({@code /admin/delete_topics/{t}}); from then on it is gone for
     * clients. {@link RecoveryCommands#finishDeletion} removes its znodes and the marker.
     */
    public ControllerResult<Void> startDeletion(ClusterImage image, String name) {
        writableTopic(image, name);
        return new ControllerResult<>(List.of(new ZkWrite.Create(ZkPaths.topicDeletion(name), "")), null);
    }

    /** The topic as clients see it, or 40001/40401. */
    public static TopicImage describe(ClusterImage image, String name) {
        checkName(name);
        return image.liveTopic(name).orElseThrow(() -> unknownTopic(name));
    }

    /** The partition znode and its initial state: leader = first replica, ISR = all replicas, epoch 0. */
    static List<ZkWrite> newPartition(String topic, int partition, List<Integer> replicas, int controllerEpoch,
                                      boolean withPartitionZnode) {
        String statePath = ZkPaths.partitionState(topic, partition);
        PartitionState state = new PartitionState(replicas.get(0), 0, replicas, controllerEpoch);
        ZkWrite createState = new ZkWrite.Create(statePath, CODEC.writeState(state));
        if (!withPartitionZnode) {
            return List.of(createState);
        }
        String partitionPath = statePath.substring(0, statePath.lastIndexOf('/'));
        return List.of(new ZkWrite.Create(partitionPath, ""), createState);
    }

    private ControllerResult<TopicImage> result(ClusterImage image, List<ZkWrite> writes, String name) {
        return new ControllerResult<>(writes, image.replay(writes).topics().get(name));
    }

    private TopicImage writableTopic(ClusterImage image, String name) {
        checkName(name);
        TopicImage topic = image.liveTopic(name).orElseThrow(() -> unknownTopic(name));
        checkNotInternal(name);
        return topic;
    }

    private static void checkWritableName(String name) {
        checkName(name);
        checkNotInternal(name);
    }

    private static void checkName(String name) {
        TopicNames.problem(name).ifPresent(problem -> {
            throw new AdminException(ErrorCode.BAD_REQUEST, problem);
        });
    }

    private static void checkNotInternal(String name) {
        if (TopicNames.isInternal(name)) {
            throw new AdminException(ErrorCode.BAD_REQUEST, "topic names starting with '"
                    + TopicNames.INTERNAL_PREFIX + "' are reserved for internal topics: '" + name + "'");
        }
    }

    private static AdminException unknownTopic(String name) {
        return new AdminException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + name + "' not found");
    }

    private void checkPartitionCount(int partitions) {
        if (partitions < 1 || partitions > limits.maxPartitions()) {
            throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG, "partitions_count must be between 1 and "
                    + limits.maxPartitions() + ", got " + partitions);
        }
    }

    private static void checkReplicationFactor(int replicationFactor, ClusterImage image) {
        if (replicationFactor < 1) {
            throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG,
                    "replication_factor must be at least 1, got " + replicationFactor);
        }
        if (replicationFactor > image.brokers().size()) {
            throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG, "replication_factor " + replicationFactor
                    + " is larger than the number of live brokers (" + image.brokers().size() + ")");
        }
    }

    private static void checkMinInsyncReplicas(String topic, Map<String, String> configs, int replicationFactor) {
        String value = configs.get(TopicConfigs.MIN_INSYNC_REPLICAS);
        if (value != null && Long.parseLong(value) > replicationFactor) {
            throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG, TopicConfigs.MIN_INSYNC_REPLICAS + "=" + value
                    + " is larger than the replication factor " + replicationFactor + " of topic '" + topic
                    + "': no more than " + replicationFactor + " replicas can ever be in sync");
        }
    }

    private static Map<String, String> configs(List<ConfigEntry> entries) {
        Map<String, String> configs = new HashMap<>();
        if (entries == null) {
            return configs;
        }
        for (ConfigEntry entry : entries) {
            if (entry == null) {
                throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG, "configs must not contain null");
            }
            TopicConfigs.problem(entry.name(), entry.value()).ifPresent(problem -> {
                throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG, problem);
            });
            if (configs.put(entry.name(), entry.value().trim()) != null) {
                throw new AdminException(ErrorCode.INVALID_TOPIC_CONFIG,
                        "config '" + entry.name() + "' is given twice");
            }
        }
        return configs;
    }

    private static List<PlacementBroker> placementBrokers(ClusterImage image) {
        return image.brokers().entrySet().stream()
                .map(entry -> new PlacementBroker(entry.getKey(), entry.getValue().rack()))
                .toList();
    }

    /** Kafka's start for added partitions: the first broker whose id is at least partition 0's leader. */
    private static int startIndex(List<PlacementBroker> brokers, TopicImage topic) {
        List<Integer> firstReplicas = topic.assignment().replicas(0);
        if (firstReplicas.isEmpty()) {
            return 0;
        }
        int leader = firstReplicas.get(0);
        for (int i = 0; i < brokers.size(); i++) {
            if (brokers.get(i).id() >= leader) {
                return i;
            }
        }
        return 0;
    }
}
