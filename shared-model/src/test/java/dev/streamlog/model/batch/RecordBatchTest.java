package dev.streamlog.model.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordBatchTest {

    @Test
    void roundTripsKeysValuesHeadersAndTimestamps() {
        ByteBuffer bytes = new RecordBatchBuilder()
                .append(1_000, bytes("k1"), bytes("v1"))
                .append(1_500, wrap("k2"), null, List.of(RecordHeader.of("trace", bytes("abc")), RecordHeader.of("empty", null)))
                .append(900, null, bytes(""))
                .build();
        RecordBatch batch = RecordBatch.of(bytes);
        batch.ensureValid();
        batch.setBaseOffset(40);
        batch.setPartitionLeaderEpoch(7);
        batch.ensureValid();

        assertThat(batch.recordCount()).isEqualTo(3);
        assertThat(batch.lastOffset()).isEqualTo(42);
        assertThat(batch.firstTimestamp()).isEqualTo(1_000);
        assertThat(batch.maxTimestamp()).isEqualTo(1_500);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(7);
        assertThat(batch.magic()).isEqualTo(RecordBatch.MAGIC);
        assertThat(batch.producerId()).isEqualTo(RecordBatch.NO_PRODUCER_ID);
        assertThat(batch.producerEpoch()).isEqualTo((short) -1);
        assertThat(batch.baseSequence()).isEqualTo(-1);
        assertThat(batch.sizeInBytes()).isEqualTo(bytes.remaining());

        List<LogRecord> records = batch.records();
        assertThat(records).extracting(LogRecord::offset).containsExactly(40L, 41L, 42L);
        assertThat(records).extracting(LogRecord::timestamp).containsExactly(1_000L, 1_500L, 900L);
        assertThat(text(records.get(0).key())).isEqualTo("k1");
        assertThat(text(records.get(0).value())).isEqualTo("v1");
        assertThat(records.get(1).value()).isNull();
        assertThat(records.get(1).headers()).extracting(RecordHeader::key).containsExactly("trace", "empty");
        assertThat(text(records.get(1).headers().get(0).value())).isEqualTo("abc");
        assertThat(records.get(1).headers().get(1).value()).isNull();
        assertThat(records.get(2).key()).isNull();
        assertThat(records.get(2).value().remaining()).isZero();
    }

    @Test
    void roundTripsLargeValuesAndManyRecords() {
        Random random = new Random(3);
        RecordBatchBuilder builder = new RecordBatchBuilder(16);
        byte[][] values = new byte[300][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new byte[random.nextInt(i == 0 ? 70_000 : 500)];
            random.nextBytes(values[i]);
            builder.append(5_000 + i, null, values[i]);
        }
        RecordBatch batch = RecordBatch.of(builder.build());
        batch.ensureValid();
        List<LogRecord> records = batch.records();
        for (int i = 0; i < values.length; i++) {
            assertThat(records.get(i).value()).isEqualTo(ByteBuffer.wrap(values[i]));
        }
    }

    @Test
    void everyFlippedBitIsCaught() {
        ByteBuffer original = new RecordBatchBuilder().append(1, bytes("key"), bytes("value")).build();
        for (int position = RecordBatch.MAGIC_OFFSET; position < original.limit(); position++) {
            for (int bit = 0; bit < 8; bit++) {
                ByteBuffer damaged = copy(original);
                damaged.put(position, (byte) (damaged.get(position) ^ (1 << bit)));
                assertThatThrownBy(() -> RecordBatch.of(damaged).ensureValid())
                        .as("flip of bit %d at %d", bit, position)
                        .isInstanceOf(CorruptBatchException.class);
            }
        }
    }

    @Test
    void theLogsOwnFieldsAreOutsideTheChecksum() {
        RecordBatch batch = RecordBatch.of(new RecordBatchBuilder().append(1, null, bytes("v")).build());
        long crc = batch.checksum();
        batch.setBaseOffset(Long.MAX_VALUE / 3);
        batch.setPartitionLeaderEpoch(99);
        assertThat(batch.computeChecksum()).isEqualTo(crc);
    }

    @Test
    void truncatedOrPaddedBuffersAreRejectedBeforeAnyFieldIsRead() {
        ByteBuffer bytes = new RecordBatchBuilder().append(1, null, bytes("v")).build();
        assertThatThrownBy(() -> RecordBatch.of(bytes.slice(0, 20))).isInstanceOf(CorruptBatchException.class)
                .hasMessageContaining("fewer than");
        assertThatThrownBy(() -> RecordBatch.of(bytes.slice(0, bytes.limit() - 1)))
                .isInstanceOf(CorruptBatchException.class).hasMessageContaining("length field");
    }

    @Test
    void randomGarbageNeverEscapesAsAnotherException() {
        Random random = new Random(5);
        for (int i = 0; i < 5_000; i++) {
            ByteBuffer garbage = copy(new RecordBatchBuilder().append(1, bytes("k"), bytes("value-" + i)).build());
            for (int j = random.nextInt(4); j >= 0; j--) {
                garbage.put(random.nextInt(garbage.limit()), (byte) random.nextInt());
            }
            try {
                RecordBatch batch = RecordBatch.of(garbage);
                batch.records();
                batch.ensureValid();
            } catch (CorruptBatchException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void builderRefusesEmptyBatchesAndNegativeTimestamps() {
        assertThatThrownBy(() -> new RecordBatchBuilder().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordBatchBuilder().append(-5, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchWhoseRecordsGoBeforeTheEpochIsRefusedEvenWithAValidChecksum() {
        ByteBuffer bytes = new RecordBatchBuilder().append(5, null, bytes("a")).append(0, null, bytes("b")).build();
        bytes.putLong(RecordBatch.FIRST_TIMESTAMP_OFFSET, -1);
        bytes.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, 4);
        bytes.putInt(RecordBatch.CRC_OFFSET, (int) RecordBatch.of(bytes).computeChecksum());
        assertThatThrownBy(() -> RecordBatch.of(bytes).ensureValid()).isInstanceOf(CorruptBatchException.class)
                .hasMessageContaining("negative timestamp -1");
    }

    @Test
    void varintsRoundTripAtTheirBoundaries() {
        int[] ints = {0, 1, -1, 63, -64, 64, -65, 8191, 8192, Integer.MAX_VALUE, Integer.MIN_VALUE};
        long[] longs = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, -(1L << 40)};
        ByteBuffer buffer = ByteBuffer.allocate(256);
        for (int value : ints) {
            Varints.writeInt(value, buffer);
        }
        for (long value : longs) {
            Varints.writeLong(value, buffer);
        }
        buffer.flip();
        RecordCursor cursor = new RecordCursor(buffer, 0, buffer.limit());
        for (int value : ints) {
            int before = cursor.position();
            assertThat(cursor.readVarint()).isEqualTo(value);
            assertThat(cursor.position() - before).isEqualTo(Varints.sizeOfInt(value));
        }
        for (long value : longs) {
            int before = cursor.position();
            assertThat(cursor.readVarlong()).isEqualTo(value);
            assertThat(cursor.position() - before).isEqualTo(Varints.sizeOfLong(value));
        }
        assertThat(cursor.remaining()).isZero();
        ByteBuffer overlong = ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1});
        assertThatThrownBy(() -> new RecordCursor(overlong, 0, 6).readVarint()).isInstanceOf(CorruptBatchException.class);
        ByteBuffer cut = ByteBuffer.wrap(new byte[] {(byte) 0x80});
        assertThatThrownBy(() -> new RecordCursor(cut, 0, 1).readVarint()).isInstanceOf(CorruptBatchException.class);
    }

    @Test
    void directBuffersValidateAndDecodeLikeHeapBuffers() {
        ByteBuffer heap = new RecordBatchBuilder().append(7, bytes("k"), bytes("value")).build();
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining());
        direct.put(heap.duplicate()).flip();
        RecordBatch batch = RecordBatch.of(direct);
        batch.ensureValid();
        assertThat(text(batch.records().get(0).value())).isEqualTo("value");
        direct.put(direct.limit() - 1, (byte) 0x7f);
        assertThatThrownBy(() -> RecordBatch.of(direct).ensureValid()).isInstanceOf(CorruptBatchException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer wrap(String s) {
        return ByteBuffer.wrap(bytes(s));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }

    private static ByteBuffer copy(ByteBuffer original) {
        ByteBuffer copy = ByteBuffer.allocate(original.remaining());
        copy.put(original.duplicate()).flip();
        return copy;
    }
}
