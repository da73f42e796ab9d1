package dev.streamlog.coordinator.group;

import dev.streamlog.coordinator.offsets.OffsetsRecord;
import dev.streamlog.model.TopicPartition;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the groups held in one {@code __consumer_offsets} partition, as this coordinator
 * rebuilt it by replaying the partition and keeps it since: each group's committed offsets and
 * its membership ({@link ConsumerGroup}; instances come back from the log inactive, with no
 * positions, until they are heard from). A
 * replay applies every record in log order, skipping those written in an epoch older than the
 * newest seen so far (a deposed owner's late appends). Live commits are applied after the storage
 * node acknowledged them, in the order they were appended (the partition's writer has one append
 * in flight, and the log offset decides between two commits of one partition).
 *
 * <p>Thread-safe: concurrent maps; each apply replaces one entry.
 */
public final class PartitionGroups {

    private final Map<String, Map<TopicPartition, Logged>> committed = new ConcurrentHashMap<>();
    private final Map<String, ConsumerGroup> groups = new ConcurrentHashMap<>();
    private final long replayTime;
    private long newestEpoch;

    /**
     * @param replayTime when the replay happens: restored instances count as heard from then, so
     *                   they have their full timeouts to come back
     */
    public PartitionGroups(long replayTime) {
        this.replayTime = replayTime;
    }

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
        } else if (record instanceof OffsetsRecord.InstanceState state) {
            ConsumerGroup group = group(state.group());
            group.instances().remove(state.instance());
            try {
                group.restore(state.instance(), state.config(), state.owner(), state.subscription() == null ? null
                        : Subscription.of(state.subscription()), state.manual(), replayTime);
            } catch (CoordinatorException e) {
                // Settings this version refuses: the instance is forgotten; its client gets 40403 and re-creates it.
            }
        } else if (record instanceof OffsetsRecord.InstanceRemoved removed) {
            group(removed.group()).instances().remove(removed.instance());
        } else if (record instanceof OffsetsRecord.GroupGeneration generation) {
            group(generation.group()).restoreGeneration(generation.generation());
        }
        return true;
    }

    /** The group called {@code id}, created empty if this partition has none yet. */
    public ConsumerGroup group(String id) {
        return groups.computeIfAbsent(id, ConsumerGroup::new);
    }

    /** The group called {@code id}, if this partition has its membership state. */
    public Optional<ConsumerGroup> existingGroup(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    /** Every group with instances or committed offsets here, sorted by id. */
    public List<String> groupIds() {
        TreeSet<String> ids = new TreeSet<>(groups.keySet());
        ids.addAll(committed.keySet());
        return List.copyOf(ids);
    }

    /** Every group with membership state here (live view of the values). */
    public Collection<ConsumerGroup> groups() {
        return groups.values();
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
