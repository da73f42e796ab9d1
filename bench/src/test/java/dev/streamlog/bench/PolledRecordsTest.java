package dev.streamlog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records, value bytes as stored (base64 not decoded, JSON text, UTF-8), last offset and timestamps, streamed. */
class PolledRecordsTest {

    @Test
    void binaryValuesCountWhatTheirBase64DecodesTo() {
        for (int length = 0; length < 40; length++) {
            String encoded = Base64.getEncoder().encodeToString(new byte[length]);
            PolledRecords polled = PolledRecords.of(answer("\"" + encoded + "\""), "binary", null);
            assertThat(polled.valueBytes()).as("%d bytes", length).isEqualTo(length);
        }
    }

    @Test
    void countsRecordsLastOffsetAndTimestampsWhateverTheOrderOfFields() {
        String body = "[{\"topic\":\"t\",\"key\":null,\"value\":\"AAAA\",\"partition\":0,\"offset\":7,\"timestamp\":11,"
                + "\"headers\":[{\"key\":\"h\",\"value\":\"AA==\"}]},"
                + "{\"offset\":8,\"headers\":[],\"value\":null,\"timestamp\":12,\"topic\":\"t\",\"partition\":0}]";
        List<Long> timestamps = new ArrayList<>();

        PolledRecords polled = PolledRecords.of(stream(body), "binary", timestamps::add);

        assertThat(polled).isEqualTo(new PolledRecords(2, 3, 8));
        assertThat(timestamps).containsExactly(11L, 12L);
    }

    @Test
    void jsonValuesCountTheirCompactTextAndTextValuesTheirUtf8() {
        assertThat(PolledRecords.of(answer("{\"data\": \"ab\"}"), "json", null).valueBytes())
                .isEqualTo("{\"data\":\"ab\"}".length());
        assertThat(PolledRecords.of(answer("null"), "json", null).valueBytes()).isZero();
        assertThat(PolledRecords.of(answer("\"hé\""), "text", null).valueBytes()).isEqualTo(3);
        assertThat(PolledRecords.of(answer("\"\uD83D\uDE00\""), "text", null).valueBytes()).isEqualTo(4);
    }

    @Test
    void anEmptyAnswerHasNoRecordsAndAnythingButAnArrayIsRefused() {
        assertThat(PolledRecords.of(stream("[]"), "binary", null))
                .isEqualTo(new PolledRecords(0, 0, -1));
        assertThatThrownBy(() -> PolledRecords.of(stream("{\"error_code\":1}"), "binary",
                null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolledRecords.of(stream("[1]"), "binary", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InputStream answer(String value) {
        return stream("[{\"topic\":\"t\",\"key\":null,\"value\":" + value + ",\"partition\":0,\"offset\":0,"
                + "\"timestamp\":1,\"headers\":[]}]");
    }

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }
}
