package dev.streamlog.gateway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seek bodies: ISO-8601 timestamps become epoch milliseconds; the rest is left for the coordinator. */
class SeekBodyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode converted(String body) {
        return SeekBody.withEpochTimestamps(JSON.readTree(body));
    }

    @Test
    void isoTimestampsBecomeEpochMillisecondsAndTheRestStays() {
        JsonNode body = converted("{\"offsets\":[{\"topic\":\"t\",\"partition\":0,\"offset\":3}],\"timestamps\":["
                + "{\"topic\":\"t\",\"partition\":1,\"timestamp\":\"1970-01-01T00:00:01.5Z\"},"
                + "{\"topic\":\"t\",\"partition\":2,\"timestamp\":\"2026-12-06T10:00:00+01:00\"},"
                + "{\"topic\":\"t\",\"partition\":3,\"timestamp\":42}]}");

        assertThat(body.path("timestamps").path(0).path("timestamp").asLong()).isEqualTo(1500);
        assertThat(body.path("timestamps").path(1).path("timestamp").asLong()).isEqualTo(1_796_547_600_000L);
        assertThat(body.path("timestamps").path(2).path("timestamp").asLong()).isEqualTo(42);
        assertThat(body.path("offsets").path(0).path("offset").asLong()).isEqualTo(3);
        assertThat(converted("{\"timestamps\":\"x\"}").path("timestamps").asString()).isEqualTo("x");
    }

    @Test
    void aTimestampThatIsNotIsoIsRefusedNamingIt() {
        assertThatThrownBy(() -> converted("{\"timestamps\":[{\"topic\":\"t\",\"partition\":0,\"timestamp\":\"soon\"}]}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNPROCESSABLE_ENTITY);
                    assertThat(e.getMessage()).contains("timestamps[0].timestamp 'soon'");
                });
    }
}
