package dev.streamlog.gateway.format;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.RequestMemory;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.RecordHeader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Reads the body of a v3 produce ({@code POST /v3/clusters/{c}/topics/{t}/records}): one or more records as
 * concatenated JSON objects (whitespace between them allowed), each as Confluent's openapi {@code ProduceRequest}
 * has it: {@code {"partition_id":0,"headers":[{"name","value":"<base64>"|null}],"key":{"type","data"},
 * "value":{"type","data"},"timestamp":"2026-12-06T10:00:00Z"|1765015200000}}, every field optional. A key or value
 * is turned into bytes by its {@code type}: {@code BINARY} (the default) a base64 string, decoded; {@code JSON} any
 * JSON value, stored as its compact text (numbers exactly as written); {@code STRING} a string, stored as UTF-8.
 * A missing key or value, or {@code data} null, is null.
 *
 * <p>Each record stands alone, as in Confluent's streaming mode: one that is wrong (an unknown field, bad base64, a
 * schema type, which needs a schema registry Streamlog does not have) becomes a {@link StreamedRecord.Refused} with
 * error code 400 naming the field, and the next record is read. A body that stops being JSON ends the stream with
 * one refusal for the rest. Whole-request errors are thrown: an empty body 400/40001, more records than allowed or
 * nesting deeper than 64 413/41301, the request memory exhausted 429/42901 (each record and header is charged as in
 * v2). The body is read token by token and no value is built as a tree (a {@code data} that comes before its
 * {@code type} is copied as compact text and read again once the type is known). One instance reads one body (not
 * thread-safe); the static entry points are.
 */
public final class RecordStreamReader {

    private static final List<String> RECORD_FIELDS = List.of("partition_id", "headers", "key", "value",
            "timestamp");
    private static final List<String> DATA_FIELDS = List.of("type", "data", "subject", "subject_name_strategy",
            "schema_id", "schema_version", "schema");
    private static final List<String> HEADER_FIELDS = List.of("name", "value");
    /** The types with a schema, which need a schema registry. */
    private static final List<String> SCHEMA_TYPES = List.of("AVRO", "JSONSCHEMA", "PROTOBUF");

    private final int maxRecords;
    private long firstIndex;
    private final RequestMemory.Reservation memory;
    private long items;
    /** Whether a record may carry a batch entry's {@code id} (read apart, by {@link #readBatch}). */
    private boolean allowsId;
    /** The index of the record being read (from {@link #firstIndex}): what messages name. */
    private long current;

    private RecordStreamReader(int maxRecords, long firstIndex, RequestMemory.Reservation memory) {
        this.maxRecords = maxRecords;
        this.firstIndex = firstIndex;
        this.memory = memory;
    }

    /**
     * Reads the whole body.
     *
     * @param body       the body
     * @param charset    the request's charset (JSON's own detection for UTF-8)
     * @param maxRecords the most records the body may have (413/41301 past it)
     * @param firstIndex the index messages give the body's first record (its place in a stream)
     * @param memory     the request's share of the gateway's request memory
     * @return one entry per record, in the body's order; never empty
     */
    public static List<StreamedRecord> read(InputStream body, Charset charset, int maxRecords, long firstIndex,
                                            RequestMemory.Reservation memory) {
        JsonParser parser = parser(body, charset);
        return new RecordStreamReader(maxRecords, firstIndex, memory).readAll(parser);
    }

    /**
     * Reads records that come one object each ({@link ObjectFramer}'s), one entry per object: a record, or its
     * refusal, also for what would refuse a whole body (nesting too deep 413, the request memory exhausted 429), so
     * each record stands alone. The request memory is charged as for one body.
     *
     * @param objects    the records, each one whole JSON object
     * @param charset    their charset
     * @param firstIndex the index messages give the first record (its place in a stream)
     * @param memory     the share the records are charged to
     */
    public static List<StreamedRecord> readEach(List<byte[]> objects, Charset charset, long firstIndex,
                                                RequestMemory.Reservation memory) {
        return readEach(objects, charset, firstIndex, memory, false);
    }

    private static List<StreamedRecord> readEach(List<byte[]> objects, Charset charset, long firstIndex,
                                                 RequestMemory.Reservation memory, boolean allowsId) {
        RecordStreamReader reader = new RecordStreamReader(1, firstIndex, memory);
        reader.allowsId = allowsId;
        List<StreamedRecord> records = new ArrayList<>(objects.size());
        for (byte[] object : objects) {
            InputStream in = new ByteArrayInputStream(object);
            JsonParser parser = parser(in, charset);
            try {
                records.add(reader.readAll(parser).get(0));
            } catch (ApiException e) {
                records.add(new StreamedRecord.Refused(e.errorCode().httpStatus(), "record " + reader.firstIndex
                        + ": " + e.getMessage()));
            }
            reader.firstIndex++;
        }
        return records;
    }

    /**
     * Reads a v3 batch produce body ({@code records:batch}): {@code {"entries":[{"id":"1", …a record's fields}]}},
     * each entry a record as in a stream, named by its {@code id} (a string of 1 to 80 characters, distinct in the
     * batch). A wrong record is refused alone, as in a stream. Whole-request errors: not JSON 400/40001; another
     * shape 422/42201; no body, no entries, more than {@code maxEntries}, an id missing, not a string of 1 to 80
     * characters, or given twice 422/42208 (Confluent's messages).
     */
    public static List<BatchEntry> readBatch(InputStream body, Charset charset, int maxEntries,
                                             RequestMemory.Reservation memory) {
        List<byte[]> entries = null;
        try (JsonParser parser = parser(body, charset)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw batch("Request body is empty. Data is required.");
            }
            if (first != JsonToken.START_OBJECT) {
                throw ProduceBodyReader.shape("the body must be a JSON object {\"entries\":[…]}");
            }
            for (String name = nextName(parser); name != null; name = nextName(parser)) {
                if (!name.equals("entries")) {
                    throw ProduceBodyReader.shape("Unrecognized field: " + name + " (the body has only 'entries')");
                }
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw ProduceBodyReader.shape("'entries' must be an array of objects");
                }
                entries = new ArrayList<>();
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (entries.size() == maxEntries) {
                        throw batch("Too many entries in batch (at most " + maxEntries + ").");
                    }
                    if (token != JsonToken.START_OBJECT) {
                        throw ProduceBodyReader.shape("entries[" + entries.size() + "] must be an object");
                    }
                    entries.add(ProduceBodyReader.compactCopy(parser, "entries[" + entries.size() + "]"));
                }
            }
            if (parser.nextToken() != null) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "the request body is not valid JSON: "
                        + parser.currentToken() + " follows the body's object");
            }
        } catch (StreamConstraintsException e) {
            throw new ApiException(ErrorCode.TOO_LARGE, "the request body passes a limit of the gateway: "
                    + e.getOriginalMessage().replaceAll(" ?\\(.*?StreamReadConstraints[^)]*\\)", ""));
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (entries == null || entries.isEmpty()) {
            throw batch("Empty batch.");
        }
        List<String> ids = new ArrayList<>(entries.size());
        for (byte[] entry : entries) {
            String id = idOf(entry);
            if (id == null || id.isEmpty() || id.length() > 80) {
                throw batch("Batch entry identifier is not a valid string (entries[" + ids.size() + "].id must be a"
                        + " string of 1 to 80 characters).");
            }
            if (ids.contains(id)) {
                throw batch("Batch entry IDs are not distinct ('" + id + "' is given twice).");
            }
            ids.add(id);
        }
        List<StreamedRecord> records = readEach(entries, StandardCharsets.UTF_8, 0, memory, true);
        List<BatchEntry> batch = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            batch.add(new BatchEntry(ids.get(i), records.get(i)));
        }
        return batch;
    }

    /** An entry's {@code id}, if it is a string; its other fields are skipped. */
    private static String idOf(byte[] entry) {
        try (JsonParser parser = ProduceBodyReader.EXACT.createParser(entry)) {
            parser.nextToken();
            String id = null;
            for (String name = nextName(parser); name != null; name = nextName(parser)) {
                JsonToken token = parser.nextToken();
                if (name.equals("id")) {
                    id = token == JsonToken.VALUE_STRING ? parser.getString() : null;
                } else {
                    parser.skipChildren();
                }
            }
            return id;
        }
    }

    /** A parser of {@code body}: on its bytes for UTF-8 (Jackson's own decoding), else on its characters. */
    private static JsonParser parser(InputStream body, Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) ? ProduceBodyReader.EXACT.createParser(body)
                : ProduceBodyReader.EXACT.createParser(new InputStreamReader(body, charset));
    }

    private static ApiException batch(String message) {
        return new ApiException(ErrorCode.INVALID_PRODUCE_BATCH, message);
    }

    /**
     * One entry of a batch produce.
     *
     * @param id     the id the request gave it
     * @param record the record, or its refusal
     */
    public record BatchEntry(String id, StreamedRecord record) {
    }

    private List<StreamedRecord> readAll(JsonParser body) {
        List<StreamedRecord> records = new ArrayList<>();
        try (JsonParser parser = body) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (records.size() == maxRecords) {
                    throw new ApiException(ErrorCode.TOO_LARGE, "the request has more than " + maxRecords
                            + " records (streamlog.gateway.max-records-per-request); send them in several requests");
                }
                items = ProduceBodyReader.counted(items, memory);
                current = firstIndex + records.size();
                String where = "record " + current;
                try {
                    records.add(record(parser, token, where));
                } catch (ApiException wrong) {
                    if (wrong.errorCode() != ErrorCode.UNPROCESSABLE_ENTITY) {
                        throw wrong;
                    }
                    records.add(new StreamedRecord.Refused(400, wrong.getMessage()));
                    skipToRoot(parser);
                }
            }
        } catch (NotJson e) {
            records.add(notJson(firstIndex + records.size(), e.getMessage()));
        } catch (StreamConstraintsException e) {
            throw new ApiException(ErrorCode.TOO_LARGE, "record " + current + " passes a limit of the gateway: "
                    + e.getOriginalMessage().replaceAll(" ?\\(.*?StreamReadConstraints[^)]*\\)", ""));
        } catch (JacksonIOException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the request body could not be read: "
                    + e.getOriginalMessage());
        } catch (JacksonException e) {
            records.add(notJson(firstIndex + records.size(), e.getOriginalMessage()));
        }
        if (records.isEmpty()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the request body is empty; send one or more records as"
                    + " JSON objects {\"key\":{…},\"value\":{…}}");
        }
        return records;
    }

    /** The refusal that ends a body which stopped being JSON at record {@code index}. */
    private static StreamedRecord.Refused notJson(long index, String problem) {
        return new StreamedRecord.Refused(400, "the request body is not valid JSON from record " + index + " on: "
                + problem);
    }

    /** Reads tokens until the parser is back between root values, after a record found wrong. */
    private static void skipToRoot(JsonParser parser) {
        while (!parser.streamReadContext().inRoot()) {
            if (parser.nextToken() == null) {
                throw new NotJson("the body ends inside a record");
            }
        }
    }

    private StreamedRecord.Written record(JsonParser parser, JsonToken token, String where) {
        if (token != JsonToken.START_OBJECT) {
            throw ProduceBodyReader.shape(where + " must be a JSON object, not " + token);
        }
        Data key = Data.NONE;
        Data value = Data.NONE;
        Integer partition = null;
        Long timestamp = null;
        List<RecordHeader> headers = List.of();
        for (String name = nextName(parser); name != null; name = nextName(parser)) {
            if (allowsId && name.equals("id")) {
                parser.nextToken();
                parser.skipChildren();
                continue;
            }
            ProduceBodyReader.known(name, RECORD_FIELDS, where);
            JsonToken field = parser.nextToken();
            switch (name) {
                case "key" -> key = data(parser, field, where + ".key");
                case "value" -> value = data(parser, field, where + ".value");
                case "partition_id" -> partition = partition(parser, field, where);
                case "timestamp" -> timestamp = timestamp(parser, field, where);
                default -> headers = headers(parser, field, where + ".headers");
            }
        }
        return new StreamedRecord.Written(new EncodedRecord(key.bytes(), value.bytes(), partition, headers, timestamp),
                key.type(), value.type());
    }

    private static String nextName(JsonParser parser) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.PROPERTY_NAME) {
            return parser.currentName();
        }
        if (token == JsonToken.END_OBJECT) {
            return null;
        }
        throw new NotJson("the body ends inside a record");
    }

    /** A key or value object: {@code {"type","data"}} in either order. */
    private Data data(JsonParser parser, JsonToken token, String where) {
        if (token == JsonToken.VALUE_NULL) {
            return Data.NONE;
        }
        if (token != JsonToken.START_OBJECT) {
            throw ProduceBodyReader.shape(where + " must be an object {\"type\",\"data\"} or null");
        }
        String type = null;
        byte[] bytes = null;
        byte[] early = null;
        for (String name = nextName(parser); name != null; name = nextName(parser)) {
            ProduceBodyReader.known(name, DATA_FIELDS, where);
            JsonToken field = parser.nextToken();
            switch (name) {
                case "type" -> {
                    if (field != JsonToken.VALUE_STRING) {
                        throw ProduceBodyReader.shape(where + ".type must be one of BINARY, JSON, STRING");
                    }
                    type = type(parser.getString(), where);
                }
                case "data" -> {
                    if (type != null) {
                        bytes = convert(parser, field, type, where + ".data");
                    } else {
                        early = field == JsonToken.VALUE_NULL ? null : ProduceBodyReader.compactCopy(parser, where);
                    }
                }
                default -> throw ProduceBodyReader.shape(where + "." + name + " names a schema; Streamlog has no"
                        + " schema registry: use type BINARY, JSON or STRING");
            }
        }
        String resolved = type == null ? "BINARY" : type;
        if (early != null) {
            try (JsonParser again = ProduceBodyReader.EXACT.createParser(early)) {
                bytes = convert(again, again.nextToken(), resolved, where + ".data");
            }
        }
        return new Data(resolved, bytes);
    }

    private static String type(String given, String where) {
        String type = given.toUpperCase(Locale.ROOT);
        if (SCHEMA_TYPES.contains(type)) {
            throw ProduceBodyReader.shape(where + ".type " + given + " needs a schema registry, which Streamlog does"
                    + " not have: use BINARY, JSON or STRING");
        }
        if (!type.equals("BINARY") && !type.equals("JSON") && !type.equals("STRING")) {
            throw ProduceBodyReader.shape(where + ".type must be one of BINARY, JSON, STRING, not '" + given + "'");
        }
        return type;
    }

    private static byte[] convert(JsonParser parser, JsonToken token, String type, String where) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (type) {
            case "BINARY" -> {
                if (token != JsonToken.VALUE_STRING) {
                    throw ProduceBodyReader.shape(where + " must be a base64 string (type BINARY)");
                }
                yield ProduceBodyReader.base64(parser.getString(), where);
            }
            case "STRING" -> {
                if (token != JsonToken.VALUE_STRING) {
                    throw ProduceBodyReader.shape(where + " must be a string (type STRING)");
                }
                yield parser.getString().getBytes(StandardCharsets.UTF_8);
            }
            default -> ProduceBodyReader.compactCopy(parser, where);
        };
    }

    private static Integer partition(JsonParser parser, JsonToken token, String where) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw ProduceBodyReader.shape(where + ".partition_id must be a whole number");
        }
        return parser.getIntValue();
    }

    /** ISO-8601 ({@code 2026-12-06T10:00:00Z}, any offset) or epoch milliseconds, not before the epoch. */
    private static Long timestamp(JsonParser parser, JsonToken token, String where) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        long millis;
        if (token == JsonToken.VALUE_STRING) {
            try {
                millis = OffsetDateTime.parse(parser.getString()).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw ProduceBodyReader.shape(where + ".timestamp '" + parser.getString() + "' is not an ISO-8601"
                        + " date-time with an offset, such as " + Instant.ofEpochMilli(0));
            }
        } else if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            millis = parser.getLongValue();
        } else {
            throw ProduceBodyReader.shape(where + ".timestamp must be an ISO-8601 date-time or epoch milliseconds");
        }
        if (millis < 0) {
            throw ProduceBodyReader.shape(where + ".timestamp is before 1970-01-01T00:00:00Z");
        }
        return millis;
    }

    private List<RecordHeader> headers(JsonParser parser, JsonToken token, String where) {
        if (token == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw ProduceBodyReader.shape(where + " must be an array of {\"name\",\"value\"}");
        }
        List<RecordHeader> headers = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            String at = where + "[" + headers.size() + "]";
            items = ProduceBodyReader.counted(items, memory);
            if (next != JsonToken.START_OBJECT) {
                throw ProduceBodyReader.shape(at + " must be an object {\"name\",\"value\"}");
            }
            String name = null;
            byte[] value = null;
            for (String field = nextName(parser); field != null; field = nextName(parser)) {
                ProduceBodyReader.known(field, HEADER_FIELDS, at);
                JsonToken got = parser.nextToken();
                if (field.equals("name")) {
                    if (got != JsonToken.VALUE_STRING) {
                        throw ProduceBodyReader.shape(at + ".name must be a string");
                    }
                    name = parser.getString();
                } else if (got == JsonToken.VALUE_NULL) {
                    value = null;
                } else if (got == JsonToken.VALUE_STRING) {
                    value = ProduceBodyReader.base64(parser.getString(), at + ".value");
                } else {
                    throw ProduceBodyReader.shape(at + ".value must be a base64 string or null");
                }
            }
            if (name == null) {
                throw ProduceBodyReader.shape(at + ".name is required");
            }
            headers.add(new RecordHeader(name, value));
        }
        return headers;
    }

    /** A key or value as read: its type ({@code null} when the record has none) and bytes. */
    private record Data(String type, byte[] bytes) {
        static final Data NONE = new Data(null, null);
    }

    /** The body stopped being JSON: the stream ends there. */
    private static final class NotJson extends RuntimeException {
        NotJson(String message) {
            super(message, null, false, false);
        }
    }
}
