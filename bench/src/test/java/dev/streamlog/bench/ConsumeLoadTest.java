package dev.streamlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Value bytes are counted from the base64 text without decoding it. */
class ConsumeLoadTest {

    @Test
    void decodedLengthMatchesWhatBase64Decodes() {
        for (int length = 0; length < 40; length++) {
            String encoded = Base64.getEncoder().encodeToString(new byte[length]);
            assertThat(ConsumeLoad.decodedLength(encoded)).as("%d bytes", length).isEqualTo(length);
        }
    }
}
