package dev.streamlog.storage.log.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.storage.log.io.MappingLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MappingLeakCheck.class)
class OffsetIndexTest {

    private static final long BASE = 1_000;

    @TempDir
    Path dir;

    @Test
    void lookupsAgreeWithATreeMapOracle() throws Exception {
        Random random = new Random(7);
        TreeMap<Long, Integer> oracle = new TreeMap<>();
        try (OffsetIndex index = OffsetIndex.openWritable(dir.resolve("a.index"), BASE, 8 * 5000)) {
            long offset = BASE;
            int position = 0;
            for (int i = 0; i < 4000; i++) {
                offset += 1 + random.nextInt(50);
                position += 1 + random.nextInt(5000);
                index.append(offset, position);
                oracle.put(offset, position);
            }
            for (int i = 0; i < 20_000; i++) {
                long target = BASE + random.nextInt((int) (offset - BASE + 100));
                assertThat(index.lookup(target)).isEqualTo(expected(oracle, target));
            }
            assertThat(index.lookup(BASE - 1)).isEqualTo(new OffsetPosition(BASE, 0));
            assertThat(index.lookup(oracle.firstKey())).isEqualTo(new OffsetPosition(oracle.firstKey(), oracle.firstEntry().getValue()));
            assertThat(index.lookup(Long.MAX_VALUE / 2)).isEqualTo(expected(oracle, Long.MAX_VALUE / 2));
        }
    }

    @Test
    void lastEntryWithinHonoursBothBounds() throws Exception {
        try (OffsetIndex index = OffsetIndex.openWritable(dir.resolve("e.index"), BASE, 800)) {
            assertThat(index.lastEntryWithin(1_000, Long.MAX_VALUE)).isNull();
            for (int i = 1; i <= 10; i++) {
                index.append(BASE + i * 10, i * 100);
            }
            assertThat(index.lastEntryWithin(99, Long.MAX_VALUE)).isNull();
            assertThat(index.lastEntryWithin(100, Long.MAX_VALUE)).isEqualTo(new OffsetPosition(BASE + 10, 100));
            assertThat(index.lastEntryWithin(555, Long.MAX_VALUE)).isEqualTo(new OffsetPosition(BASE + 50, 500));
            assertThat(index.lastEntryWithin(555, BASE + 39)).isEqualTo(new OffsetPosition(BASE + 30, 300));
            assertThat(index.lastEntryWithin(Long.MAX_VALUE, BASE + 100)).isEqualTo(new OffsetPosition(BASE + 100, 1000));
        }
    }

    @Test
    void truncationDropsEntriesAtOrAboveTheOffset() throws Exception {
        try (OffsetIndex index = OffsetIndex.openWritable(dir.resolve("b.index"), BASE, 800)) {
            for (int i = 1; i <= 10; i++) {
                index.append(BASE + i * 10, i * 100);
            }
            index.truncateTo(BASE + 50);
            assertThat(index.entries()).isEqualTo(4);
            assertThat(index.lookup(BASE + 99)).isEqualTo(new OffsetPosition(BASE + 40, 400));
            index.truncateTo(BASE + 41);
            assertThat(index.entries()).isEqualTo(4);
            index.truncateTo(BASE);
            assertThat(index.entries()).isZero();
            assertThat(index.lookup(BASE + 99)).isEqualTo(new OffsetPosition(BASE, 0));
        }
    }

    @Test
    void fillsUpAtItsCapacityAndTrimsToItsEntries() throws Exception {
        Path path = dir.resolve("c.index");
        try (OffsetIndex index = OffsetIndex.openWritable(path, BASE, 8 * 3 + 5)) {
            assertThat(Files.size(path)).isEqualTo(24);
            index.append(BASE + 1, 10);
            index.append(BASE + 2, 20);
            assertThat(index.isFull()).isFalse();
            index.append(BASE + 3, 30);
            assertThat(index.isFull()).isTrue();
            index.truncateTo(BASE + 3);
            index.trimToSize();
            assertThat(Files.size(path)).isEqualTo(16);
            assertThat(index.lookup(BASE + 5)).isEqualTo(new OffsetPosition(BASE + 2, 20));
        }
        try (OffsetIndex reopened = OffsetIndex.openReadOnly(path, BASE)) {
            assertThat(reopened.entries()).isEqualTo(2);
            assertThat(reopened.isSane(1000)).isTrue();
            assertThat(reopened.lookup(BASE + 1)).isEqualTo(new OffsetPosition(BASE + 1, 10));
        }
        try (OffsetIndex writable = OffsetIndex.openWritable(path, BASE, 800)) {
            assertThat(writable.entries()).isEqualTo(2);
            writable.append(BASE + 9, 90);
            assertThat(writable.lookup(BASE + 9)).isEqualTo(new OffsetPosition(BASE + 9, 90));
        }
    }

    @Test
    void sanityCheckCatchesDisorderAndPositionsBeyondTheLog() throws Exception {
        Path path = dir.resolve("d.index");
        try (OffsetIndex index = OffsetIndex.openWritable(path, BASE, 80)) {
            index.append(BASE + 5, 100);
            index.append(BASE + 9, 200);
            index.trimToSize();
            assertThat(index.isSane(201)).isTrue();
            assertThat(index.isSane(200)).isFalse();
        }
        Files.write(path, new byte[16]);
        try (OffsetIndex zeros = OffsetIndex.openReadOnly(path, BASE)) {
            assertThat(zeros.isSane(1000)).isFalse();
        }
        Files.write(path, new byte[13]);
        try (OffsetIndex ragged = OffsetIndex.openReadOnly(path, BASE)) {
            assertThat(ragged.isSane(1000)).isFalse();
        }
    }

    private static OffsetPosition expected(TreeMap<Long, Integer> oracle, long target) {
        Map.Entry<Long, Integer> floor = oracle.floorEntry(target);
        return floor == null ? new OffsetPosition(BASE, 0) : new OffsetPosition(floor.getKey(), floor.getValue());
    }
}
