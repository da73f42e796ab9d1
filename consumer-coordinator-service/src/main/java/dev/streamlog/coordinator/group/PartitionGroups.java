package dev.streamlog.coordinator.group;

import dev.streamlog.coordinator.offsets.OffsetsRecord;
import dev.streamlog.model.TopicPartition;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the groups held in one {@code __consumer_offsets} partition, as this coordinator
 * rebuilt it by replaying the partition and keeps it since: each group's committed offsets. A
 * replay applies every record in log order, skipping those written in an epoch older than the
 * newest seen so far (a deposed owner's late appends). Live commits are applied after the storage
 * node acknowledged them, in the order they were appended ({@link OffsetsWriter} has one append in
 * flight per partition, and the log offset decides between two commits of one partition).
 *
 * <p>Thread-safe: concurrent maps; each apply replaces one entry.
 */
public final class PartitionGroups {

    private final Map<String, Map<TopicPartition, Logged>> committed = new ConcurrentHashMap<>();
    private long newestEpoch;

    /**
     * Applies the record at {@code logOffset} of a replay; answers whether it counted (false for a
     * record of an epoch older than one already replayed).
     */
    public synchronized boolean replay(OffsetsRecord record, long logOffset) {
        if (record.epoch() < newestEpoch) {
            return false;
        }
        newestEpoch = record.epoch();
        if (record instanceof OffsetsRecord.OffsetCommit commit) {
            apply(commit, logOffset);
        }
        return true;
    }

    /**
     * Applies a commit that is in the log at {@code logOffset}, unless a commit of the same group
     * and partition from later in the log is already applied (acknowledgements may be handled out
     * of order; the log's order decides).
     */
    public void apply(OffsetsRecord.OffsetCommit commit, long logOffset) {
        committed.computeIfAbsent(commit.group(), group -> new ConcurrentHashMap<>()).merge(commit.partition(),
                new Logged(commit, logOffset), (old, next) -> next.logOffset() > old.logOffset() ? next : old);
    }

    /** The group's committed offsets, by partition, sorted; empty for a group with none. */
    public Map<TopicPartition, OffsetsRecord.OffsetCommit> committed(String group) {
        Map<TopicPartition, Logged> offsets = committed.get(group);
        Map<TopicPartition, OffsetsRecord.OffsetCommit> sorted = new TreeMap<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        if (offsets != null) {
            offsets.forEach((partition, logged) -> sorted.put(partition, logged.commit()));
        }
        return sorted;
    }

    private record Logged(OffsetsRecord.OffsetCommit commit, long logOffset) {
    }
}
