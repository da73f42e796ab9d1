package dev.streamlog.storage.log;

import dev.streamlog.model.batch.LogRecord;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.model.batch.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds and decodes batches for tests: values are "v{n}" strings so content is checkable. */
public final class TestBatches {

    private TestBatches() {
    }

    /** A batch of {@code count} records with values {@code prefix + i}, all at {@code timestamp}. */
    public static ByteBuffer batch(String prefix, int count, long timestamp) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < count; i++) {
            builder.append(timestamp, null, (prefix + i).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** A batch of one record with the given value and timestamp. */
    public static ByteBuffer single(String value, long timestamp) {
        return new RecordBatchBuilder().append(timestamp, null, value.getBytes(StandardCharsets.UTF_8)).build();
    }

    /** A batch of {@code count} records whose values are {@code valueSize} bytes. */
    public static ByteBuffer sized(int count, int valueSize, long timestamp) {
        RecordBatchBuilder builder = new RecordBatchBuilder(count * (valueSize + 16) + RecordBatch.HEADER_SIZE);
        byte[] value = new byte[valueSize];
        for (int i = 0; i < count; i++) {
            builder.append(timestamp, null, value);
        }
        return builder.build();
    }

    /** Decodes every record of a slice, checking each batch's CRC. */
    public static List<LogRecord> records(LogSlice slice) {
        ByteBuffer bytes = slice.toByteBuffer();
        List<LogRecord> records = new ArrayList<>();
        while (bytes.hasRemaining()) {
            int size = RecordBatch.LOG_OVERHEAD + bytes.getInt(bytes.position() + RecordBatch.LENGTH_OFFSET);
            RecordBatch batch = RecordBatch.of(bytes.slice(bytes.position(), size));
            batch.ensureValid();
            records.addAll(batch.records());
            bytes.position(bytes.position() + size);
        }
        return records;
    }

    /** The UTF-8 text of a record's value. */
    public static String value(LogRecord record) {
        return StandardCharsets.UTF_8.decode(record.value().duplicate()).toString();
    }
}
