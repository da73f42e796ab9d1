package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where one produced record landed, or why it did not: {@code {"partition":0,"offset":42}} or
 * {@code {"partition":null,"offset":null,"error_code":50003,"error":"…"}}.
 *
 * @param partition the partition written, null on failure
 * @param offset    the record's offset, null on failure
 * @param errorCode an error code on failure, else null
 * @param error     what went wrong, else null
 */
public record PartitionOffset(@JsonProperty("partition") Integer partition, @JsonProperty("offset") Long offset,
                              @JsonProperty("error_code") Integer errorCode, @JsonProperty("error") String error) {

    /** A record written at {@code offset} of {@code partition}. */
    public static PartitionOffset written(int partition, long offset) {
        return new PartitionOffset(partition, offset, null, null);
    }

    /** A record that was not written. */
    public static PartitionOffset failed(int errorCode, String error) {
        return new PartitionOffset(null, null, errorCode, error);
    }
}
