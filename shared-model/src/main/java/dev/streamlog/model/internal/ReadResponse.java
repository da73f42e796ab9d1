package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A storage node's answer to {@code GET /internal/v1/partitions/{t}/{p}/records}: the records
 * from the requested offset up to the byte limit, never at or past the high watermark.
 *
 * @param highWatermark  the partition's high watermark when the read was served
 * @param logStartOffset its first offset still held
 * @param records        the records, in offset order (possibly empty)
 */
public record ReadResponse(@JsonProperty("high_watermark") long highWatermark,
                           @JsonProperty("log_start_offset") long logStartOffset,
                           @JsonProperty("records") List<StoredRecord> records) {
}
