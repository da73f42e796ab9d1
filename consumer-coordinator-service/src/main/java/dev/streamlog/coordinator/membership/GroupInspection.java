package dev.streamlog.coordinator.membership;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.ClusterSnapshot;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.coordinator.assignment.Assignments;
import dev.streamlog.coordinator.commit.PartitionEnds;
import dev.streamlog.coordinator.group.ConsumerGroup;
import dev.streamlog.coordinator.group.ConsumerInstance;
import dev.streamlog.coordinator.group.CoordinatorException;
import dev.streamlog.coordinator.group.PartitionGroups;
import dev.streamlog.coordinator.offsets.OffsetsRecord;
import dev.streamlog.coordinator.ownership.OwnedPartition;
import dev.streamlog.coordinator.ownership.PartitionOwnership;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.GroupDescription;
import dev.streamlog.model.internal.GroupLag;
import dev.streamlog.model.v2.PartitionOffsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Read-only views of the groups this coordinator serves, behind the v3 consumer-group routes: the
 * group ids, one group's members and what each reads, and a group's lag per partition (committed
 * offset against the partition's high watermark, read from its leader). A group is known while it
 * has an instance or a committed offset. Thread-safe.
 */
public class GroupInspection {

    private final PartitionOwnership ownership;
    private final ClusterMetadata metadata;
    private final PartitionEnds ends;

    public GroupInspection(PartitionOwnership ownership, ClusterMetadata metadata, PartitionRouter router,
                           StorageClient storage) {
        this.ownership = ownership;
        this.metadata = metadata;
        this.ends = new PartitionEnds(router, storage);
    }

    /** The ids of the groups in every partition this coordinator has loaded, sorted. */
    public List<String> groupIds() {
        TreeSet<String> ids = new TreeSet<>();
        for (OwnedPartition owned : ownership.loadedPartitions()) {
            for (String id : owned.groups().groupIds()) {
                if (known(owned.groups(), id)) {
                    ids.add(id);
                }
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The group's members and their partitions.
     *
     * @throws CoordinatorException 404/404 for a group with no instance and no committed offset
     */
    public GroupDescription describe(String groupId) {
        OwnedPartition owner = ownership.owner(groupId);
        checkKnown(owner.groups(), groupId);
        Optional<ConsumerGroup> membership = owner.groups().existingGroup(groupId);
        if (membership.isEmpty()) {
            return new GroupDescription(groupId, null, 0, "Empty", List.of());
        }
        ConsumerGroup group = membership.get();
        synchronized (group) {
            List<GroupDescription.Member> members = new ArrayList<>();
            boolean stable = false;
            for (ConsumerInstance instance : group.instances().values()) {
                stable |= instance.active();
                members.add(new GroupDescription.Member(instance.name(), instance.active(),
                        group.partitionsOf(instance).stream().sorted(Assignments.ORDER)
                                .map(p -> new GroupDescription.PartitionRef(p.topic(), p.partition())).toList()));
            }
            return new GroupDescription(groupId, group.assignor(), group.generation(), stable ? "Stable" : "Empty",
                    members);
        }
    }

    /** The group's lag on every partition it committed to or reads now that still exists. */
    public CompletableFuture<GroupLag> lag(String groupId) {
        OwnedPartition owner = ownership.owner(groupId);
        checkKnown(owner.groups(), groupId);
        Map<TopicPartition, OffsetsRecord.OffsetCommit> committed = owner.groups().committed(groupId);
        Map<TopicPartition, String> readers = new TreeMap<>(Assignments.ORDER);
        owner.groups().existingGroup(groupId).ifPresent(group -> {
            synchronized (group) {
                for (ConsumerInstance instance : group.instances().values()) {
                    group.partitionsOf(instance).forEach(partition -> readers.put(partition, instance.name()));
                }
            }
        });
        TreeSet<TopicPartition> partitions = new TreeSet<>(Assignments.ORDER);
        partitions.addAll(committed.keySet());
        partitions.addAll(readers.keySet());
        ClusterSnapshot snapshot = metadata.snapshot();
        partitions.removeIf(partition -> snapshot.topic(partition.topic())
                .map(topic -> !topic.hasPartition(partition.partition())).orElse(true));
        return ends.all(partitions).thenApply(ends -> {
            List<GroupLag.PartitionLag> lags = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                PartitionOffsets offsets = ends.get(partition);
                OffsetsRecord.OffsetCommit commit = committed.get(partition);
                long from = commit != null ? commit.offset() : offsets.beginningOffset();
                lags.add(new GroupLag.PartitionLag(partition.topic(), partition.partition(), readers.get(partition),
                        commit == null ? null : commit.offset(), offsets.endOffset(),
                        Math.max(0, offsets.endOffset() - from)));
            }
            return new GroupLag(groupId, lags);
        });
    }

    private static boolean known(PartitionGroups groups, String groupId) {
        if (!groups.committed(groupId).isEmpty()) {
            return true;
        }
        return groups.existingGroup(groupId).map(group -> {
            synchronized (group) {
                return !group.instances().isEmpty();
            }
        }).orElse(false);
    }

    private static void checkKnown(PartitionGroups groups, String groupId) {
        if (!known(groups, groupId)) {
            throw new CoordinatorException(ErrorCode.NOT_FOUND, "Consumer group '" + groupId + "' not found");
        }
    }
}
