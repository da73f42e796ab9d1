package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PATCH /v3/clusters/{c}/topics/{t}}: the new, larger, partition count.
 *
 * @param partitionsCount the total number of partitions wanted
 */
public record UpdatePartitionCountRequest(@JsonProperty("partitions_count") Integer partitionsCount) {
}
