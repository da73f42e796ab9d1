package dev.streamlog.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.CharBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one read or poll answered, counted while streaming through its body with Jackson's parser: the number of
 * records, their values' stored bytes and the last record's offset. The body is Confluent's v2 answer, a JSON array of
 * records ({@code topic, key, value, partition, offset, timestamp, headers}). A binary value is counted from the
 * length of its base64 text and a text value from its characters, without building a string or a tree, so the
 * benchmark's own client spends little of the machine's CPU on what it reads; only a json value is read as a tree
 * (its compact text is what was stored). Immutable.
 *
 * @param records    how many records the answer held
 * @param valueBytes the stored bytes of their values (what base64 decodes to, the compact JSON text, the UTF-8)
 * @param lastOffset the offset of the last record, or -1 when there was none
 */
record PolledRecords(int records, long valueBytes, long lastOffset) {

    private static final JsonMapper JSON = JsonMapper.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    /**
     * Sends {@code request} (a read or a poll) and counts what it answers. A failure gives empty and is counted in
     * {@code errors}: an error answer by its {@code error_code}, a failed exchange as {@code transport}, a body that
     * is not an array of records as {@code unreadable_answer}.
     *
     * @param latencies given each record's end-to-end latency in nanoseconds (the answer's arrival minus the record's
     *                  timestamp), or null
     */
    static Optional<PolledRecords> fetch(HttpClient client, HttpRequest request, String format,
                                         LongConsumer latencies, Map<String, LongAdder> errors)
            throws InterruptedException {
        try {
            HttpResponse<InputStream> answer = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long arrived = System.currentTimeMillis();
            if (answer.statusCode() != 200) {
                errors.computeIfAbsent(GroupConsumeLoad.errorCode(answer), key -> new LongAdder()).increment();
                return Optional.empty();
            }
            return Optional.of(of(answer, format, latencies == null ? null
                    : timestamp -> latencies.accept((arrived - timestamp) * 1_000_000)));
        } catch (IOException e) {
            errors.computeIfAbsent("transport", key -> new LongAdder()).increment();
        } catch (IllegalArgumentException | JacksonException e) {
            errors.computeIfAbsent("unreadable_answer", key -> new LongAdder()).increment();
        }
        return Optional.empty();
    }

    /**
     * Reads {@code answer}'s body to its end and counts its records (see {@link #of(InputStream, String, LongConsumer)});
     * the body is closed afterwards, its connection free for the next request.
     */
    static PolledRecords of(HttpResponse<InputStream> answer, String format, LongConsumer timestamps)
            throws IOException {
        try (InputStream body = answer.body()) {
            PolledRecords polled = of(body, format, timestamps);
            body.transferTo(OutputStream.nullOutputStream());
            return polled;
        }
    }

    /**
     * Counts the records of {@code body}, read in {@code format} ({@code binary}, {@code json} or {@code text}), as
     * it arrives; the stream is read to the end of the array, not closed.
     *
     * @param timestamps given each record's {@code timestamp}, or null
     * @throws IllegalArgumentException when the body is not a JSON array of objects
     */
    static PolledRecords of(InputStream body, String format, LongConsumer timestamps) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("the answer is not a JSON array of records");
            }
            int records = 0;
            long bytes = 0;
            long lastOffset = -1;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("record " + records + " of the answer is not a JSON object");
                }
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    switch (name) {
                        case "value" -> bytes += valueBytes(parser, value, format);
                        case "offset" -> lastOffset = parser.getLongValue();
                        case "timestamp" -> {
                            if (timestamps != null) {
                                timestamps.accept(parser.getLongValue());
                            }
                        }
                        default -> parser.skipChildren();
                    }
                }
                records++;
            }
            return new PolledRecords(records, bytes, lastOffset);
        }
    }

    private static long valueBytes(JsonParser parser, JsonToken value, String format) {
        if (value == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (format.equals("json")) {
            JsonNode tree = parser.readValueAsTree();
            return utf8Length(tree.toString());
        }
        char[] chars = parser.getStringCharacters();
        int start = parser.getStringOffset();
        int length = parser.getStringLength();
        if (format.equals("text")) {
            return utf8Length(CharBuffer.wrap(chars, start, length));
        }
        int padding = length > 0 && chars[start + length - 1] == '=' ? (length > 1 && chars[start + length - 2] == '='
                ? 2 : 1) : 0;
        return length / 4L * 3 - padding;
    }

    private static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
