package dev.streamlog.controller.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.v3.CreateTopicRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery completes half-done creations and deletions, and finds nothing to do otherwise. */
class RecoveryCommandsTest {

    private final TopicCommands commands = Images.commands();

    @Test
    void aCompleteClusterNeedsNoRecovery() {
        ClusterImage image = Images.withBrokers(3);
        image = image.replay(commands.createTopic(image, new CreateTopicRequest("t", 4, 2, null)).writes());

        assertThat(RecoveryCommands.recover(image).writes()).isEmpty();
    }

    @Test
    void completesACreationThatStoppedHalfWay() {
        ClusterImage image = Images.withBrokers(3);
        List<ZkWrite> writes = commands.createTopic(image, new CreateTopicRequest("t", 4, 2, null)).writes();
        // Persisted: topic, partitions parent, partition 0 with state, partition 1 without state.
        ClusterImage partial = image.replay(writes.subList(0, 5));

        List<ZkWrite> recovery = RecoveryCommands.recover(partial).writes();

        assertThat(recovery).extracting(ZkWrite::path).containsExactly(
                "/brokers/topics/t/partitions/1/state",
                "/brokers/topics/t/partitions/2", "/brokers/topics/t/partitions/2/state",
                "/brokers/topics/t/partitions/3", "/brokers/topics/t/partitions/3/state");
        ClusterImage recovered = partial.replay(recovery);
        assertThat(recovered.topics().get("t").partitions()).hasSize(4)
                .allSatisfy((p, partition) -> assertThat(partition.hasState()).isTrue());
        assertThat(RecoveryCommands.recover(recovered).writes()).isEmpty();
    }

    @Test
    void createsAMissingPartitionsParent() {
        ClusterImage image = Images.withBrokers(1);
        List<ZkWrite> writes = commands.createTopic(image, new CreateTopicRequest("t", 1, 1, null)).writes();

        List<ZkWrite> recovery = RecoveryCommands.recover(image.replay(writes.subList(0, 1))).writes();

        assertThat(recovery).extracting(ZkWrite::path).containsExactly("/brokers/topics/t/partitions",
                "/brokers/topics/t/partitions/0", "/brokers/topics/t/partitions/0/state");
    }

    @Test
    void finishesADeletionThatStoppedHalfWay() {
        ClusterImage image = Images.withBrokers(2);
        image = image.replay(commands.createTopic(image, new CreateTopicRequest("gone", 3, 1, null)).writes());
        image = image.replay(commands.startDeletion(image, "gone").writes());
        List<ZkWrite> deletion = RecoveryCommands.finishDeletion(image, "gone").writes();
        ClusterImage partial = image.replay(deletion.subList(0, 3));

        ClusterImage recovered = partial.replay(RecoveryCommands.recover(partial).writes());

        assertThat(recovered.topics()).isEmpty();
        assertThat(recovered.deletions()).isEmpty();
    }

    @Test
    void removesAMarkerWhoseTopicIsAlreadyGone() {
        ClusterImage image = Images.withBrokers(1)
                .replay(List.of(new ZkWrite.Create("/admin/delete_topics/old", "")));

        assertThat(RecoveryCommands.recover(image).writes())
                .containsExactly(new ZkWrite.Delete("/admin/delete_topics/old", ZkWrite.ANY_VERSION));
    }
}
