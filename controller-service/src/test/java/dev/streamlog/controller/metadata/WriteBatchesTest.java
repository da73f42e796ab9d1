package dev.streamlog.controller.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting writes into transactions within a byte budget, in order. */
class WriteBatchesTest {

    @Test
    void keepsSmallListsInOneBatch() {
        List<ZkWrite> writes = List.of(new ZkWrite.Create("/a", "1"), new ZkWrite.Delete("/b", 3));

        assertThat(WriteBatches.split(writes, WriteBatches.DEFAULT_MAX_BYTES)).containsExactly(writes);
    }

    @Test
    void splitsInOrderWithinTheBudget() {
        List<ZkWrite> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(new ZkWrite.Create("/p/" + i, "x".repeat(100)));
        }

        List<List<ZkWrite>> batches = WriteBatches.split(writes, 1000);

        assertThat(batches).hasSizeGreaterThan(10).allSatisfy(batch ->
                assertThat(batch.stream().mapToInt(ZkWrite::estimatedSize).sum()).isLessThanOrEqualTo(1000));
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(writes);
    }

    @Test
    void givesAnOversizedWriteABatchOfItsOwn() {
        ZkWrite big = new ZkWrite.Create("/big", "x".repeat(5000));
        List<ZkWrite> writes = List.of(new ZkWrite.Delete("/a", 0), big, new ZkWrite.Delete("/b", 0));

        assertThat(WriteBatches.split(writes, 1000)).containsExactly(List.of(writes.get(0)), List.of(big),
                List.of(writes.get(2)));
    }

    @Test
    void splitsNothingIntoNothing() {
        assertThat(WriteBatches.split(List.of(), 10)).isEmpty();
    }
}
