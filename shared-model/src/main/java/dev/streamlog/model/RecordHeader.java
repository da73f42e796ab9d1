package dev.streamlog.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One record header, {@code {"key":"trace-id","value":"<base64>"}} on the wire: the value is bytes,
 * which JSON carries base64-encoded (null stays null). Used by the public API and internally.
 *
 * @param key   header name (UTF-8 text)
 * @param value header value, or null
 */
public record RecordHeader(@JsonProperty("key") String key, @JsonProperty("value") byte[] value) {

    /**
     * A record's payload size as the traffic meters count it: key + value + header names (UTF-8) and values; a
     * null key or value counts 0. ({@code max.message.bytes} bounds the record as a batch, framing included.)
     */
    public static long payloadSize(byte[] key, byte[] value, List<RecordHeader> headers) {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (RecordHeader header : headers) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
