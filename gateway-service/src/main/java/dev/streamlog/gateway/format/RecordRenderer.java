package dev.streamlog.gateway.format;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.model.v2.ConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * Renders stored records for a reader in the format it accepts: binary → base64 strings ({@link Base64Text}); json →
 * the stored JSON text embedded as is (after checking it is exactly one JSON value; a key or value that is not JSON →
 * 406/40601, read it as binary); text → the bytes as a UTF-8 string. Nulls stay null; headers are always base64.
 * Stateless; thread-safe.
 */
public final class RecordRenderer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RecordRenderer() {
    }

    public static List<ConsumerRecord> render(String topic, int partition, List<StoredRecord> records,
                                              EmbeddedFormat format) {
        return records.stream().map(record -> new ConsumerRecord(topic,
                        render(record.key(), format, "key", record.offset()),
                        render(record.value(), format, "value", record.offset()),
                        partition, record.offset(), record.timestamp(),
                        record.headers() == null ? List.of() : record.headers()))
                .toList();
    }

    private static Object render(byte[] data, EmbeddedFormat format, String what, long offset) {
        if (data == null) {
            return null;
        }
        return switch (format) {
            case BINARY -> new Base64Text(data);
            case TEXT -> new String(data, StandardCharsets.UTF_8);
            case JSON -> {
                if (!isOneJsonValue(data)) {
                    throw new ApiException(ErrorCode.NOT_ACCEPTABLE, "the " + what + " of the record at offset "
                            + offset + " is not JSON; read it as binary (Accept: "
                            + EmbeddedFormat.BINARY.mediaType() + ")");
                }
                yield new RawValue(new String(data, StandardCharsets.UTF_8));
            }
        };
    }

    /** Whether the bytes are exactly one complete JSON value (nothing before or after it). */
    static boolean isOneJsonValue(byte[] data) {
        try (JsonParser parser = JSON.createParser(data)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }
}
