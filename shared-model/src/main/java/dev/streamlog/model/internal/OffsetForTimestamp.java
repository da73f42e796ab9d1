package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A leader's answer to "where does time {@code t} start in this partition": the first offset below
 * the high watermark whose record has a timestamp at or after {@code t}, or the high watermark
 * when every committed record is older: {@code {"offset":42}}.
 *
 * @param offset the offset to read from
 */
public record OffsetForTimestamp(@JsonProperty("offset") long offset) {
}
