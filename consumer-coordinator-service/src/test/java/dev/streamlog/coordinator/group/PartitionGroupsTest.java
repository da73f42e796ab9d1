package dev.streamlog.coordinator.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.coordinator.offsets.OffsetsRecord;
import dev.streamlog.model.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionGroupsTest {

    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    private static OffsetsRecord.OffsetCommit commit(String group, TopicPartition partition, long offset, long epoch) {
        return new OffsetsRecord.OffsetCommit(group, partition, offset, "", 0, epoch);
    }

    @Test
    void replayKeepsTheLastCommitPerGroupAndPartition() {
        PartitionGroups groups = new PartitionGroups(0);

        groups.replay(commit("g", T1, 4, 1), 0);
        groups.replay(commit("g", T0, 2, 1), 1);
        groups.replay(commit("g", T0, 3, 1), 2);
        groups.replay(commit("h", T0, 9, 1), 3);

        assertThat(groups.committed("g")).containsOnlyKeys(T0, T1);
        assertThat(groups.committed("g").get(T0).offset()).isEqualTo(3);
        assertThat(groups.committed("g").keySet()).containsExactly(T0, T1);
        assertThat(groups.committed("h").get(T0).offset()).isEqualTo(9);
        assertThat(groups.committed("none")).isEmpty();
    }

    @Test
    void replayIgnoresWhatADeposedOwnerWroteAfterItsSuccessorsMarker() {
        PartitionGroups groups = new PartitionGroups(0);

        assertThat(groups.replay(commit("g", T0, 5, 10), 0)).isTrue();
        assertThat(groups.replay(new OffsetsRecord.EpochMarker("new-owner", 20), 1)).isTrue();
        assertThat(groups.replay(commit("g", T0, 7, 10), 2)).as("the old owner's late append").isFalse();
        assertThat(groups.replay(commit("g", T1, 1, 20), 3)).isTrue();

        assertThat(groups.committed("g").get(T0).offset()).isEqualTo(5);
        assertThat(groups.committed("g").get(T1).offset()).isEqualTo(1);
    }

    @Test
    void liveCommitsAreOrderedByTheirLogOffsetNotByWhenTheyAreApplied() {
        PartitionGroups groups = new PartitionGroups(0);

        groups.apply(commit("g", T0, 8, 1), 11);
        groups.apply(commit("g", T0, 6, 1), 10);

        assertThat(groups.committed("g").get(T0).offset()).isEqualTo(8);
    }
}
