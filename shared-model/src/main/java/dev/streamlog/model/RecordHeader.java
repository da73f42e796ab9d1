package dev.streamlog.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record header, {@code {"key":"trace-id","value":"<base64>"}} on the wire: the value is bytes,
 * which JSON carries base64-encoded (null stays null). Used by the public API and internally.
 *
 * @param key   header name (UTF-8 text)
 * @param value header value, or null
 */
public record RecordHeader(@JsonProperty("key") String key, @JsonProperty("value") byte[] value) {
}
