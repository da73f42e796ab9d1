package dev.streamlog.gateway.consumer;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a seek ({@code POST …/instances/{i}/positions}) with Confluent's timestamps: the {@code "timestamp"} of
 * each entry of {@code "timestamps"} may be an ISO-8601 date-time with an offset, as Confluent's API reference and
 * its {@code AbstractConsumerTest.seekToTimestamp} send it ({@code "2026-12-06T10:00:00Z"}), or epoch milliseconds.
 * ISO ones become epoch milliseconds before the body goes to the group's coordinator, which checks the rest;
 * one that does not parse is refused 422/42201 naming it. Stateless.
 */
final class SeekBody {

    private SeekBody() {
    }

    /** {@code body} with every ISO-8601 timestamp turned into epoch milliseconds (changed in place). */
    static JsonNode withEpochTimestamps(JsonNode body) {
        JsonNode timestamps = body == null ? null : body.get("timestamps");
        if (timestamps == null || !timestamps.isArray()) {
            return body;
        }
        for (int i = 0; i < timestamps.size(); i++) {
            if (timestamps.get(i) instanceof ObjectNode entry && entry.path("timestamp").isString()) {
                String text = entry.path("timestamp").asString();
                try {
                    entry.put("timestamp", OffsetDateTime.parse(text).toInstant().toEpochMilli());
                } catch (DateTimeParseException | ArithmeticException e) {
                    throw new ApiException(ErrorCode.UNPROCESSABLE_ENTITY, "timestamps[" + i + "].timestamp '"
                            + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "' is not an ISO-8601"
                            + " date-time with an offset (such as 2026-12-06T10:00:00Z) nor epoch milliseconds");
                }
            }
        }
        return body;
    }
}
