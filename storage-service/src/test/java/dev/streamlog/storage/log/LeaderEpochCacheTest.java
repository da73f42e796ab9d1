package dev.streamlog.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCacheTest {

    @TempDir
    Path dir;

    private LeaderEpochCache cache() throws Exception {
        return LeaderEpochCache.load(dir.resolve(LogFiles.LEADER_EPOCH_FILE)).orElseThrow();
    }

    @Test
    void endOffsetsFollowKafkasRules() throws Exception {
        LeaderEpochCache cache = cache();
        assertThat(cache.endOffsetFor(0, 10)).isEqualTo(EpochEndOffset.UNDEFINED);
        cache.assign(2, 0);
        cache.assign(2, 5);
        cache.assign(4, 10);
        cache.assign(7, 25);

        assertThat(cache.latestEpoch()).hasValue(7);
        assertThat(cache.endOffsetFor(7, 40)).isEqualTo(new EpochEndOffset(7, 40));
        assertThat(cache.endOffsetFor(4, 40)).isEqualTo(new EpochEndOffset(4, 25));
        assertThat(cache.endOffsetFor(5, 40)).isEqualTo(new EpochEndOffset(4, 25));
        assertThat(cache.endOffsetFor(2, 40)).isEqualTo(new EpochEndOffset(2, 10));
        assertThat(cache.endOffsetFor(1, 40)).isEqualTo(new EpochEndOffset(1, 0));
        assertThat(cache.endOffsetFor(8, 40)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache.endOffsetFor(-1, 40)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void persistsEveryChangeAndTruncatesFromBothEnds() throws Exception {
        LeaderEpochCache cache = cache();
        cache.assign(1, 0);
        cache.assign(3, 100);
        cache.assign(5, 200);
        assertThat(cache().entries()).hasSize(3);

        cache.truncateFromEnd(200);
        assertThat(cache().entries()).containsExactly(new LeaderEpochCache.Entry(1, 0), new LeaderEpochCache.Entry(3, 100));

        cache.truncateFromStart(150);
        assertThat(cache().entries()).containsExactly(new LeaderEpochCache.Entry(3, 150));

        cache.assign(2, 300);
        assertThat(cache().latestEpoch()).hasValue(3);
        cache.assign(6, 120);
        assertThat(cache().entries()).containsExactly(new LeaderEpochCache.Entry(6, 120));
    }

    @Test
    void unreadableCheckpointsAreReportedForRebuild() throws Exception {
        Path file = dir.resolve(LogFiles.LEADER_EPOCH_FILE);
        Files.writeString(file, "0\n2\n1 0\n");
        assertThat(LeaderEpochCache.load(file)).isEmpty();
        Files.writeString(file, "0\n2\n3 50\n2 60\n");
        assertThat(LeaderEpochCache.load(file)).isEmpty();
        Files.writeString(file, "0\n1\n3 50 9\n");
        assertThat(LeaderEpochCache.load(file)).isEmpty();
        Files.writeString(file, "0\n2\n3 50\n4 60\n");
        assertThat(LeaderEpochCache.load(file).orElseThrow().latestEpoch()).hasValue(4);
    }
}
