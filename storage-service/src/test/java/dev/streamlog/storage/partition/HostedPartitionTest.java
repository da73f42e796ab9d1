package dev.streamlog.storage.partition;

import static dev.streamlog.storage.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.log.LogConfig;
import dev.streamlog.storage.log.PartitionLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader's ISR and high watermark rules, over a real log. */
class HostedPartitionTest {

    private static final List<Integer> REPLICAS = List.of(1, 2, 3);

    @TempDir
    Path dir;

    private PartitionLog log;
    private HostedPartition partition;

    @BeforeEach
    void open() {
        log = PartitionLog.open(dir, new TopicPartition("t", 0), LogConfig.defaults(), Clock.systemUTC(), Runnable::run);
        partition = new HostedPartition(1, log);
    }

    @AfterEach
    void close() {
        log.close();
    }

    private static Leadership leader(int id, int epoch, List<Integer> isr, int version) {
        return new Leadership(id, epoch, isr, REPLICAS, version, 1);
    }

    @Test
    void theHighWatermarkIsTheLeastEndOverTheIsrAndWaitsForEveryMember() {
        assertThat(partition.apply(leader(1, 3, REPLICAS, 0), 0)).isEqualTo(HostedPartition.Transition.LEADER);
        assertThat(log.latestEpoch()).isEqualTo(OptionalInt.of(3));
        log.append(batch("a", 5, 1), 3);

        assertThat(partition.advanceHighWatermark()).isFalse();
        assertThat(partition.followerFetched(2, 5, 10)).isFalse();
        assertThat(partition.followerFetched(3, 3, 10)).isTrue();
        assertThat(partition.highWatermark()).isEqualTo(3);
        assertThat(partition.followerFetched(3, 5, 11)).isTrue();
        assertThat(partition.highWatermark()).isEqualTo(5);
    }

    @Test
    void aFollowerThatStopsFetchingLagsAndOneThatCatchesUpMayRejoin() {
        partition.apply(leader(1, 0, REPLICAS, 0), 0);
        log.append(batch("a", 5, 1), 0);
        partition.followerFetched(2, 5, 100);
        partition.followerFetched(3, 2, 100);

        assertThat(partition.laggingReplicas(1_000, 30_000)).isEmpty();
        partition.followerFetched(2, 5, 30_000);
        assertThat(partition.laggingReplicas(30_101, 30_000)).containsExactly(3);

        partition.apply(leader(1, 0, List.of(1, 2), 1), 30_200);
        assertThat(partition.apply(leader(1, 0, REPLICAS, 0), 30_200)).isEqualTo(HostedPartition.Transition.NONE);
        assertThat(partition.advanceHighWatermark()).isTrue();
        assertThat(partition.highWatermark()).isEqualTo(5);
        assertThat(partition.mayJoinIsr(3)).isFalse();
        partition.followerFetched(3, 5, 30_300);
        assertThat(partition.mayJoinIsr(3)).isTrue();
        assertThat(partition.mayJoinIsr(2)).isFalse();
    }

    @Test
    void aNewerEpochMakesTheLeaderAFollowerAndAnOlderOneChangesNothing() {
        partition.apply(leader(1, 4, REPLICAS, 2), 0);
        assertThat(partition.apply(leader(2, 3, REPLICAS, 9), 0)).isEqualTo(HostedPartition.Transition.NONE);
        assertThat(partition.isLeader()).isTrue();
        assertThat(partition.apply(leader(2, 5, List.of(2, 3), 3), 0)).isEqualTo(HostedPartition.Transition.FOLLOWER);
        assertThat(partition.isLeader()).isFalse();
        assertThat(partition.followerFetched(3, 0, 0)).isFalse();
        log.append(batch("a", 5, 1), 4);
        partition.followLeaderHighWatermark(9);
        assertThat(partition.highWatermark()).isEqualTo(5);
    }
}
