package dev.streamlog.coordinator.commit;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.ClusterSnapshot;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.coordinator.group.CoordinatorException;
import dev.streamlog.coordinator.group.Names;
import dev.streamlog.coordinator.offsets.OffsetsRecord;
import dev.streamlog.coordinator.offsets.OffsetsRecordCodec;
import dev.streamlog.coordinator.ownership.OwnedPartition;
import dev.streamlog.coordinator.ownership.PartitionOwnership;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicNames;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.v2.ConsumerOffsets;
import dev.streamlog.model.v2.TopicPartitionOffset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Committing and reading a group's offsets. A commit is checked whole before anything is written:
 * a legal group name (the topic-name rule: 1 to 249 of {@code [a-zA-Z0-9._-]}), every entry with
 * an existing topic (40401) and partition (40402), metadata of at most 4096 characters, and an
 * offset from 0 to the partition's high
 * watermark (a larger one is refused with 40001: it would skip records that do not exist yet).
 * Then every entry is appended to the group's {@code __consumer_offsets} partition with acks=all,
 * stamped with this coordinator's epoch for it, and applied once acknowledged; the answer lists
 * what was committed. Reads answer from memory. Both require this coordinator to own the group
 * ({@link PartitionOwnership#owner}). Thread-safe.
 */
public class OffsetCommits {

    /** The longest commit metadata kept, in characters (Kafka's default limit). */
    static final int MAX_METADATA = 4096;

    private final PartitionOwnership ownership;
    private final ClusterMetadata metadata;
    private final PartitionEnds ends;
    private final OffsetsRecordCodec codec;
    private final Clock clock;

    public OffsetCommits(PartitionOwnership ownership, ClusterMetadata metadata, PartitionRouter router,
                         StorageClient storage, OffsetsRecordCodec codec, Clock clock) {
        this.ownership = ownership;
        this.metadata = metadata;
        this.ends = new PartitionEnds(router, storage);
        this.codec = codec;
        this.clock = clock;
    }

    /** The group's committed offsets, sorted by topic and partition. */
    public ConsumerOffsets committed(String group) {
        Names.check("group id", group);
        OwnedPartition owner = ownership.owner(group);
        List<TopicPartitionOffset> offsets = new ArrayList<>();
        owner.groups().committed(group).forEach((partition, commit) -> offsets.add(
                new TopicPartitionOffset(partition.topic(), partition.partition(), commit.offset(), commit.metadata())));
        return new ConsumerOffsets(offsets);
    }

    /** Commits {@code offsets} for {@code group}; completes with what was committed. */
    public CompletableFuture<ConsumerOffsets> commit(String group, List<TopicPartitionOffset> offsets) {
        return commit(group, offsets, () -> { });
    }

    /**
     * Commits {@code offsets} for {@code group}, running {@code stillAllowed} just before the
     * records are appended (after the partitions' ends were read): it throws to refuse the commit
     * when what allowed it changed meanwhile (a rebalance moved a partition away from the member).
     */
    public CompletableFuture<ConsumerOffsets> commit(String group, List<TopicPartitionOffset> offsets,
                                                     Runnable stillAllowed) {
        Names.check("group id", group);
        if (offsets == null || offsets.isEmpty()) {
            throw new CoordinatorException(ErrorCode.BAD_REQUEST, "a commit needs at least one entry in 'offsets'");
        }
        Map<TopicPartition, TopicPartitionOffset> entries = checkedEntries(metadata.snapshot(), offsets);
        OwnedPartition owner = ownership.owner(group);
        return checkBelowEnds(entries).thenCompose(checked -> {
            stillAllowed.run();
            return append(owner, group, checked);
        });
    }

    private CompletableFuture<ConsumerOffsets> append(OwnedPartition owner, String group,
                                                      Map<TopicPartition, TopicPartitionOffset> entries) {
        long now = clock.millis();
        List<CompletableFuture<Void>> appended = new ArrayList<>();
        entries.forEach((partition, entry) -> {
            OffsetsRecord.OffsetCommit commit = new OffsetsRecord.OffsetCommit(group, partition, entry.offset(),
                    entry.metadata() == null ? "" : entry.metadata(), now, owner.epoch());
            appended.add(owner.writer().append(codec.encode(commit, now))
                    .thenAccept(logOffset -> owner.groups().apply(commit, logOffset)));
        });
        return CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).thenApply(done -> new ConsumerOffsets(
                entries.values().stream().map(entry -> new TopicPartitionOffset(entry.topic(), entry.partition(),
                        entry.offset(), entry.metadata() == null ? "" : entry.metadata())).toList()));
    }

    private static Map<TopicPartition, TopicPartitionOffset> checkedEntries(ClusterSnapshot snapshot,
                                                                           List<TopicPartitionOffset> offsets) {
        Map<TopicPartition, TopicPartitionOffset> entries = new LinkedHashMap<>();
        for (TopicPartitionOffset entry : offsets) {
            if (entry == null || entry.topic() == null || entry.partition() == null || entry.offset() == null) {
                throw new CoordinatorException(ErrorCode.UNPROCESSABLE_ENTITY,
                        "every entry of 'offsets' needs 'topic', 'partition' and 'offset'");
            }
            TopicNames.problem(entry.topic()).ifPresent(problem -> {
                throw new CoordinatorException(ErrorCode.BAD_REQUEST, problem);
            });
            TopicView topic = snapshot.topic(entry.topic()).orElseThrow(() -> new CoordinatorException(
                    ErrorCode.TOPIC_NOT_FOUND, "Topic '" + entry.topic() + "' not found"));
            if (!topic.hasPartition(entry.partition())) {
                throw new CoordinatorException(ErrorCode.PARTITION_NOT_FOUND, "Partition " + entry.partition()
                        + " of topic '" + entry.topic() + "' not found; it has " + topic.partitionCount());
            }
            if (entry.metadata() != null && entry.metadata().length() > MAX_METADATA) {
                throw new CoordinatorException(ErrorCode.BAD_REQUEST, "the metadata for " + entry.topic() + "-"
                        + entry.partition() + " is " + entry.metadata().length() + " characters; at most "
                        + MAX_METADATA + " are kept");
            }
            if (entry.offset() < 0) {
                throw new CoordinatorException(ErrorCode.BAD_REQUEST, "offset " + entry.offset() + " for "
                        + entry.topic() + "-" + entry.partition() + " is negative");
            }
            TopicPartition partition = new TopicPartition(entry.topic(), entry.partition());
            if (entries.put(partition, entry) != null) {
                throw new CoordinatorException(ErrorCode.BAD_REQUEST, "'offsets' names " + partition + " twice");
            }
        }
        return entries;
    }

    private CompletableFuture<Map<TopicPartition, TopicPartitionOffset>> checkBelowEnds(
            Map<TopicPartition, TopicPartitionOffset> entries) {
        return ends.all(entries.keySet()).thenApply(offsets -> {
            entries.forEach((partition, entry) -> {
                long end = offsets.get(partition).endOffset();
                if (entry.offset() > end) {
                    throw new CoordinatorException(ErrorCode.BAD_REQUEST, "the next record to read in " + partition
                            + " would be " + entry.offset() + ", beyond its end (" + end + "); the last record there is "
                            + (end - 1));
                }
            });
            return entries;
        }).exceptionallyCompose(failure -> CompletableFuture.failedFuture(PartitionEnds.unwrap(failure)));
    }
}
