package dev.streamlog.storage.log.bench;

import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.model.batch.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Record batches for the benchmark, all built before any timed section. */
final class BenchBatches {

    /** Records in every batch the benchmark writes. */
    static final int RECORDS_PER_BATCH = 100;
    /** Timestamp of the first record of the timestamped logs, epoch ms. */
    static final long BASE_TIMESTAMP = 1_700_000_000_000L;

    /** Bytes a record adds around its value: length, attributes, deltas, key and value lengths, header count. */
    private static final int RECORD_OVERHEAD = 16;

    private BenchBatches() {
    }

    /**
     * Distinct batches of {@link #RECORDS_PER_BATCH} records with random values of
     * {@code valueSize} bytes, about {@code totalBytes} in all (at least one batch). They
     * all have the same size.
     */
    static ByteBuffer[] randomBatches(int valueSize, long totalBytes, SplittableRandom random) {
        ByteBuffer first = randomBatch(valueSize, random);
        int count = (int) Math.max(1, totalBytes / first.remaining());
        ByteBuffer[] batches = new ByteBuffer[count];
        batches[0] = first;
        for (int i = 1; i < count; i++) {
            batches[i] = randomBatch(valueSize, random);
        }
        return batches;
    }

    /**
     * A batch of {@link #RECORDS_PER_BATCH} records sharing {@code value}, whose timestamps
     * are {@code firstTimestamp}, {@code firstTimestamp + 1}, and so on.
     */
    static ByteBuffer timestamped(long firstTimestamp, byte[] value) {
        RecordBatchBuilder builder = new RecordBatchBuilder(expectedSize(value.length));
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
            builder.append(firstTimestamp + i, null, value);
        }
        return builder.build();
    }

    private static ByteBuffer randomBatch(int valueSize, SplittableRandom random) {
        RecordBatchBuilder builder = new RecordBatchBuilder(expectedSize(valueSize));
        byte[] value = new byte[valueSize];
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
            random.nextBytes(value);
            builder.append(BASE_TIMESTAMP, null, value);
        }
        return builder.build();
    }

    private static int expectedSize(int valueSize) {
        return RecordBatch.HEADER_SIZE + RECORDS_PER_BATCH * (valueSize + RECORD_OVERHEAD);
    }
}
