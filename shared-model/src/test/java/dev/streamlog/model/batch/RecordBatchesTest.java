package dev.streamlog.model.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.internal.AppendRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordBatchesTest {

    private static AppendRecord record(int i, int valueBytes) {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) ('a' + i % 26));
        return new AppendRecord(("k" + i).getBytes(StandardCharsets.UTF_8), value,
                List.of(new dev.streamlog.model.RecordHeader("h", new byte[]{(byte) i})), 1_700_000_000_000L + i);
    }

    /** The encoded body, split back into its batches. */
    private static List<ByteBuffer> batches(List<AppendRecord> records, int limit) {
        RecordBatches encoded = RecordBatches.encode(records, limit);
        assertThat(encoded.recordCount()).isEqualTo(records.size());
        return RecordBatches.split(ByteBuffer.wrap(encoded.bytes()));
    }

    private static List<LogRecord> decode(List<ByteBuffer> batches) {
        List<LogRecord> records = new ArrayList<>();
        for (ByteBuffer batch : batches) {
            RecordBatch view = RecordBatch.of(batch);
            view.ensureValid();
            records.addAll(view.records());
        }
        return records;
    }

    @Test
    void recordsThatFitGoInOneBatch() {
        List<AppendRecord> records = List.of(record(0, 10), record(1, 10), record(2, 10));
        List<ByteBuffer> batches = batches(records, 1 << 20);
        assertThat(batches).hasSize(1);
        List<LogRecord> decoded = decode(batches);
        assertThat(decoded).hasSize(3);
        for (int i = 0; i < 3; i++) {
            LogRecord got = decoded.get(i);
            byte index = (byte) i;
            assertThat(got.offset()).isEqualTo(i);
            assertThat(got.timestamp()).isEqualTo(records.get(i).timestamp());
            assertThat(StandardCharsets.UTF_8.decode(got.key()).toString()).isEqualTo("k" + i);
            assertThat(got.value()).isEqualTo(ByteBuffer.wrap(records.get(i).value()));
            assertThat(got.headers()).singleElement().satisfies(header -> {
                assertThat(header.key()).isEqualTo("h");
                assertThat(header.value()).isEqualTo(ByteBuffer.wrap(new byte[]{index}));
            });
        }
    }

    @Test
    void splitsWhereTheNextRecordWouldPassTheLimitAndKeepsTheOrder() {
        List<AppendRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(record(i, 100 + i * 7));
        }
        int limit = 1024;
        List<ByteBuffer> batches = batches(records, limit);
        assertThat(batches.size()).isGreaterThan(1);
        int start = 0;
        for (int b = 0; b < batches.size(); b++) {
            int count = RecordBatch.of(batches.get(b)).recordCount();
            assertThat(batches.get(b).remaining()).isLessThanOrEqualTo(limit);
            if (b + 1 < batches.size()) {
                int withNext = batches(records.subList(start, start + count + 1), Integer.MAX_VALUE)
                        .get(0).remaining();
                assertThat(withNext).as("batch %d could have taken the next record", b).isGreaterThan(limit);
            }
            start += count;
        }
        List<LogRecord> decoded = decode(batches);
        assertThat(decoded).hasSize(40);
        List<String> keys = decoded.stream().map(r -> StandardCharsets.UTF_8.decode(r.key()).toString()).toList();
        assertThat(keys).containsExactlyElementsOf(records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void aBatchExactlyAtTheLimitIsKept() {
        List<AppendRecord> records = List.of(record(0, 50), record(1, 50));
        int exact = batches(records, Integer.MAX_VALUE).get(0).remaining();
        assertThat(batches(records, exact)).hasSize(1);
        assertThat(batches(records, exact - 1)).hasSize(2);
    }

    @Test
    void aRecordTooLargeAloneIsRefused() {
        assertThatThrownBy(() -> batches(List.of(record(0, 10), record(1, 5000)), 1024))
                .isInstanceOf(BatchTooLargeException.class)
                .satisfies(e -> {
                    BatchTooLargeException tooLarge = (BatchTooLargeException) e;
                    assertThat(tooLarge.recordIndex()).isEqualTo(1);
                    assertThat(tooLarge.size()).isGreaterThan(5000);
                    assertThat(tooLarge.limit()).isEqualTo(1024);
                });
    }

    @Test
    void nullKeysValuesAndHeadersAreKept() {
        List<LogRecord> decoded = decode(batches(List.of(new AppendRecord(null, null, null, 5)), 1024));
        assertThat(decoded).singleElement().satisfies(r -> {
            assertThat(r.key()).isNull();
            assertThat(r.value()).isNull();
            assertThat(r.headers()).isEmpty();
            assertThat(r.timestamp()).isEqualTo(5);
        });
    }

    @Test
    void malformedRecordsAreRefused() {
        assertThatThrownBy(() -> batches(List.of(), 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batches(Arrays.asList(record(0, 1), null), 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record 1");
        assertThatThrownBy(() -> batches(List.of(new AppendRecord(null, null, null, -1)), 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> batches(List.of(new AppendRecord(null, null,
                List.of(new dev.streamlog.model.RecordHeader(null, new byte[1])), 1)), 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header");
    }

    @Test
    void splitChecksTheFraming() {
        byte[] body = RecordBatches.encode(List.of(record(0, 10), record(1, 10)), 1 << 20).bytes();
        assertThatThrownBy(() -> RecordBatches.split(ByteBuffer.allocate(0)))
                .isInstanceOf(CorruptBatchException.class).hasMessageContaining("no record batch");
        assertThatThrownBy(() -> RecordBatches.split(ByteBuffer.wrap(body, 0, body.length - 1)))
                .isInstanceOf(CorruptBatchException.class).hasMessageContaining("declares");
        assertThatThrownBy(() -> RecordBatches.split(ByteBuffer.wrap(Arrays.copyOf(body, body.length + 10))))
                .isInstanceOf(CorruptBatchException.class).hasMessageContaining("into a batch header");
        byte[] shortLength = body.clone();
        ByteBuffer.wrap(shortLength).putInt(RecordBatch.LENGTH_OFFSET, 3);
        assertThatThrownBy(() -> RecordBatches.split(ByteBuffer.wrap(shortLength)))
                .isInstanceOf(CorruptBatchException.class).hasMessageContaining("at least");
    }

    @Test
    void splitViewsShareTheBodySoALeaderCanStampThem() {
        byte[] body = RecordBatches.encode(List.of(record(0, 10)), 1 << 20).bytes();
        ByteBuffer batch = RecordBatches.split(ByteBuffer.wrap(body)).get(0);
        RecordBatch.of(batch).setBaseOffset(42);
        assertThat(ByteBuffer.wrap(body).getLong(RecordBatch.BASE_OFFSET_OFFSET)).isEqualTo(42);
        RecordBatch.of(batch).ensureValid();
    }
}
