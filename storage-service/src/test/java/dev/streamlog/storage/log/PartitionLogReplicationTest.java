package dev.streamlog.storage.log;

import static dev.streamlog.storage.log.TestBatches.batch;
import static dev.streamlog.storage.log.TestBatches.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.LogRecord;
import dev.streamlog.storage.log.errors.InvalidOffsetException;
import dev.streamlog.storage.log.errors.StaleLeaderEpochException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine methods replication uses: follower appends, epoch starts and truncation of epochs. */
class PartitionLogReplicationTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path leaderDir;

    @TempDir
    Path followerDir;

    private final MutableClock clock = new MutableClock(1_000_000);
    private PartitionLog leader;
    private PartitionLog follower;

    @AfterEach
    void close() {
        leader.close();
        follower.close();
    }

    private void open() {
        leader = PartitionLog.open(leaderDir, TP, LogConfig.defaults(), clock, Runnable::run);
        follower = PartitionLog.open(followerDir, TP, LogConfig.defaults(), clock, Runnable::run);
    }

    private static ByteBuffer copy(LogSlice slice) {
        ByteBuffer bytes = slice.toByteBuffer();
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes).flip();
        return copy;
    }

    @Test
    void aFollowerKeepsTheLeadersOffsetsEpochsAndBytes() {
        open();
        leader.append(batch("a", 3, 10), 2);
        leader.append(batch("b", 2, 10), 4);
        ByteBuffer fromLeader = copy(leader.read(0, 1 << 20, Long.MAX_VALUE));
        ByteBuffer expected = fromLeader.duplicate();

        int first = 12 + fromLeader.getInt(8);
        follower.appendAsFollower(fromLeader.slice(0, first));
        follower.appendAsFollower(fromLeader.slice(first, fromLeader.remaining() - first));

        assertThat(follower.logEndOffset()).isEqualTo(5);
        assertThat(copy(follower.read(0, 1 << 20, Long.MAX_VALUE))).isEqualTo(expected);
        assertThat(records(follower.read(0, 1 << 20, Long.MAX_VALUE))).extracting(LogRecord::offset)
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(follower.latestEpoch()).isEqualTo(OptionalInt.of(4));
        assertThat(follower.endOffsetForEpoch(2)).isEqualTo(new EpochEndOffset(2, 3));
    }

    @Test
    void aFollowerRefusesAGapAndAnOlderEpoch() {
        open();
        leader.append(batch("a", 3, 10), 2);
        leader.append(batch("b", 2, 10), 4);
        ByteBuffer all = copy(leader.read(0, 1 << 20, Long.MAX_VALUE));
        int first = 12 + all.getInt(8);
        ByteBuffer second = all.slice(first, all.remaining() - first);

        assertThatThrownBy(() -> follower.appendAsFollower(second)).isInstanceOf(InvalidOffsetException.class)
                .hasMessageContaining("log end offset is 0");
        follower.beginEpoch(7);
        assertThatThrownBy(() -> follower.appendAsFollower(all.slice(0, first)))
                .isInstanceOf(StaleLeaderEpochException.class);
        assertThat(follower.logEndOffset()).isZero();
    }

    @Test
    void anEpochBegunWithoutRecordsAnswersFollowersAndGoesWithTruncation() {
        open();
        leader.append(batch("a", 3, 10), 1);
        leader.beginEpoch(2);
        assertThat(leader.latestEpoch()).isEqualTo(OptionalInt.of(2));
        assertThat(leader.endOffsetForEpoch(1)).isEqualTo(new EpochEndOffset(1, 3));

        assertThat(leader.truncateTo(3)).isFalse();
        assertThat(leader.latestEpoch()).isEqualTo(OptionalInt.of(1));
        assertThat(leader.logEndOffset()).isEqualTo(3);
    }
}
