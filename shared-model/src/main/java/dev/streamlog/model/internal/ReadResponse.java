package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A storage node's answer to {@code GET /internal/v1/partitions/{t}/{p}/records}: the records
 * from the requested offset up to the byte limit, never at or past the high watermark. In JSON it
 * is this record; answered as record batches (what the services ask for), the body is the batches
 * as they lie in the log and the two offsets travel in the headers named here.
 *
 * @param highWatermark  the partition's high watermark when the read was served
 * @param logStartOffset its first offset still held
 * @param records        the records, in offset order (possibly empty)
 */
public record ReadResponse(@JsonProperty("high_watermark") long highWatermark,
                           @JsonProperty("log_start_offset") long logStartOffset,
                           @JsonProperty("records") List<StoredRecord> records) {

    /** The header holding {@link #highWatermark()} in an answer of record batches. */
    public static final String HIGH_WATERMARK_HEADER = "Streamlog-High-Watermark";
    /** The header holding {@link #logStartOffset()} in an answer of record batches. */
    public static final String LOG_START_OFFSET_HEADER = "Streamlog-Log-Start-Offset";
}
