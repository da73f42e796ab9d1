package dev.streamlog.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionerTest {

    /** Hashes from Kafka's own murmur2 test vectors (UtilsTest.testMurmur2). */
    @ParameterizedTest
    @CsvSource({
        "21, -973932308",
        "foobar, -790332482",
        "a-little-bit-long-string, -985981536",
        "a-little-bit-longer-string, -1486304829",
        "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8, -58897971",
        "abc, 479470107"
    })
    void murmur2MatchesKafka(String key, int expected) {
        assertThat(Partitioner.murmur2(key.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    /** The partitions Kafka's default partitioner picks for those keys (positive hash modulo count). */
    @ParameterizedTest
    @CsvSource({
        "21, 0, 0, 0, 40",
        "foobar, 0, 0, 6, 66",
        "a-little-bit-long-string, 2, 2, 8, 12",
        "a-little-bit-longer-string, 2, 5, 11, 19",
        "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8, 2, 5, 5, 77",
        "abc, 0, 3, 3, 7"
    })
    void keysLandWhereKafkaPutsThem(String key, int of3, int of6, int of12, int of100) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        assertThat(Partitioner.partitionForKey(bytes, 3)).isEqualTo(of3);
        assertThat(Partitioner.partitionForKey(bytes, 6)).isEqualTo(of6);
        assertThat(Partitioner.partitionForKey(bytes, 12)).isEqualTo(of12);
        assertThat(Partitioner.partitionForKey(bytes, 100)).isEqualTo(of100);
    }

    @Test
    void emptyKeysHashAndNegativeHashesStayInRange() {
        assertThat(Partitioner.partitionForKey(new byte[0], 7)).isBetween(0, 6);
        assertThat(Partitioner.toPositive(Integer.MIN_VALUE)).isZero();
        assertThat(Partitioner.toPositive(-1)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void explicitPartitionWinsThenKeyThenSticky() {
        byte[] key = "abc".getBytes(StandardCharsets.UTF_8);
        assertThat(Partitioner.partition(5, key, 6, 1)).isEqualTo(5);
        assertThat(Partitioner.partition(null, key, 6, 1)).isEqualTo(3);
        assertThat(Partitioner.partition(null, null, 6, 1)).isEqualTo(1);
    }

    @Test
    void stickyPartitionMovesRoundRobinPerTopic() {
        Partitioner partitioner = new Partitioner();
        int first = partitioner.stickyPartition("orders", 4);
        Set<Integer> seen = new HashSet<>();
        seen.add(first);
        for (int i = 1; i < 4; i++) {
            int next = partitioner.stickyPartition("orders", 4);
            assertThat(next).isEqualTo((first + i) % 4);
            seen.add(next);
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(partitioner.stickyPartition("other", 1)).isZero();
    }
}
