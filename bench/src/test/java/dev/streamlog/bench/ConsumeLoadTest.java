package dev.streamlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Value bytes are counted as stored: from the base64 text without decoding it, the JSON text, the UTF-8. */
class ConsumeLoadTest {

    @Test
    void decodedLengthMatchesWhatBase64Decodes() {
        for (int length = 0; length < 40; length++) {
            String encoded = Base64.getEncoder().encodeToString(new byte[length]);
            assertThat(ConsumeLoad.decodedLength(encoded)).as("%d bytes", length).isEqualTo(length);
        }
    }

    @Test
    void valueBytesAreTheStoredBytesInEveryFormat() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(ConsumeLoad.valueBytes(json.readTree("\"AAAA\""), "binary")).isEqualTo(3);
        assertThat(ConsumeLoad.valueBytes(json.readTree("{\"data\": \"ab\"}"), "json"))
                .isEqualTo("{\"data\":\"ab\"}".length());
        assertThat(ConsumeLoad.valueBytes(json.readTree("\"hé\""), "text")).isEqualTo(3);
        assertThat(ConsumeLoad.valueBytes(json.readTree("null"), "json")).isZero();
    }
}
