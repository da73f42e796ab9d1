package dev.streamlog.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.RecordHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppendRequestCodecTest {

    private static final AppendRecord FULL = new AppendRecord(bytes("k"), bytes("value"),
            List.of(new RecordHeader("trace-é", bytes("1")), new RecordHeader("empty", null)), 1_700_000_000_123L);
    private static final AppendRecord BARE = new AppendRecord(null, new byte[0], null, 0);

    @Test
    void aRequestSurvivesTheRoundTripRecordForRecord() {
        byte[] encoded = AppendRequestCodec.encode(new AppendRequest(List.of(FULL, BARE)));

        AppendRequest decoded = AppendRequestCodec.decode(ByteBuffer.wrap(encoded));

        assertThat(decoded.records()).hasSize(2);
        AppendRecord full = decoded.records().get(0);
        assertThat(full.key()).isEqualTo(bytes("k"));
        assertThat(full.value()).isEqualTo(bytes("value"));
        assertThat(full.timestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(full.headers()).extracting(RecordHeader::key).containsExactly("trace-é", "empty");
        assertThat(full.headers().get(0).value()).isEqualTo(bytes("1"));
        assertThat(full.headers().get(1).value()).isNull();
        AppendRecord bare = decoded.records().get(1);
        assertThat(bare.key()).isNull();
        assertThat(bare.value()).isEmpty();
        assertThat(bare.headers()).isEmpty();
    }

    @Test
    void theEncodingIsExactlyAsLongAsItsFields() {
        byte[] encoded = AppendRequestCodec.encode(new AppendRequest(List.of(BARE)));

        assertThat(encoded).hasSize(4 + 8 + 4 + 4 + 4);
        assertThat(ByteBuffer.wrap(encoded).getInt()).isEqualTo(1);
    }

    @Test
    void everyTruncationIsRefusedNotMisread() {
        byte[] encoded = AppendRequestCodec.encode(new AppendRequest(List.of(FULL, BARE)));
        for (int length = 0; length < encoded.length; length++) {
            byte[] cut = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> AppendRequestCodec.decode(ByteBuffer.wrap(cut)))
                    .as("cut at %d", length).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void wrongCountsLengthsAndTrailingBytesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> AppendRequestCodec.decode(ByteBuffer.allocate(4).putInt(0).flip()))
                .hasMessageContaining("at least one");
        ByteBuffer hugeValue = ByteBuffer.allocate(24).putInt(1).putLong(5).putInt(-1).putInt(Integer.MAX_VALUE)
                .putInt(0).flip();
        assertThatThrownBy(() -> AppendRequestCodec.decode(hugeValue)).hasMessageContaining("value length");
        ByteBuffer negativeKey = ByteBuffer.allocate(24).putInt(1).putLong(5).putInt(-7).putInt(0).putInt(0).flip();
        assertThatThrownBy(() -> AppendRequestCodec.decode(negativeKey)).hasMessageContaining("key length of -7");
        ByteBuffer manyHeaders = ByteBuffer.allocate(24).putInt(1).putLong(5).putInt(-1).putInt(-1)
                .putInt(1_000_000).flip();
        assertThatThrownBy(() -> AppendRequestCodec.decode(manyHeaders)).hasMessageContaining("header count");
        ByteBuffer nameless = ByteBuffer.allocate(32).putInt(1).putLong(5).putInt(-1).putInt(-1).putInt(1)
                .putInt(-1).putInt(-1).flip();
        assertThatThrownBy(() -> AppendRequestCodec.decode(nameless)).hasMessageContaining("without a name");
        byte[] encoded = AppendRequestCodec.encode(new AppendRequest(List.of(BARE)));
        byte[] trailing = Arrays.copyOf(encoded, encoded.length + 3);
        assertThatThrownBy(() -> AppendRequestCodec.decode(ByteBuffer.wrap(trailing)))
                .hasMessageContaining("3 bytes follow");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
