package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The delivery report of one record of a v3 produce ({@code POST /v3/clusters/{c}/topics/{t}/records}), as Confluent's
 * openapi {@code ProduceResponse} has it: {@code {"error_code":200,"cluster_id","topic_name","partition_id","offset",
 * "timestamp":"2026-12-06T10:00:00.123Z","key":{"type":"BINARY","size":3},"value":{…}}} for a record written, or
 * {@code {"error_code":400,"message":"…"}} for one that was not. Absent fields are left out. Immutable.
 *
 * @param errorCode   200 when written; else a status-like code (400, 404, …) or a five-digit Streamlog error code
 * @param message     why the record was not written, else null
 * @param clusterId   the cluster, when written
 * @param topicName   the topic, when written
 * @param partitionId the partition, when written
 * @param offset      the record's offset; null when written with acks=0
 * @param timestamp   the record's timestamp as ISO-8601 UTC, when written
 * @param key         the key's type and size in bytes; null when the request gave no key
 * @param value       the value's type and size in bytes; null when the request gave no value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProduceReport(@JsonProperty("error_code") int errorCode, @JsonProperty("message") String message,
                            @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
                            @JsonProperty("partition_id") Integer partitionId, @JsonProperty("offset") Long offset,
                            @JsonProperty("timestamp") String timestamp, @JsonProperty("key") Data key,
                            @JsonProperty("value") Data value) {

    /** The error code of a record written. */
    public static final int WRITTEN = 200;

    /** A record that was not written, with its error code and why. */
    public static ProduceReport failed(int errorCode, String message) {
        return new ProduceReport(errorCode, message, null, null, null, null, null, null, null);
    }

    /**
     * A key's or value's part of a report.
     *
     * @param type the type the request gave it ({@code BINARY}, {@code JSON} or {@code STRING})
     * @param size its size in bytes as stored; 0 for null data
     */
    public record Data(@JsonProperty("type") String type, @JsonProperty("size") long size) {
    }
}
