package dev.streamlog.gateway.format;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.RequestMemory;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.RecordHeader;
import dev.streamlog.support.web.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a produce body, {@code {"records":[{"key","value","partition","headers","timestamp"}]}}, into
 * {@link EncodedRecord}s, turning keys and values into bytes by the request's {@link EmbeddedFormat}:
 * <ul>
 *   <li>binary: base64 strings, decoded;</li>
 *   <li>json: any JSON value, stored as its compact JSON text (copied token by token, never built as a tree);
 *       numbers are kept exactly as written (trailing zeros kept; integers of any size);</li>
 *   <li>text: strings, stored as UTF-8.</li>
 * </ul>
 * JSON {@code null} or a missing field is a null key or value in every format. Headers are
 * {@code [{"key":"name","value":"<base64>"|null}]}; {@code timestamp} is epoch milliseconds, not negative. A field
 * given twice counts once, with its last value.
 *
 * <p>The body is read as a token stream, one record at a time, with no tree of the body or of any value. An empty
 * body → 422/42201, as Confluent answers it; not JSON at all → 400/40001, also when the body turns out not to be
 * JSON after a shape error was found; JSON of the wrong shape (unknown or mistyped field, bad base64, non-string
 * text, a number too large to represent, no records) → 422/42201 naming the field; more records than allowed or
 * nesting deeper than 64 → 413/41301 naming the limit; the request memory exhausted while reading → 429/42901.
 * One instance reads one body (not thread-safe); the static entry point is.
 */
public final class ProduceBodyReader {

    private static final List<String> BODY_FIELDS = List.of("records");
    private static final List<String> RECORD_FIELDS = List.of("key", "value", "partition", "headers", "timestamp");
    private static final List<String> HEADER_FIELDS = List.of("key", "value");
    /** What one record or header read costs the request memory, about: its objects and list slots. */
    static final long BYTES_PER_ITEM = 128;
    /** The request memory is charged for this many records and headers at a time. */
    private static final long CHARGED_ITEMS = 1024;

    /**
     * Reads the body token by token and copies json-format keys and values, token by token, as compact text: no tree
     * of a value is built, so a value costs about its own bytes, which the body filter charged already. Nesting
     * deeper than {@link StrictJson#MAX_DEPTH} is refused (413).
     */
    static final JsonMapper EXACT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(StrictJson.MAX_DEPTH).build())
                    .build())
            .build();

    private final EmbeddedFormat format;
    private final int maxRecords;
    private final RequestMemory.Reservation memory;
    /** Records and headers read so far: what {@link #memory} is charged by. */
    private long items;

    private ProduceBodyReader(EmbeddedFormat format, int maxRecords, RequestMemory.Reservation memory) {
        this.format = format;
        this.maxRecords = maxRecords;
        this.memory = memory;
    }

    /**
     * Reads and converts the whole body.
     *
     * @param maxRecords the most records the body may have (413/41301 past it)
     * @param memory     the request's share of the gateway's request memory, charged {@link #BYTES_PER_ITEM} for
     *                   every record and header as they are read (429/42901 when the pool has no more)
     */
    public static List<EncodedRecord> read(InputStream body, EmbeddedFormat format, int maxRecords,
                                           RequestMemory.Reservation memory) {
        return new ProduceBodyReader(format, maxRecords, memory).read(body);
    }

    private List<EncodedRecord> read(InputStream body) {
        try (JsonParser parser = EXACT.createParser(body)) {
            try {
                List<EncodedRecord> records = body(parser);
                if (parser.nextToken() != null) {
                    throw new ApiException(ErrorCode.BAD_REQUEST, "the request body is not valid JSON: "
                            + parser.currentToken() + " follows the body's object");
                }
                return records;
            } catch (ApiException shapeError) {
                throw notJsonOr(parser, shapeError);
            }
        } catch (JacksonIOException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the request body could not be read: " + e.getOriginalMessage());
        } catch (StreamConstraintsException e) {
            throw new ApiException(ErrorCode.TOO_LARGE, "the request body passes a limit of the gateway: "
                    + e.getOriginalMessage().replaceAll(" ?\\(.*?StreamReadConstraints[^)]*\\)", ""));
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private List<EncodedRecord> body(JsonParser parser) {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw shape("the request body is empty; expected {\"records\":[…]}");
        }
        if (first != JsonToken.START_OBJECT) {
            throw shape("the body must be a JSON object {\"records\":[…]}");
        }
        List<EncodedRecord> records = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            known(name, BODY_FIELDS, "the body");
            records = records(parser);
        }
        if (records == null || records.isEmpty()) {
            throw shape("'records' must be a non-empty array");
        }
        return records;
    }

    private List<EncodedRecord> records(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw shape("'records' must be a non-empty array");
        }
        List<EncodedRecord> records = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (records.size() == maxRecords) {
                throw new ApiException(ErrorCode.TOO_LARGE, "the request has more than " + maxRecords
                        + " records (streamlog.gateway.max-records-per-request); send them in several requests");
            }
            counted();
            records.add(record(parser, "records[" + records.size() + "]"));
        }
        return records;
    }

    /** Counts one more record or header, charging the request memory every {@link #CHARGED_ITEMS}. */
    private void counted() {
        items = counted(items, memory);
    }

    /**
     * Counts one more record or header of a body after {@code items} of them, charging {@code memory} for the next
     * {@link #CHARGED_ITEMS} when a new block of them starts; returns the new count.
     */
    static long counted(long items, RequestMemory.Reservation memory) {
        if (items % CHARGED_ITEMS == 0) {
            memory.require(CHARGED_ITEMS * BYTES_PER_ITEM);
        }
        return items + 1;
    }

    private EncodedRecord record(JsonParser parser, String where) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw shape(where + " must be an object");
        }
        byte[] key = null;
        byte[] value = null;
        Integer partition = null;
        Long timestamp = null;
        List<RecordHeader> headers = List.of();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            known(name, RECORD_FIELDS, where);
            JsonToken token = parser.nextToken();
            switch (name) {
                case "key" -> key = data(parser, token, where + ".key");
                case "value" -> value = data(parser, token, where + ".value");
                case "partition" -> partition = partition(parser, token, where);
                case "timestamp" -> timestamp = timestamp(parser, token, where);
                default -> headers = headers(parser, token, where + ".headers");
            }
        }
        return new EncodedRecord(key, value, partition, headers, timestamp);
    }

    private byte[] data(JsonParser parser, JsonToken token, String where) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (format) {
            case BINARY -> {
                if (token != JsonToken.VALUE_STRING) {
                    throw shape(where + " must be a base64 string (binary format)");
                }
                yield base64(parser.getString(), where);
            }
            case TEXT -> {
                if (token != JsonToken.VALUE_STRING) {
                    throw shape(where + " must be a string (text format)");
                }
                yield parser.getString().getBytes(StandardCharsets.UTF_8);
            }
            case JSON -> compactCopy(parser, where);
        };
    }

    /** The JSON value at the parser's current token as compact text, copied token by token (numbers exactly). */
    static byte[] compactCopy(JsonParser parser, String where) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (JsonGenerator copy = EXACT.createGenerator(text)) {
            copy.copyCurrentStructureExact(parser);
        } catch (NumberFormatException | ArithmeticException e) {
            throw shape(where + " holds a number too large or too precise to be stored exactly");
        }
        return text.toByteArray();
    }

    private static Integer partition(JsonParser parser, JsonToken token, String where) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw shape(where + ".partition must be a whole number");
        }
        return parser.getIntValue();
    }

    private static Long timestamp(JsonParser parser, JsonToken token, String where) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                || parser.getLongValue() < 0) {
            throw shape(where + ".timestamp must be a whole number of milliseconds since the epoch, not negative");
        }
        return parser.getLongValue();
    }

    private List<RecordHeader> headers(JsonParser parser, JsonToken token, String where) {
        if (token == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw shape(where + " must be an array of {\"key\",\"value\"}");
        }
        List<RecordHeader> headers = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            String at = where + "[" + headers.size() + "]";
            counted();
            if (next != JsonToken.START_OBJECT) {
                throw shape(at + " must be an object {\"key\",\"value\"}");
            }
            String key = null;
            byte[] value = null;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                known(name, HEADER_FIELDS, at);
                JsonToken field = parser.nextToken();
                if (name.equals("key")) {
                    if (field != JsonToken.VALUE_STRING) {
                        throw shape(at + ".key must be a string");
                    }
                    key = parser.getString();
                } else if (field == JsonToken.VALUE_NULL) {
                    value = null;
                } else if (field == JsonToken.VALUE_STRING) {
                    value = base64(parser.getString(), at + ".value");
                } else {
                    throw shape(at + ".value must be a base64 string or null");
                }
            }
            if (key == null) {
                throw shape(at + ".key must be a string");
            }
            headers.add(new RecordHeader(key, value));
        }
        return headers;
    }

    static byte[] base64(String text, String where) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw shape(where + " is not valid base64: " + e.getMessage());
        }
    }

    static void known(String name, List<String> allowed, String where) {
        if (!allowed.contains(name)) {
            throw shape(where + " has the unknown field '" + name + "'; allowed: " + allowed);
        }
    }

    /**
     * The error to answer once a shape error was found mid-stream: 400 if the rest of the body is not JSON (a body
     * that is not JSON at all is a bad request, whatever its start looked like), else the shape error.
     */
    private static ApiException notJsonOr(JsonParser parser, ApiException shapeError) {
        if (shapeError.errorCode() != ErrorCode.UNPROCESSABLE_ENTITY) {
            return shapeError;
        }
        boolean ended = false;
        while (!parser.streamReadContext().inRoot() && !ended) {
            ended = parser.nextToken() == null;
        }
        if (!ended && parser.nextToken() != null) {
            return new ApiException(ErrorCode.BAD_REQUEST, "the request body is not valid JSON: "
                    + parser.currentToken() + " follows the body's object");
        }
        return shapeError;
    }

    static ApiException shape(String message) {
        return new ApiException(ErrorCode.UNPROCESSABLE_ENTITY, message);
    }
}
