package dev.streamlog.model.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordBatchBuilderSizeTest {

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyBuilderIsItsHeader() {
        assertThat(new RecordBatchBuilder().sizeInBytes()).isEqualTo(RecordBatch.HEADER_SIZE);
    }

    @Test
    void predictedSizeIsExactlyTheBuiltSize() {
        RecordBatchBuilder builder = new RecordBatchBuilder(16);
        long base = 1_700_000_000_000L;
        Object[][] records = {
                {base, "k", "value"},
                {base + 5_000, null, "a much longer value that forces the buffer to grow past its start"},
                {base - 3, "key-3", null},
                {base + (1L << 40), "", ""},
        };
        for (Object[] record : records) {
            long timestamp = (long) record[0];
            ByteBuffer key = record[1] == null ? null : bytes((String) record[1]);
            ByteBuffer value = record[2] == null ? null : bytes((String) record[2]);
            List<RecordHeader> headers = List.of(RecordHeader.of("trace", new byte[]{1, 2, 3}),
                    RecordHeader.of("none", null));
            int predicted = builder.sizeInBytesWith(timestamp, key, value, headers);
            builder.append(timestamp, key, value, headers);
            assertThat(builder.sizeInBytes()).isEqualTo(predicted);
        }
        ByteBuffer built = builder.build();
        assertThat(built.remaining()).isEqualTo(builder.sizeInBytes());
        RecordBatch.of(built).ensureValid();
        assertThat(RecordBatch.of(built).records()).hasSize(records.length);
    }

    @Test
    void predictingDoesNotAddTheRecord() {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        builder.sizeInBytesWith(1, null, bytes("v"), List.of());
        assertThat(builder.recordCount()).isZero();
        assertThat(builder.sizeInBytes()).isEqualTo(RecordBatch.HEADER_SIZE);
    }
}
