package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /topics/{t}/partitions/{p}/offsets}: the first offset still held and the end
 * offset (the high watermark: the offset the next readable record will get).
 *
 * @param beginningOffset the log start offset
 * @param endOffset       the high watermark
 */
public record PartitionOffsets(@JsonProperty("beginning_offset") long beginningOffset,
                               @JsonProperty("end_offset") long endOffset) {
}
