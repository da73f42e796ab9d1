package dev.streamlog.coordinator.ownership;

import dev.streamlog.coordinator.group.PartitionGroups;
import dev.streamlog.coordinator.offsets.OffsetsWriter;

/**
 * A {@code __consumer_offsets} partition this coordinator holds the lease on and has loaded: its
 * number, the lease's epoch (stamped on every record it writes), the groups rebuilt from it and
 * the writer that appends to it. Immutable; its groups and writer are thread-safe.
 */
public record OwnedPartition(int partition, long epoch, PartitionGroups groups, OffsetsWriter writer) {
}
