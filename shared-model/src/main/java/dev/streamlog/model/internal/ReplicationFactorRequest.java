package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /internal/v1/topics/{t}/replication-factor} (controller): the replication factor an
 * internal topic should grow to. Immutable.
 *
 * @param replicationFactor replicas wanted per partition
 */
public record ReplicationFactorRequest(@JsonProperty("replication_factor") Integer replicationFactor) {
}
