package dev.streamlog.gateway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.RecordHeader;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.model.v2.ConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** Rendering stored records in each format, and refusing to render non-JSON as JSON. */
class RecordRendererTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private static StoredRecord stored(long offset, String key, String value) {
        return new StoredRecord(offset, 1_700_000_000_000L + offset,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                List.of(new RecordHeader("h", new byte[] {1, 2})));
    }

    @Test
    void binaryRendersBase64() {
        List<ConsumerRecord> records = RecordRenderer.render("t", 2, List.of(stored(5, "foobar", null)),
                EmbeddedFormat.BINARY);

        String expected = "[{\"topic\":\"t\",\"key\":\"Zm9vYmFy\",\"value\":null,"
                + "\"partition\":2,\"offset\":5,\"timestamp\":1700000000005,\"headers\":[{\"key\":\"h\",\"value\":\"AQI=\"}]}]";
        assertThat(json.writeValueAsString(records)).isEqualTo(expected);
        assertThat(new String(json.writeValueAsBytes(records), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void binaryIsStandardBase64WithPaddingAndNoLineBreaksAtAnyLength() {
        Random random = new Random(7);
        for (int length : new int[] {1, 2, 3, 57, 58, 1024, 100_000}) {
            byte[] value = new byte[length];
            random.nextBytes(value);
            StoredRecord stored = new StoredRecord(0, 1, null, value, List.of());
            List<ConsumerRecord> records = RecordRenderer.render("t", 0, List.of(stored), EmbeddedFormat.BINARY);
            String asChars = json.readTree(json.writeValueAsString(records)).path(0).path("value").asString();
            String asBytes = json.readTree(json.writeValueAsBytes(records)).path(0).path("value").asString();
            assertThat(asChars).as("%d bytes", length).isEqualTo(Base64.getEncoder().encodeToString(value));
            assertThat(asBytes).as("%d bytes", length).isEqualTo(asChars);
        }
    }

    @Test
    void jsonEmbedsTheStoredJsonExactly() {
        List<ConsumerRecord> records = RecordRenderer.render("t", 0,
                List.of(stored(0, "\"k\"", "{\"price\":1.50,\"big\":123456789012345678901234567890}")),
                EmbeddedFormat.JSON);

        assertThat(json.writeValueAsString(records.get(0))).startsWith("{\"topic\":\"t\",\"key\":\"k\",\"value\":"
                + "{\"price\":1.50,\"big\":123456789012345678901234567890},");
    }

    @Test
    void textRendersUtf8Strings() {
        List<ConsumerRecord> records = RecordRenderer.render("t", 0, List.of(stored(0, "clé", "{not json")),
                EmbeddedFormat.TEXT);

        assertThat(records.get(0).key()).isEqualTo("clé");
        assertThat(records.get(0).value()).isEqualTo("{not json");
    }

    @Test
    void aValueThatIsNotJsonCannotBeReadAsJson() {
        assertThatThrownBy(() -> RecordRenderer.render("t", 0, List.of(stored(9, null, "plain text")),
                EmbeddedFormat.JSON))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_ACCEPTABLE))
                .hasMessageContaining("offset 9").hasMessageContaining("binary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "1 2", "{\"a\":1} x", "nul", "[1,]"})
    void onlyOneCompleteJsonValueIsJson(String text) {
        assertThat(RecordRenderer.isOneJsonValue(text.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"s\"", "null", "[1,{\"a\":[]}]", " {\"a\":1} ", "1e400"})
    void completeJsonValuesAreJson(String text) {
        assertThat(RecordRenderer.isOneJsonValue(text.getBytes(StandardCharsets.UTF_8))).isTrue();
    }
}
