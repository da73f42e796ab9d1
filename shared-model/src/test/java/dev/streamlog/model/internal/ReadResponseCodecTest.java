package dev.streamlog.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.RecordHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadResponseCodecTest {

    private static final StoredRecord FULL = new StoredRecord(41, 1_700_000_000_123L, bytes("k"), bytes("v"),
            List.of(new RecordHeader("h", null), new RecordHeader("trace", bytes("1"))));
    private static final StoredRecord BARE = new StoredRecord(42, 7, null, null, List.of());

    @Test
    void anAnswerSurvivesTheRoundTripWithItsOffsetsAndWatermarks() {
        ReadResponse read = ReadResponseCodec.decode(ByteBuffer.wrap(ReadResponseCodec.encode(
                new ReadResponse(50, 3, List.of(FULL, BARE)))));

        assertThat(read.highWatermark()).isEqualTo(50);
        assertThat(read.logStartOffset()).isEqualTo(3);
        assertThat(read.records()).extracting(StoredRecord::offset).containsExactly(41L, 42L);
        StoredRecord full = read.records().get(0);
        assertThat(full.timestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(full.key()).isEqualTo(bytes("k"));
        assertThat(full.value()).isEqualTo(bytes("v"));
        assertThat(full.headers()).extracting(RecordHeader::key).containsExactly("h", "trace");
        assertThat(full.headers().get(1).value()).isEqualTo(bytes("1"));
        assertThat(read.records().get(1).key()).isNull();
        assertThat(read.records().get(1).value()).isNull();
    }

    @Test
    void anEmptyReadIsTwentyBytes() {
        byte[] encoded = ReadResponseCodec.encode(new ReadResponse(9, 0, List.of()));

        assertThat(encoded).hasSize(20);
        assertThat(ReadResponseCodec.decode(ByteBuffer.wrap(encoded)).records()).isEmpty();
    }

    @Test
    void truncatedOrTrailingBytesAreRefused() {
        byte[] encoded = ReadResponseCodec.encode(new ReadResponse(50, 3, List.of(FULL, BARE)));
        for (int length = 0; length < encoded.length; length++) {
            byte[] cut = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> ReadResponseCodec.decode(ByteBuffer.wrap(cut)))
                    .as("cut at %d", length).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] trailing = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> ReadResponseCodec.decode(ByteBuffer.wrap(trailing)))
                .hasMessageContaining("1 bytes follow");
        assertThatThrownBy(() -> ReadResponseCodec.decode(ByteBuffer.allocate(20).putLong(1).putLong(0).putInt(-2)
                .flip())).hasMessageContaining("record count is -2");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
