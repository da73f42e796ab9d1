package dev.streamlog.gateway.format;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.RequestBodyTooLargeException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.RecordHeader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a produce body, {@code {"records":[{"key","value","partition","headers","timestamp"}]}}, into
 * {@link EncodedRecord}s, turning keys and values into bytes by the request's {@link EmbeddedFormat}:
 * <ul>
 *   <li>binary: base64 strings, decoded;</li>
 *   <li>json: any JSON value, stored as its compact JSON text; numbers are kept exactly as written
 *       ({@code BigDecimal}, trailing zeros kept; integers of any size);</li>
 *   <li>text: strings, stored as UTF-8.</li>
 * </ul>
 * JSON {@code null} or a missing field is a null key or value in every format. Headers are
 * {@code [{"key":"name","value":"<base64>"|null}]}; {@code timestamp} is epoch milliseconds, not negative.
 * Not JSON at all → 400/40001; JSON of the wrong shape (unknown or mistyped field, bad base64, non-string text,
 * no records) → 422/42201 naming the field; a body that passes the size cap while read → 413/41301.
 * Stateless; thread-safe.
 */
public final class ProduceBodyReader {

    private static final List<String> BODY_FIELDS = List.of("records");
    private static final List<String> RECORD_FIELDS = List.of("key", "value", "partition", "headers", "timestamp");
    private static final List<String> HEADER_FIELDS = List.of("key", "value");

    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ProduceBodyReader() {
    }

    /** Reads and converts the whole body. */
    public static List<EncodedRecord> read(InputStream body, EmbeddedFormat format) {
        JsonNode root = parse(body);
        if (root == null || root.isMissingNode()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the request body is empty; expected {\"records\":[…]}");
        }
        if (!root.isObject()) {
            throw shape("the body must be a JSON object {\"records\":[…]}");
        }
        onlyFields(root, BODY_FIELDS, "the body");
        JsonNode records = root.path("records");
        if (!records.isArray() || records.isEmpty()) {
            throw shape("'records' must be a non-empty array");
        }
        List<EncodedRecord> encoded = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            encoded.add(record(records.get(i), "records[" + i + "]", format));
        }
        return encoded;
    }

    private static JsonNode parse(InputStream body) {
        try {
            return EXACT.readTree(body);
        } catch (JacksonIOException e) {
            if (e.getCause() instanceof RequestBodyTooLargeException tooLarge) {
                throw new ApiException(ErrorCode.TOO_LARGE, tooLarge.getMessage());
            }
            throw new ApiException(ErrorCode.BAD_REQUEST, "the request body could not be read: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static EncodedRecord record(JsonNode record, String where, EmbeddedFormat format) {
        if (!record.isObject()) {
            throw shape(where + " must be an object");
        }
        onlyFields(record, RECORD_FIELDS, where);
        byte[] key = data(record.path("key"), where + ".key", format);
        byte[] value = data(record.path("value"), where + ".value", format);
        Integer partition = null;
        JsonNode partitionNode = record.path("partition");
        if (present(partitionNode)) {
            if (!partitionNode.isIntegralNumber() || !partitionNode.canConvertToInt()) {
                throw shape(where + ".partition must be a whole number");
            }
            partition = partitionNode.intValue();
        }
        Long timestamp = null;
        JsonNode timestampNode = record.path("timestamp");
        if (present(timestampNode)) {
            if (!timestampNode.isIntegralNumber() || !timestampNode.canConvertToLong() || timestampNode.longValue() < 0) {
                throw shape(where + ".timestamp must be a whole number of milliseconds since the epoch, not negative");
            }
            timestamp = timestampNode.longValue();
        }
        return new EncodedRecord(key, value, partition, headers(record.path("headers"), where + ".headers"), timestamp);
    }

    private static byte[] data(JsonNode node, String where, EmbeddedFormat format) {
        if (!present(node)) {
            return null;
        }
        return switch (format) {
            case BINARY -> {
                if (!node.isString()) {
                    throw shape(where + " must be a base64 string (binary format)");
                }
                yield base64(node.stringValue(), where);
            }
            case TEXT -> {
                if (!node.isString()) {
                    throw shape(where + " must be a string (text format)");
                }
                yield node.stringValue().getBytes(StandardCharsets.UTF_8);
            }
            case JSON -> EXACT.writeValueAsBytes(node);
        };
    }

    private static List<RecordHeader> headers(JsonNode node, String where) {
        if (!present(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw shape(where + " must be an array of {\"key\",\"value\"}");
        }
        List<RecordHeader> headers = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode header = node.get(i);
            String at = where + "[" + i + "]";
            if (!header.isObject()) {
                throw shape(at + " must be an object {\"key\",\"value\"}");
            }
            onlyFields(header, HEADER_FIELDS, at);
            if (!header.path("key").isString()) {
                throw shape(at + ".key must be a string");
            }
            JsonNode value = header.path("value");
            if (present(value) && !value.isString()) {
                throw shape(at + ".value must be a base64 string or null");
            }
            headers.add(new RecordHeader(header.path("key").stringValue(),
                    present(value) ? base64(value.stringValue(), at + ".value") : null));
        }
        return headers;
    }

    private static byte[] base64(String text, String where) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw shape(where + " is not valid base64: " + e.getMessage());
        }
    }

    private static boolean present(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    private static void onlyFields(JsonNode object, List<String> allowed, String where) {
        for (String name : object.propertyNames()) {
            if (!allowed.contains(name)) {
                throw shape(where + " has the unknown field '" + name + "'; allowed: " + allowed);
            }
        }
    }

    private static ApiException shape(String message) {
        return new ApiException(ErrorCode.UNPROCESSABLE_ENTITY, message);
    }
}
