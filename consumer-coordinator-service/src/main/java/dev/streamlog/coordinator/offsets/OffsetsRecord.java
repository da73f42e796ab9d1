package dev.streamlog.coordinator.offsets;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.v2.ConsumerSubscription;
import dev.streamlog.model.v2.CreateConsumerRequest;
import java.util.List;

/**
 * One record of {@code __consumer_offsets} as the coordinator reads and writes it. Every record
 * carries the coordinator epoch of its writer (the czxid of the partition lease it held), so a
 * replay can ignore what a deposed owner appended after its successor took over.
 */
public sealed interface OffsetsRecord {

    /** The writer's coordinator epoch. */
    long epoch();

    /** A group's committed offset for one partition. */
    record OffsetCommit(String group, TopicPartition partition, long offset, String metadata, long timestamp,
                        long epoch) implements OffsetsRecord {
    }

    /**
     * A consumer instance as created, with the principal that created it ({@code User:ANONYMOUS} for one written
     * before instances had owners) and its subscription or manual assignment (either may be null); written on every
     * change of those.
     */
    record InstanceState(String group, String instance, CreateConsumerRequest config, String owner,
                         ConsumerSubscription subscription, List<TopicPartition> manual, long epoch)
            implements OffsetsRecord {
    }

    /** A consumer instance deleted (by its client or for going quiet past its instance timeout). */
    record InstanceRemoved(String group, String instance, long epoch) implements OffsetsRecord {
    }

    /** A group's generation after a rebalance, so a new owner continues from it. */
    record GroupGeneration(String group, long generation, long epoch) implements OffsetsRecord {
    }

    /**
     * Written by a coordinator when it takes over a partition, before it loads it: everything a
     * previous owner appends after this record is from an older epoch and ignored.
     */
    record EpochMarker(String coordinatorId, long epoch) implements OffsetsRecord {
    }
}
