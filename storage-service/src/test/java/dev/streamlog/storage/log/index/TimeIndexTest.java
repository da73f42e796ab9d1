package dev.streamlog.storage.log.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.storage.log.io.MappingLeakCheck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MappingLeakCheck.class)
class TimeIndexTest {

    private static final long BASE = 500;

    @TempDir
    Path dir;

    @Test
    void lookupsAgreeWithATreeMapOracle() throws Exception {
        Random random = new Random(11);
        TreeMap<Long, Long> oracle = new TreeMap<>();
        try (TimeIndex index = TimeIndex.openWritable(dir.resolve("a.timeindex"), BASE, 12 * 3000)) {
            long timestamp = 1_000_000;
            long offset = BASE;
            for (int i = 0; i < 2500; i++) {
                timestamp += random.nextInt(3) == 0 ? 0 : random.nextInt(100);
                offset += 1 + random.nextInt(20);
                boolean grows = oracle.isEmpty() || timestamp > oracle.lastKey();
                index.maybeAppend(timestamp, offset);
                if (grows) {
                    oracle.put(timestamp, offset);
                }
            }
            assertThat(index.entries()).isEqualTo(oracle.size());
            for (int i = 0; i < 20_000; i++) {
                long target = 1_000_000 - 50 + random.nextInt((int) (timestamp - 1_000_000 + 100));
                Map.Entry<Long, Long> older = oracle.lowerEntry(target);
                assertThat(index.lookup(target)).isEqualTo(older == null ? BASE : older.getValue());
            }
            assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(oracle.lastKey(), oracle.lastEntry().getValue()));
        }
    }

    @Test
    void keepsOneSlotForTheFinalEntryAndTruncatesByOffset() throws Exception {
        try (TimeIndex index = TimeIndex.openWritable(dir.resolve("b.timeindex"), BASE, 12 * 3)) {
            index.maybeAppend(10, BASE + 1);
            index.maybeAppend(20, BASE + 2);
            assertThat(index.isFull()).isTrue();
            index.maybeAppend(30, BASE + 3);
            assertThat(index.entries()).isEqualTo(3);
            index.maybeAppend(40, BASE + 4);
            assertThat(index.entries()).isEqualTo(3);
            index.truncateTo(BASE + 2);
            assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(10, BASE + 1));
            index.truncateTo(BASE);
            assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(-1, BASE));
            assertThat(index.lookup(100)).isEqualTo(BASE);
        }
    }

    @Test
    void ignoresTimestampsThatDoNotGrow() throws Exception {
        try (TimeIndex index = TimeIndex.openWritable(dir.resolve("c.timeindex"), BASE, 120)) {
            index.maybeAppend(50, BASE + 1);
            index.maybeAppend(50, BASE + 2);
            index.maybeAppend(40, BASE + 3);
            assertThat(index.entries()).isEqualTo(1);
            assertThat(index.isSane(100)).isTrue();
        }
    }
}
