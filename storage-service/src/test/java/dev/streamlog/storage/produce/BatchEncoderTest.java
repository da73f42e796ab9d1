package dev.streamlog.storage.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.RecordHeader;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.storage.log.errors.InvalidArgumentException;
import dev.streamlog.storage.log.errors.RecordTooLargeException;
import dev.streamlog.storage.log.record.LogRecord;
import dev.streamlog.storage.log.record.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchEncoderTest {

    private static AppendRecord record(int i, int valueBytes) {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) ('a' + i % 26));
        return new AppendRecord(("k" + i).getBytes(StandardCharsets.UTF_8), value,
                List.of(new RecordHeader("h", new byte[]{(byte) i})), 1_700_000_000_000L + i);
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
        List<ByteBuffer> batches = BatchEncoder.encode(records, 1 << 20);
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
        List<ByteBuffer> batches = BatchEncoder.encode(records, limit);
        assertThat(batches.size()).isGreaterThan(1);
        int start = 0;
        for (int b = 0; b < batches.size(); b++) {
            int count = RecordBatch.of(batches.get(b)).recordCount();
            assertThat(batches.get(b).remaining()).isLessThanOrEqualTo(limit);
            if (b + 1 < batches.size()) {
                int withNext = BatchEncoder.encode(records.subList(start, start + count + 1), Integer.MAX_VALUE)
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
        int exact = BatchEncoder.encode(records, Integer.MAX_VALUE).get(0).remaining();
        assertThat(BatchEncoder.encode(records, exact)).hasSize(1);
        assertThat(BatchEncoder.encode(records, exact - 1)).hasSize(2);
    }

    @Test
    void aRecordTooLargeAloneIsRefused() {
        assertThatThrownBy(() -> BatchEncoder.encode(List.of(record(0, 10), record(1, 5000)), 1024))
                .isInstanceOf(RecordTooLargeException.class)
                .satisfies(e -> assertThat(((RecordTooLargeException) e).limit()).isEqualTo(1024));
    }

    @Test
    void nullKeysValuesAndHeadersAreKept() {
        List<LogRecord> decoded = decode(BatchEncoder.encode(List.of(new AppendRecord(null, null, null, 5)), 1024));
        assertThat(decoded).singleElement().satisfies(r -> {
            assertThat(r.key()).isNull();
            assertThat(r.value()).isNull();
            assertThat(r.headers()).isEmpty();
            assertThat(r.timestamp()).isEqualTo(5);
        });
    }

    @Test
    void malformedRecordsAreRefused() {
        assertThatThrownBy(() -> BatchEncoder.encode(List.of(), 1024)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> BatchEncoder.encode(Arrays.asList(record(0, 1), null), 1024))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("record 1");
        assertThatThrownBy(() -> BatchEncoder.encode(List.of(new AppendRecord(null, null, null, -1)), 1024))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> BatchEncoder.encode(List.of(new AppendRecord(null, null,
                List.of(new RecordHeader(null, new byte[1])), 1)), 1024))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("header");
    }
}
