package dev.streamlog.controller.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.controller.placement.RoundRobinReplicaPlacer;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.v3.AlterConfigEntry;
import dev.streamlog.model.v3.ConfigEntry;
import dev.streamlog.model.v3.CreateTopicRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The topic commands' writes, responses and validation codes, replayed onto an image (no ZooKeeper). */
class TopicCommandsTest {

    private final TopicCommands commands = Images.commands();
    private final ZnodeCodec codec = new ZnodeCodec();
    private ClusterImage image = Images.withBrokers(3);

    private TopicImage run(ControllerResult<TopicImage> result) {
        image = image.replay(result.writes());
        return result.response();
    }

    private TopicImage create(String name, Integer partitions, Integer replicationFactor, ConfigEntry... configs) {
        return run(commands.createTopic(image,
                new CreateTopicRequest(name, partitions, replicationFactor, Arrays.asList(configs))));
    }

    private static void assertRefused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AdminException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void createWritesTheTopicThenEachPartitionAndItsInitialState() {
        ControllerResult<TopicImage> result = commands.createTopic(image, new CreateTopicRequest("orders", 6, 3,
                List.of(new ConfigEntry("retention.ms", "3600000"))));

        List<ZkWrite> writes = result.writes();
        assertThat(writes).hasSize(2 + 2 * 6);
        assertThat(writes.get(0)).isInstanceOf(ZkWrite.Create.class)
                .extracting(ZkWrite::path).isEqualTo("/brokers/topics/orders");
        assertThat(writes.get(1)).isEqualTo(new ZkWrite.Create("/brokers/topics/orders/partitions", ""));
        assertThat(writes.get(2)).isEqualTo(new ZkWrite.Create("/brokers/topics/orders/partitions/0", ""));
        assertThat(writes.get(3).path()).isEqualTo("/brokers/topics/orders/partitions/0/state");

        var assignment = codec.readAssignment(((ZkWrite.Create) writes.get(0)).data());
        assertThat(assignment.topicId()).isEqualTo("id-1");
        assertThat(assignment.configs()).containsOnly(Map.entry("retention.ms", "3600000"),
                Map.entry("min.insync.replicas", "2"));
        Map<Integer, Integer> leaders = new HashMap<>();
        for (int p = 0; p < 6; p++) {
            List<Integer> replicas = assignment.replicas(p);
            assertThat(replicas).hasSize(3).doesNotHaveDuplicates().allMatch(id -> id >= 1 && id <= 3);
            leaders.merge(replicas.get(0), 1, Integer::sum);
            PartitionState state = codec.readState(((ZkWrite.Create) writes.get(3 + 2 * p)).data());
            assertThat(state).isEqualTo(new PartitionState(replicas.get(0), 0, replicas, Images.EPOCH));
        }
        assertThat(leaders).containsOnly(Map.entry(1, 2), Map.entry(2, 2), Map.entry(3, 2));

        TopicImage topic = result.response();
        assertThat(topic.partitionCount()).isEqualTo(6);
        assertThat(topic.replicationFactor()).isEqualTo(3);
        assertThat(topic.version()).isZero();
        assertThat(topic.partitions()).hasSize(6).allSatisfy((p, partition) -> assertThat(partition.hasState()).isTrue());
    }

    @Test
    void createUsesTheDefaultsForMissingCounts() {
        TopicImage topic = create("plain", null, null);

        assertThat(topic.partitionCount()).isEqualTo(1);
        assertThat(topic.replicationFactor()).isEqualTo(1);
        assertThat(topic.configs()).isEmpty();
        assertThat(image.liveTopic("plain")).contains(topic);
    }

    @Test
    void automaticReplicationFactorIsThreeAtMostAndTheLiveBrokersAtLeast() {
        TopicCommands automatic = new TopicCommands(new TopicLimits(1, TopicLimits.AUTOMATIC_REPLICATION_FACTOR, 100),
                new RoundRobinReplicaPlacer(new Random(1)), () -> "id");
        for (int brokers = 1; brokers <= 5; brokers++) {
            ClusterImage cluster = Images.withBrokers(brokers);
            TopicImage topic = automatic.createTopic(cluster, new CreateTopicRequest("t", 2, null, null)).response();
            assertThat(topic.replicationFactor()).as("brokers: " + brokers).isEqualTo(Math.min(3, brokers));
        }
        assertThat(new TopicLimits(1, 0, 1).defaultReplicationFactor(0)).isEqualTo(1);
        assertThat(new TopicLimits(1, 2, 1).defaultReplicationFactor(5)).isEqualTo(2);
        assertThatThrownBy(() -> new TopicLimits(1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicsWithThreeOrMoreReplicasGetTwoInSyncReplicasUnlessTheyNameSome() {
        image = Images.withBrokers(4);

        assertThat(create("three", 1, 3).configs()).containsExactly(Map.entry("min.insync.replicas", "2"));
        assertThat(create("four", 1, 4).configs()).containsExactly(Map.entry("min.insync.replicas", "2"));
        assertThat(create("two", 1, 2).configs()).isEmpty();
        assertThat(create("named", 1, 3, new ConfigEntry("min.insync.replicas", "3")).configs())
                .containsExactly(Map.entry("min.insync.replicas", "3"));
        assertThat(create("one", 1, 3, new ConfigEntry("min.insync.replicas", "1")).configs())
                .containsExactly(Map.entry("min.insync.replicas", "1"));
    }

    @Test
    void minInsyncReplicasAboveTheReplicationFactorIsRefused() {
        assertThatThrownBy(() -> create("t", 1, 2, new ConfigEntry("min.insync.replicas", "3")))
                .isInstanceOfSatisfying(AdminException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TOPIC_CONFIG))
                .hasMessageContaining("min.insync.replicas=3 is larger than the replication factor 2");
        create("t", 1, 2, new ConfigEntry("min.insync.replicas", "2"));

        assertThatThrownBy(() -> commands.alterConfigs(image, "t",
                List.of(new AlterConfigEntry("min.insync.replicas", "3", null))))
                .isInstanceOfSatisfying(AdminException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TOPIC_CONFIG))
                .hasMessageContaining("larger than the replication factor 2");
        assertThat(run(commands.alterConfigs(image, "t",
                List.of(new AlterConfigEntry("min.insync.replicas", "1", null)))).configs())
                .containsExactly(Map.entry("min.insync.replicas", "1"));
        assertThat(run(commands.alterConfigs(image, "t",
                List.of(new AlterConfigEntry("min.insync.replicas", null, "DELETE")))).configs()).isEmpty();
    }

    @Test
    void createRefusesBadNamesAndInternalNames() {
        for (String name : List.of("a/b", "..", "", "with space", "é", "x".repeat(250))) {
            assertRefused(() -> create(name, 1, 1), ErrorCode.BAD_REQUEST);
        }
        assertRefused(() -> create("__consumer_offsets", 1, 1), ErrorCode.BAD_REQUEST);
    }

    @Test
    void internalTopicsAreCreatedOnlyThroughTheInternalCommand() {
        TopicImage offsets = run(commands.createInternalTopic(image,
                new CreateTopicRequest("__consumer_offsets", 16, 3, List.of())));

        assertThat(offsets.partitionCount()).isEqualTo(16);
        assertThat(offsets.configs()).containsEntry("min.insync.replicas", "2");
        assertRefused(() -> run(commands.createInternalTopic(image,
                new CreateTopicRequest("__consumer_offsets", 16, 3, List.of()))), ErrorCode.CONFLICT);
        assertRefused(() -> run(commands.createInternalTopic(image, new CreateTopicRequest("orders", 1, 1, List.of()))),
                ErrorCode.BAD_REQUEST);
        assertRefused(() -> run(commands.addPartitions(image, "__consumer_offsets", 20)), ErrorCode.BAD_REQUEST);
    }

    @Test
    void createRefusesATakenName() {
        create("orders", 1, 1);

        assertRefused(() -> create("orders", 1, 1), ErrorCode.INVALID_TOPIC_CONFIG);
    }

    @Test
    void createRefusesANameWhoseDeletionIsInProgress() {
        create("orders", 1, 1);
        image = image.replay(commands.startDeletion(image, "orders").writes());

        assertRefused(() -> create("orders", 1, 1), ErrorCode.INVALID_TOPIC_CONFIG);
    }

    @Test
    void createRefusesBadCounts() {
        assertRefused(() -> create("t", 1, 4), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> create("t", 1, 0), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> create("t", 0, 1), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> create("t", 101, 1), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> create("t", -1, 1), ErrorCode.INVALID_TOPIC_CONFIG);
        assertThat(image.topics()).isEmpty();
    }

    @Test
    void createRefusesARelicationFactorAboveTheLiveBrokers() {
        image = Images.withBrokers(0);

        assertThatThrownBy(() -> create("t", 1, 1)).isInstanceOf(AdminException.class)
                .hasMessageContaining("live brokers (0)");
    }

    @Test
    void createRefusesBadConfigs() {
        assertRefused(() -> create("t", 1, 1, new ConfigEntry("retention.ms", "soon")), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> create("t", 1, 1, new ConfigEntry("no.such.config", "1")), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> create("t", 1, 1, new ConfigEntry(null, "1")), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> create("t", 1, 1, new ConfigEntry("retention.ms", "1"),
                new ConfigEntry("retention.ms", "2")), ErrorCode.INVALID_TOPIC_CONFIG);
    }

    @Test
    void addPartitionsWritesTheGrownAssignmentWithAVersionCheckAndTheNewStates() {
        create("orders", 3, 2);

        ControllerResult<TopicImage> result = commands.addPartitions(image, "orders", 5);

        assertThat(result.writes().get(0)).isInstanceOfSatisfying(ZkWrite.SetData.class, set -> {
            assertThat(set.expectedVersion()).isZero();
            assertThat(codec.readAssignment(set.data()).partitionCount()).isEqualTo(5);
        });
        assertThat(result.writes()).extracting(ZkWrite::path).containsExactly("/brokers/topics/orders",
                "/brokers/topics/orders/partitions/3", "/brokers/topics/orders/partitions/3/state",
                "/brokers/topics/orders/partitions/4", "/brokers/topics/orders/partitions/4/state");
        TopicImage before = image.topics().get("orders");
        TopicImage grown = run(result);
        assertThat(grown.version()).isEqualTo(1);
        assertThat(grown.partitionCount()).isEqualTo(5);
        for (int p = 0; p < 3; p++) {
            assertThat(grown.assignment().replicas(p)).isEqualTo(before.assignment().replicas(p));
        }
        for (int p = 3; p < 5; p++) {
            assertThat(grown.assignment().replicas(p)).hasSize(2).doesNotHaveDuplicates();
            assertThat(grown.partitions().get(p).state().leader()).isEqualTo(grown.assignment().replicas(p).get(0));
        }
    }

    @Test
    void addPartitionsRefusesCountsThatDoNotGrowOrExceedTheLimit() {
        create("orders", 3, 1);

        assertRefused(() -> commands.addPartitions(image, "orders", 3), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> commands.addPartitions(image, "orders", 2), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> commands.addPartitions(image, "orders", 101), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> commands.addPartitions(image, "nope", 5), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        assertRefused(() -> commands.addPartitions(image, "no/pe", 5), ErrorCode.BAD_REQUEST);
    }

    @Test
    void addPartitionsRefusesWhenTooFewBrokersAreLeft() {
        create("orders", 1, 3);
        image = image.withBrokers(Images.withBrokers(2).brokers());

        assertRefused(() -> commands.addPartitions(image, "orders", 2), ErrorCode.INVALID_TOPIC_CONFIG);
    }

    @Test
    void alterConfigsSetsAndDeletesOverridesInOneVersionCheckedWrite() {
        create("orders", 1, 1, new ConfigEntry("retention.ms", "1000"), new ConfigEntry("segment.bytes", "16777216"));

        ControllerResult<TopicImage> result = commands.alterConfigs(image, "orders", List.of(
                new AlterConfigEntry("retention.ms", "2000", null),
                new AlterConfigEntry("segment.bytes", null, "delete"),
                new AlterConfigEntry("max.message.bytes", "2048", "SET")));

        assertThat(result.writes()).singleElement().isInstanceOfSatisfying(ZkWrite.SetData.class,
                set -> assertThat(set.expectedVersion()).isZero());
        assertThat(run(result).configs()).containsOnly(Map.entry("retention.ms", "2000"),
                Map.entry("max.message.bytes", "2048"));
        assertThat(image.topics().get("orders").version()).isEqualTo(1);
    }

    @Test
    void alterConfigsIsAllOrNothing() {
        create("orders", 1, 1, new ConfigEntry("retention.ms", "1000"));

        assertRefused(() -> commands.alterConfigs(image, "orders", List.of(
                new AlterConfigEntry("retention.ms", "2000", null),
                new AlterConfigEntry("segment.bytes", "1", null))), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> commands.alterConfigs(image, "orders", List.of(
                new AlterConfigEntry("no.such", null, "DELETE"))), ErrorCode.INVALID_TOPIC_CONFIG);
        assertRefused(() -> commands.alterConfigs(image, "orders", List.of(
                new AlterConfigEntry("retention.ms", "5", "APPEND"))), ErrorCode.BAD_REQUEST);
        assertRefused(() -> commands.alterConfigs(image, "orders", List.of(
                new AlterConfigEntry("retention.ms", "5", null), new AlterConfigEntry("retention.ms", "6", null))),
                ErrorCode.BAD_REQUEST);
        assertRefused(() -> commands.alterConfigs(image, "missing", List.of()), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(image.topics().get("orders").configs()).containsOnly(Map.entry("retention.ms", "1000"));
    }

    @Test
    void alterConfigsWithoutChangeWritesNothing() {
        create("orders", 1, 1, new ConfigEntry("retention.ms", "1000"));

        assertThat(commands.alterConfigs(image, "orders",
                List.of(new AlterConfigEntry("retention.ms", "1000", null))).writes()).isEmpty();
    }

    @Test
    void deletionMarksTheTopicThenRemovesItsZnodesAndTheMarker() {
        create("orders", 2, 1);

        ControllerResult<Void> start = commands.startDeletion(image, "orders");
        assertThat(start.writes()).containsExactly(new ZkWrite.Create("/admin/delete_topics/orders", ""));
        image = image.replay(start.writes());
        assertThat(image.liveTopic("orders")).isEmpty();
        assertRefused(() -> TopicCommands.describe(image, "orders"), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        assertRefused(() -> commands.startDeletion(image, "orders"), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);

        ControllerResult<Void> finish = RecoveryCommands.finishDeletion(image, "orders");
        assertThat(finish.writes()).extracting(ZkWrite::path).containsExactly(
                "/brokers/topics/orders/partitions/0/state", "/brokers/topics/orders/partitions/0",
                "/brokers/topics/orders/partitions/1/state", "/brokers/topics/orders/partitions/1",
                "/brokers/topics/orders/partitions", "/brokers/topics/orders", "/admin/delete_topics/orders");
        assertThat(finish.writes()).allMatch(write -> write instanceof ZkWrite.Delete);
        image = image.replay(finish.writes());
        assertThat(image.topics()).isEmpty();
        assertThat(image.deletions()).isEmpty();

        assertThat(create("orders", 1, 1).assignment().topicId()).isEqualTo("id-2");
    }

    @Test
    void internalTopicsCannotBeChangedByClients() {
        ClusterImage withInternal = image.replay(List.of(new ZkWrite.Create("/brokers/topics/__consumer_offsets",
                codec.writeAssignment(new dev.streamlog.model.cluster.TopicAssignment("x",
                        Map.of("0", List.of(1)), Map.of())))));

        assertThat(TopicCommands.describe(withInternal, "__consumer_offsets").internal()).isTrue();
        assertRefused(() -> commands.startDeletion(withInternal, "__consumer_offsets"), ErrorCode.BAD_REQUEST);
        assertRefused(() -> commands.addPartitions(withInternal, "__consumer_offsets", 2), ErrorCode.BAD_REQUEST);
        assertRefused(() -> commands.alterConfigs(withInternal, "__consumer_offsets", List.of()), ErrorCode.BAD_REQUEST);
    }
}
