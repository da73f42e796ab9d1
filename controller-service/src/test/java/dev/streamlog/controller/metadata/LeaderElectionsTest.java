package dev.streamlog.controller.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import dev.streamlog.model.v3.CreateTopicRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Leader elections and preferred leader restores on images (no ZooKeeper), for every case of the rules. */
class LeaderElectionsTest {

    private static final String STATE = "/brokers/topics/t/partitions/0/state";
    private static final List<Integer> REPLICAS = List.of(1, 2, 3);
    private final ZnodeCodec codec = new ZnodeCodec();

    /** Topic {@code t} with one partition on {@link #REPLICAS} whose state znode holds {@code state} at version 4. */
    private ClusterImage image(PartitionState state, Map<String, String> configs, Integer... live) {
        List<ZkWrite> writes = new ArrayList<>(List.of(
                new ZkWrite.Create("/brokers/topics/t",
                        codec.writeAssignment(new TopicAssignment("id", Map.of("0", REPLICAS), configs))),
                new ZkWrite.Create("/brokers/topics/t/partitions", ""),
                new ZkWrite.Create("/brokers/topics/t/partitions/0", ""),
                new ZkWrite.Create(STATE, codec.writeState(state))));
        for (int version = 0; version < 4; version++) {
            writes.add(new ZkWrite.SetData(STATE, codec.writeState(state), version));
        }
        return ClusterImage.empty(Images.CLUSTER, Images.EPOCH).replay(writes).withBrokers(brokers(live));
    }

    private ClusterImage image(PartitionState state, Integer... live) {
        return image(state, Map.of(), live);
    }

    private static Map<Integer, BrokerRegistration> brokers(Integer... ids) {
        Map<Integer, BrokerRegistration> brokers = new TreeMap<>();
        for (int id : ids) {
            brokers.put(id, new BrokerRegistration("127.0.0.1", 9090 + id, null, false));
        }
        return brokers;
    }

    private static PartitionState state(int leader, int epoch, Integer... isr) {
        return new PartitionState(leader, epoch, List.of(isr), 2);
    }

    /** The one state written, checked against version 4 and with the image's controller epoch. */
    private PartitionState written(ControllerResult<Elections> result) {
        assertThat(result.writes()).singleElement().isInstanceOfSatisfying(ZkWrite.SetData.class, set -> {
            assertThat(set.path()).isEqualTo(STATE);
            assertThat(set.expectedVersion()).isEqualTo(4);
        });
        PartitionState state = codec.readState(((ZkWrite.SetData) result.writes().get(0)).data());
        assertThat(state.controllerEpoch()).isEqualTo(Images.EPOCH);
        assertThat(result.response().changes()).containsExactly(new PartitionChange("t", 0, REPLICAS, state, 5));
        return state;
    }

    @Test
    void nothingChangesWhileTheLeaderAndTheWholeIsrAreLive() {
        ControllerResult<Elections> result = LeaderElections.electLeaders(image(state(1, 3, 1, 2, 3), 1, 2, 3, 4));

        assertThat(result.writes()).isEmpty();
        assertThat(result.response().changes()).isEmpty();
    }

    @Test
    void aLiveLeaderKeepsLeadingAndTheIsrShrinksToTheLiveMembersInItsOrder() {
        PartitionState next = written(LeaderElections.electLeaders(image(state(2, 3, 3, 2, 1), 2, 1)));

        assertThat(next).isEqualTo(new PartitionState(2, 4, List.of(2, 1), Images.EPOCH));
    }

    @Test
    void aLostLeaderIsReplacedByTheFirstLiveIsrMemberInAssignmentOrder() {
        ControllerResult<Elections> result = LeaderElections.electLeaders(image(state(1, 3, 3, 1, 2), 2, 3));

        assertThat(written(result)).isEqualTo(new PartitionState(2, 4, List.of(3, 2), Images.EPOCH));
        assertThat(result.response().unclean()).isEmpty();
    }

    @Test
    void aLiveReplicaOutsideTheIsrIsNotElected() {
        PartitionState next = written(LeaderElections.electLeaders(image(state(1, 3, 1, 3), 2, 3)));

        assertThat(next).isEqualTo(new PartitionState(3, 4, List.of(3), Images.EPOCH));
    }

    @Test
    void withoutALiveIsrMemberThePartitionGoesOfflineKeepingItsIsr() {
        ClusterImage image = image(state(1, 3, 1, 2), 3);

        ControllerResult<Elections> result = LeaderElections.electLeaders(image);

        assertThat(written(result)).isEqualTo(new PartitionState(-1, 4, List.of(1, 2), Images.EPOCH));
        assertThat(result.response().unclean()).isEmpty();
        ClusterImage offline = image.replay(result.writes());
        assertThat(LeaderElections.electLeaders(offline).writes()).as("already offline").isEmpty();
    }

    @Test
    void withNoLiveBrokerAtAllThePartitionGoesOfflineEvenIfUncleanElectionIsAllowed() {
        PartitionState next = written(LeaderElections.electLeaders(image(state(1, 3, 1, 2),
                Map.of("unclean.leader.election.enable", "true"))));

        assertThat(next).isEqualTo(new PartitionState(-1, 4, List.of(1, 2), Images.EPOCH));
    }

    @Test
    void uncleanElectionPicksTheFirstLiveReplicaWithAnIsrOfItself() {
        ControllerResult<Elections> result = LeaderElections.electLeaders(image(state(1, 3, 1, 2),
                Map.of("unclean.leader.election.enable", "true"), 3));

        assertThat(written(result)).isEqualTo(new PartitionState(3, 4, List.of(3), Images.EPOCH));
        assertThat(result.response().unclean()).containsExactly(new TopicPartition("t", 0));
    }

    @Test
    void uncleanElectionIsOffUnlessTheTopicSaysTrue() {
        PartitionState next = written(LeaderElections.electLeaders(image(state(1, 3, 1),
                Map.of("unclean.leader.election.enable", "false"), 2, 3)));

        assertThat(next.leader()).isEqualTo(-1);
    }

    @Test
    void anOfflinePartitionIsElectedAgainWhenAnIsrMemberReturns() {
        ClusterImage offline = image(state(-1, 4, 1, 2), 3);
        assertThat(LeaderElections.electLeaders(offline).writes()).as("no ISR member back yet").isEmpty();

        PartitionState next = written(LeaderElections.electLeaders(offline.withBrokers(brokers(2, 3))));

        assertThat(next).isEqualTo(new PartitionState(2, 5, List.of(2), Images.EPOCH));
    }

    @Test
    void anOfflinePartitionWithAnUncleanTopicElectsAnyLiveReplica() {
        ControllerResult<Elections> result = LeaderElections.electLeaders(image(state(-1, 4, 1),
                Map.of("unclean.leader.election.enable", "true"), 2));

        assertThat(written(result)).isEqualTo(new PartitionState(2, 5, List.of(2), Images.EPOCH));
        assertThat(result.response().unclean()).containsExactly(new TopicPartition("t", 0));
    }

    @Test
    void topicsBeingDeletedAndPartitionsWithoutStateAreLeftAlone() {
        ClusterImage deleting = image(state(1, 3, 1, 2), 2)
                .replay(List.of(new ZkWrite.Create("/admin/delete_topics/t", "")));
        assertThat(LeaderElections.electLeaders(deleting).writes()).isEmpty();

        ClusterImage stateless = image(state(1, 3, 1, 2), 2).replay(List.of(new ZkWrite.Delete(STATE, -1)));
        assertThat(LeaderElections.electLeaders(stateless).writes()).isEmpty();
        assertThat(LeaderElections.restorePreferredLeaders(stateless).writes()).isEmpty();
    }

    @Test
    void everyPartitionOfEveryTopicIsElectedInOneResult() {
        ClusterImage image = Images.withBrokers(3);
        TopicCommands commands = Images.commands();
        image = image.replay(commands.createTopic(image, new CreateTopicRequest("a", 3, 3, null)).writes());
        image = image.replay(commands.createTopic(image, new CreateTopicRequest("b", 3, 2, null)).writes());
        ClusterImage withoutTwo = image.withBrokers(brokers(1, 3));

        ControllerResult<Elections> result = LeaderElections.electLeaders(withoutTwo);

        ClusterImage after = withoutTwo.replay(result.writes());
        for (TopicImage topic : after.topics().values()) {
            for (PartitionImage partition : topic.partitions().values()) {
                assertThat(partition.state().leader()).isIn(1, 3);
                assertThat(partition.state().isr()).doesNotContain(2).isNotEmpty();
            }
        }
        assertThat(result.response().changes()).hasSize(result.writes().size())
                .allSatisfy(change -> assertThat(change.zkVersion()).isEqualTo(1));
        assertThat(LeaderElections.electLeaders(after).writes()).isEmpty();
    }

    @Test
    void thePreferredReplicaLeadsAgainOnceItIsLiveAndInSync() {
        PartitionState next = written(LeaderElections.restorePreferredLeaders(image(state(2, 5, 2, 3, 1), 1, 2, 3)));

        assertThat(next).isEqualTo(new PartitionState(1, 6, List.of(2, 3, 1), Images.EPOCH));
    }

    @Test
    void thePreferredReplicaDoesNotLeadWhileOutOfSyncOrDownOrAlreadyLeading() {
        assertThat(LeaderElections.restorePreferredLeaders(image(state(2, 5, 2, 3), 1, 2, 3)).writes()).isEmpty();
        assertThat(LeaderElections.restorePreferredLeaders(image(state(2, 5, 2, 1), 2, 3)).writes()).isEmpty();
        assertThat(LeaderElections.restorePreferredLeaders(image(state(1, 5, 1, 2), 1, 2)).writes()).isEmpty();
    }

    @Test
    void misplacedLeadersAreThoseNotOnTheirLivePreferredReplica() {
        assertThat(LeaderElections.hasMisplacedLeaders(image(state(1, 5, 1, 2), 1, 2))).isFalse();
        assertThat(LeaderElections.hasMisplacedLeaders(image(state(2, 5, 2), 1, 2))).isTrue();
        assertThat(LeaderElections.hasMisplacedLeaders(image(state(2, 5, 2), 2, 3))).as("preferred is down").isFalse();
        assertThat(LeaderElections.hasMisplacedLeaders(image(state(-1, 5, 1), 1))).isTrue();
    }

    @Test
    void createdStatesAreChangesAtVersionZero() {
        ClusterImage image = Images.withBrokers(3);
        ControllerResult<TopicImage> created = Images.commands().createTopic(image,
                new CreateTopicRequest("c", 2, 2, null));

        List<PartitionChange> changes = PartitionChange.fromWrites(created.writes(), image.replay(created.writes()));

        assertThat(changes).hasSize(2).allSatisfy(change -> {
            assertThat(change.topic()).isEqualTo("c");
            assertThat(change.zkVersion()).isZero();
            assertThat(change.state().leader()).isEqualTo(change.replicas().get(0));
            assertThat(change.state().isr()).isEqualTo(change.replicas());
        });
        assertThat(changes).extracting(PartitionChange::partition).containsExactly(0, 1);
    }
}
