package dev.streamlog.model.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.internal.StoredRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    /** Batches of the given sizes back to back, from offset {@code base}; record n has key "k{n}", value "v{n}" and header n={n}. */
    private static ByteBuffer batches(long base, int... sizes) {
        int total = 0;
        ByteBuffer[] built = new ByteBuffer[sizes.length];
        long offset = base;
        for (int b = 0; b < sizes.length; b++) {
            RecordBatchBuilder builder = new RecordBatchBuilder();
            for (int i = 0; i < sizes[b]; i++) {
                long n = offset + i;
                builder.append(1000 + n, ByteBuffer.wrap(("k" + n).getBytes(StandardCharsets.UTF_8)),
                        ByteBuffer.wrap(("v" + n).getBytes(StandardCharsets.UTF_8)),
                        List.of(RecordHeader.of("n", new byte[]{(byte) n})));
            }
            built[b] = builder.build();
            RecordBatch.of(built[b]).setBaseOffset(offset);
            offset += sizes[b];
            total += built[b].remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        for (ByteBuffer batch : built) {
            all.put(batch);
        }
        return all.flip();
    }

    private static List<Long> offsets(List<StoredRecord> records) {
        return records.stream().map(StoredRecord::offset).toList();
    }

    @Test
    void startsInsideTheFirstBatchAtTheOffsetAskedFor() {
        List<StoredRecord> records = RecordDecoder.decode(batches(10, 5, 5), 13, Long.MAX_VALUE, 1 << 20);
        assertThat(offsets(records)).containsExactly(13L, 14L, 15L, 16L, 17L, 18L, 19L);
        StoredRecord first = records.get(0);
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("k13");
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("v13");
        assertThat(first.timestamp()).isEqualTo(1013);
        assertThat(first.headers()).singleElement().satisfies(header -> {
            assertThat(header.key()).isEqualTo("n");
            assertThat(header.value()).containsExactly(13);
        });
    }

    @Test
    void stopsAtTheHighWatermark() {
        assertThat(offsets(RecordDecoder.decode(batches(0, 4, 4), 2, 6, 1 << 20))).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void stopsBeforeTheByteBudgetButAlwaysReturnsOneRecord() {
        // each record carries 2 + 2 + 1 + 1 = 6 bytes of key, value, header key and header value
        assertThat(offsets(RecordDecoder.decode(batches(0, 6), 1, Long.MAX_VALUE, 12))).containsExactly(1L, 2L);
        assertThat(offsets(RecordDecoder.decode(batches(0, 6), 1, Long.MAX_VALUE, 17))).containsExactly(1L, 2L);
        assertThat(offsets(RecordDecoder.decode(batches(0, 6), 1, Long.MAX_VALUE, 18))).containsExactly(1L, 2L, 3L);
        assertThat(offsets(RecordDecoder.decode(batches(0, 6), 1, Long.MAX_VALUE, 5))).containsExactly(1L);
        assertThat(offsets(RecordDecoder.decode(batches(0, 6), 1, Long.MAX_VALUE, 0))).containsExactly(1L);
    }

    @Test
    void nothingToDecodeIsAnEmptyList() {
        assertThat(RecordDecoder.decode(ByteBuffer.allocate(0), 0, 10, 100)).isEmpty();
    }

    @Test
    void bytesThatAreNotWholeBatchesAreCorrupt() {
        ByteBuffer whole = batches(0, 3);
        ByteBuffer cut = whole.slice(0, whole.remaining() - 5);
        assertThatThrownBy(() -> RecordDecoder.decode(cut, 0, 10, 100)).isInstanceOf(CorruptBatchException.class);
        assertThatThrownBy(() -> RecordDecoder.decode(whole.slice(0, 7), 0, 10, 100))
                .isInstanceOf(CorruptBatchException.class);
    }
}
