package dev.streamlog.coordinator.membership;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.coordinator.assignment.Assignments;
import dev.streamlog.coordinator.commit.OffsetCommits;
import dev.streamlog.coordinator.commit.PartitionEnds;
import dev.streamlog.coordinator.group.ConsumerGroup;
import dev.streamlog.coordinator.group.ConsumerInstance;
import dev.streamlog.coordinator.group.CoordinatorException;
import dev.streamlog.coordinator.group.InstanceSettings;
import dev.streamlog.coordinator.group.Names;
import dev.streamlog.coordinator.group.Subscription;
import dev.streamlog.coordinator.offsets.OffsetsRecord;
import dev.streamlog.coordinator.offsets.OffsetsRecordCodec;
import dev.streamlog.coordinator.ownership.OwnedPartition;
import dev.streamlog.coordinator.ownership.PartitionOwnership;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicNames;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.OffsetForTimestamp;
import dev.streamlog.model.internal.PollPlan;
import dev.streamlog.model.internal.PositionsUpdate;
import dev.streamlog.model.v2.ConsumerAssignment;
import dev.streamlog.model.v2.ConsumerOffsets;
import dev.streamlog.model.v2.ConsumerSeek;
import dev.streamlog.model.v2.ConsumerSubscription;
import dev.streamlog.model.v2.CreateConsumerRequest;
import dev.streamlog.model.v2.PartitionOffsets;
import dev.streamlog.model.v2.PartitionTimestamp;
import dev.streamlog.model.v2.TopicPartitionOffset;
import dev.streamlog.model.v2.TopicPartitionRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer-instance operations behind the v2 consumer routes, on the coordinator that owns
 * the group. Each takes the group's monitor for its in-memory change, then persists what must
 * survive a coordinator change in {@code __consumer_offsets}, appended while it still holds the
 * monitor so the log has the changes in the order they were made: an instance's creation,
 * subscription or manual assignment is answered after it is replicated (acks=all; a creation that
 * fails is undone); a rebalance's generation and an instance's removal are not waited for. Positions are not persisted:
 * after a coordinator change an instance resumes from the committed offsets (at-least-once).
 *
 * <p>Every call on an instance counts as a heartbeat; {@link #poll} also counts as a poll and
 * brings a member that went quiet back into the assignment. {@link #expireAll} applies the
 * timeouts and notices partition or topic changes that alter what subscriptions cover.
 *
 * <p>Thread-safe: group state changes under the group's monitor; storage calls run outside it.
 */
public class GroupMembership {

    private static final Logger log = LoggerFactory.getLogger(GroupMembership.class);

    private final PartitionOwnership ownership;
    private final ClusterMetadata metadata;
    private final PartitionRouter router;
    private final StorageClient storage;
    private final PartitionEnds ends;
    private final OffsetsRecordCodec codec;
    private final OffsetCommits commits;
    private final Clock clock;
    private final GroupMetrics metrics;

    public GroupMembership(PartitionOwnership ownership, ClusterMetadata metadata, PartitionRouter router,
                           StorageClient storage, OffsetsRecordCodec codec, OffsetCommits commits, Clock clock,
                           GroupMetrics metrics) {
        this.ownership = ownership;
        this.metadata = metadata;
        this.router = router;
        this.storage = storage;
        this.ends = new PartitionEnds(router, storage);
        this.codec = codec;
        this.commits = commits;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The group an instance call names; 404/40403 when the group has no state here (so unknown
     * names never create state).
     */
    private static ConsumerGroup existing(OwnedPartition owner, String groupId, String name) {
        return owner.groups().existingGroup(groupId).orElseThrow(() -> new CoordinatorException(
                ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, "consumer instance '" + name + "' not found in group '"
                        + groupId + "'"));
    }

    /** Creates an instance owned by {@code principal}; completes with its name once that is replicated. */
    public CompletableFuture<String> create(String groupId, CreateConsumerRequest request, String principal) {
        Names.check("group id", groupId);
        String name = request.name() == null ? "consumer-" + UUID.randomUUID() : request.name();
        Names.check("instance name", name);
        InstanceSettings.of(request);
        OwnedPartition owner = ownership.owner(groupId);
        ConsumerGroup group = owner.groups().group(groupId);
        ConsumerInstance created;
        CompletableFuture<Long> appended;
        synchronized (group) {
            created = group.create(name, request, principal, clock.millis());
            appended = append(owner, state(owner, groupId, created));
        }
        return appended.handle((offset, failure) -> {
            if (failure == null) {
                return name;
            }
            synchronized (group) {
                if (group.instances().get(name) == created) {
                    group.remove(name);
                }
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }

    /**
     * Refuses {@code principal} the instance {@code name} of {@code groupId} if another principal created it
     * (403/40301); an instance that does not exist passes (its route answers 40403).
     */
    public void checkOwner(String groupId, String name, String principal) {
        Optional<ConsumerGroup> group = ownership.owner(groupId).groups().existingGroup(groupId);
        if (group.isEmpty()) {
            return;
        }
        synchronized (group.get()) {
            ConsumerInstance instance = group.get().instances().get(name);
            if (instance != null && !instance.owner().equals(principal)) {
                throw new CoordinatorException(ErrorCode.NOT_AUTHORIZED, "consumer instance '" + name
                        + "' of group '" + groupId + "' belongs to the principal that created it, not " + principal);
            }
        }
    }

    /** Deletes an instance (it leaves the group). */
    public void delete(String groupId, String name) {
        OwnedPartition owner = ownership.owner(groupId);
        ConsumerGroup group = existing(owner, groupId, name);
        synchronized (group) {
            commitBeforeRevoking(owner, group, List.of(group.instance(name)));
            boolean rebalance = group.remove(name);
            append(owner, new OffsetsRecord.InstanceRemoved(groupId, name, owner.epoch()));
            if (rebalance) {
                rebalance(owner, group, topicCounts());
            }
        }
    }

    /** Subscribes an instance (a rebalance); completes once the subscription is replicated. */
    public CompletableFuture<Void> subscribe(String groupId, String name, ConsumerSubscription request) {
        Subscription subscription = Subscription.of(request);
        subscription.checkCost(topicCounts().keySet());
        OwnedPartition owner = ownership.owner(groupId);
        ConsumerGroup group = existing(owner, groupId, name);
        synchronized (group) {
            ConsumerInstance instance = seen(group, name);
            group.subscribe(instance, subscription);
            CompletableFuture<Long> appended = append(owner, state(owner, groupId, instance));
            rebalance(owner, group, topicCounts());
            return appended.thenApply(offset -> null);
        }
    }

    /** Ends an instance's subscription (a rebalance when it took part). */
    public CompletableFuture<Void> unsubscribe(String groupId, String name) {
        OwnedPartition owner = ownership.owner(groupId);
        ConsumerGroup group = existing(owner, groupId, name);
        synchronized (group) {
            ConsumerInstance instance = seen(group, name);
            commitBeforeRevoking(owner, group, List.of(instance));
            boolean rebalance = group.unsubscribe(instance);
            CompletableFuture<Long> appended = append(owner, state(owner, groupId, instance));
            if (rebalance) {
                rebalance(owner, group, topicCounts());
            }
            return appended.thenApply(offset -> null);
        }
    }

    /** The instance's subscription; a pattern also lists the topics it matches now. */
    public ConsumerSubscription subscription(String groupId, String name) {
        ConsumerGroup group = existing(ownership.owner(groupId), groupId, name);
        synchronized (group) {
            Subscription subscription = seen(group, name).subscription();
            if (subscription == null) {
                return new ConsumerSubscription(List.of(), null);
            }
            return new ConsumerSubscription(subscription.resolve(topicCounts().keySet()),
                    subscription.pattern() == null ? null : subscription.pattern().pattern());
        }
    }

    /** Assigns partitions to an instance by hand; completes once that is replicated. */
    public CompletableFuture<Void> assign(String groupId, String name, ConsumerAssignment request) {
        List<TopicPartition> partitions = existingPartitions(request);
        OwnedPartition owner = ownership.owner(groupId);
        ConsumerGroup group = existing(owner, groupId, name);
        synchronized (group) {
            ConsumerInstance instance = seen(group, name);
            group.assignManually(instance, partitions);
            return append(owner, state(owner, groupId, instance)).thenApply(offset -> null);
        }
    }

    /** The partitions the instance reads now. */
    public ConsumerAssignment assignments(String groupId, String name) {
        ConsumerGroup group = existing(ownership.owner(groupId), groupId, name);
        synchronized (group) {
            return refs(group.partitionsOf(seen(group, name)));
        }
    }

    /**
     * Moves the instance's positions: to the given offsets, and to the first record at or after
     * each given time (the partition's end when none is that late). Every partition must be one it
     * reads (40903 otherwise); nothing moves unless all of them are.
     */
    public CompletableFuture<Void> seek(String groupId, String name, ConsumerSeek request) {
        List<TopicPartitionOffset> offsets = request == null || request.offsets() == null ? List.of() : request.offsets();
        List<PartitionTimestamp> times = request == null || request.timestamps() == null ? List.of()
                : request.timestamps();
        if (offsets.isEmpty() && times.isEmpty()) {
            throw new CoordinatorException(ErrorCode.UNPROCESSABLE_ENTITY,
                    "a seek needs entries in 'offsets' or 'timestamps'");
        }
        for (TopicPartitionOffset entry : offsets) {
            if (entry == null || entry.topic() == null || entry.partition() == null || entry.offset() == null
                    || entry.offset() < 0) {
                throw new CoordinatorException(ErrorCode.UNPROCESSABLE_ENTITY,
                        "every entry of 'offsets' needs 'topic', 'partition' and an 'offset' of 0 or more");
            }
        }
        for (PartitionTimestamp entry : times) {
            if (entry == null || entry.topic() == null || entry.partition() == null || entry.timestamp() == null
                    || entry.timestamp() < 0) {
                throw new CoordinatorException(ErrorCode.UNPROCESSABLE_ENTITY,
                        "every entry of 'timestamps' needs 'topic', 'partition' and a 'timestamp' of 0 or more");
            }
        }
        Set<TopicPartition> named = new HashSet<>();
        offsets.forEach(entry -> checkOnce(named, new TopicPartition(entry.topic(), entry.partition())));
        times.forEach(entry -> checkOnce(named, new TopicPartition(entry.topic(), entry.partition())));
        ConsumerGroup group = existing(ownership.owner(groupId), groupId, name);
        synchronized (group) {
            ConsumerInstance instance = seen(group, name);
            List<TopicPartition> reads = group.partitionsOf(instance);
            offsets.forEach(entry -> checkReads(instance, reads, new TopicPartition(entry.topic(), entry.partition())));
            times.forEach(entry -> checkReads(instance, reads, new TopicPartition(entry.topic(), entry.partition())));
            offsets.forEach(entry -> instance.positions().put(new TopicPartition(entry.topic(), entry.partition()),
                    entry.offset()));
        }
        List<CompletableFuture<Void>> lookups = new ArrayList<>();
        for (PartitionTimestamp entry : times) {
            TopicPartition partition = new TopicPartition(entry.topic(), entry.partition());
            lookups.add(router.route(partition, leader -> storage.offsetForTimestamp(leader, partition,
                    entry.timestamp())).thenAccept(result -> {
                        OffsetForTimestamp found = PartitionEnds.valueOf(partition, result);
                        synchronized (group) {
                            group.instance(name).positions().put(partition, found.offset());
                        }
                    }));
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new));
    }

    /** Moves the instance's positions in the given partitions to their beginning or end. */
    public CompletableFuture<Void> seekToEdge(String groupId, String name, ConsumerAssignment request,
                                              boolean beginning) {
        List<TopicPartition> partitions = existingPartitions(request);
        ConsumerGroup group = existing(ownership.owner(groupId), groupId, name);
        synchronized (group) {
            ConsumerInstance instance = seen(group, name);
            List<TopicPartition> reads = group.partitionsOf(instance);
            partitions.forEach(partition -> checkReads(instance, reads, partition));
        }
        ToLongFunction<PartitionOffsets> edge = beginning ? PartitionOffsets::beginningOffset
                : PartitionOffsets::endOffset;
        return ends.all(partitions).thenAccept(ends -> {
            synchronized (group) {
                ConsumerInstance instance = group.instance(name);
                ends.forEach((partition, offsets) -> instance.positions().put(partition, edge.applyAsLong(offsets)));
            }
        });
    }

    /**
     * Moves the instance's positions in {@code request}'s partitions (ones it reads) to their
     * beginning or end by its {@code auto.offset.reset}: a gateway found them outside the log.
     */
    public CompletableFuture<Void> resetPositions(String groupId, String name, ConsumerAssignment request) {
        List<TopicPartition> partitions = existingPartitions(request);
        ConsumerGroup group = existing(ownership.owner(groupId), groupId, name);
        boolean earliest;
        synchronized (group) {
            ConsumerInstance instance = seen(group, name);
            earliest = instance.settings().resetToEarliest();
            List<TopicPartition> reads = group.partitionsOf(instance);
            partitions.forEach(partition -> checkReads(instance, reads, partition));
        }
        return ends.readable(partitions).thenAccept(ends -> {
            synchronized (group) {
                ConsumerInstance instance = group.instance(name);
                ends.forEach((partition, offsets) -> {
                    long reset = earliest ? offsets.beginningOffset() : offsets.endOffset();
                    log.info("Consumer instance {}/{}: position in {} out of range, reset to {}", groupId, name,
                            partition, reset);
                    instance.positions().put(partition, reset);
                });
            }
        });
    }

    /**
     * A poll: the instance's partitions and where to read each (its position, else the group's
     * committed offset, else its reset policy's end of the partition). With auto-commit on, once
     * its interval has passed, the positions of what earlier polls returned are committed first
     * (those that moved since the group's last commit).
     */
    public CompletableFuture<PollPlan> poll(String groupId, String name) {
        OwnedPartition owner = ownership.owner(groupId);
        ConsumerGroup group = existing(owner, groupId, name);
        ConsumerInstance instance;
        List<TopicPartition> reads;
        Map<TopicPartition, Long> start = new TreeMap<>(Assignments.ORDER);
        boolean commitDue;
        synchronized (group) {
            instance = group.instance(name);
            long now = clock.millis();
            instance.polled(now);
            if (group.rejoin(instance)) {
                rebalance(owner, group, topicCounts());
            }
            reads = List.copyOf(group.partitionsOf(instance));
            reads.forEach(partition -> {
                Long position = instance.positions().get(partition);
                if (position != null) {
                    start.put(partition, position);
                }
            });
            commitDue = instance.autoCommitDue(now);
        }
        Map<TopicPartition, OffsetsRecord.OffsetCommit> committed = owner.groups().committed(groupId);
        Map<TopicPartition, Long> moved = commitDue ? moved(start, committed) : Map.of();
        CompletableFuture<?> autoCommit = moved.isEmpty()
                ? CompletableFuture.completedFuture(null) : autoCommit(groupId, name, entries(moved));
        List<TopicPartition> unknown = new ArrayList<>();
        for (TopicPartition partition : reads) {
            if (!start.containsKey(partition)) {
                if (committed.containsKey(partition)) {
                    start.put(partition, committed.get(partition).offset());
                } else {
                    unknown.add(partition);
                }
            }
        }
        boolean earliest = instance.settings().resetToEarliest();
        return autoCommit.thenCompose(done -> ends.readable(unknown)).thenApply(ends -> {
            ends.forEach((partition, offsets) -> start.put(partition,
                    earliest ? offsets.beginningOffset() : offsets.endOffset()));
            synchronized (group) {
                Set<TopicPartition> stillReads = new HashSet<>(group.partitionsOf(instance));
                start.forEach((partition, offset) -> {
                    if (stillReads.contains(partition)) {
                        instance.positions().putIfAbsent(partition, offset);
                    }
                });
            }
            return new PollPlan(instance.settings().format(), entries(start),
                    instance.settings().requestTimeout().toMillis());
        });
    }

    /**
     * Moves the positions past what a gateway delivered, for the partitions the instance still
     * reads and whose position is still where the delivery started.
     */
    public void advance(String groupId, String name, PositionsUpdate update) {
        ConsumerGroup group = existing(ownership.owner(groupId), groupId, name);
        synchronized (group) {
            ConsumerInstance instance = seen(group, name);
            List<TopicPartition> reads = group.partitionsOf(instance);
            if (update.delivered() != null) {
                for (PositionsUpdate.Delivered entry : update.delivered()) {
                    if (entry == null || entry.topic() == null) {
                        continue;
                    }
                    TopicPartition partition = new TopicPartition(entry.topic(), entry.partition());
                    if (reads.contains(partition) && Long.valueOf(entry.from()).equals(instance.positions().get(partition))
                            && entry.next() >= entry.from()) {
                        instance.positions().put(partition, entry.next());
                    }
                }
            }
        }
    }

    /**
     * Commits for an instance: the given offsets (each in a partition it reads now, else 409/40903:
     * its generation is stale or it never had the partition), or with none, its positions.
     */
    public CompletableFuture<ConsumerOffsets> commit(String groupId, String name, ConsumerOffsets request) {
        ConsumerGroup group = existing(ownership.owner(groupId), groupId, name);
        List<TopicPartitionOffset> entries;
        ConsumerInstance instance;
        synchronized (group) {
            instance = seen(group, name);
            List<TopicPartition> reads = group.partitionsOf(instance);
            if (request == null || request.offsets() == null || request.offsets().isEmpty()) {
                Map<TopicPartition, Long> positions = new TreeMap<>(Assignments.ORDER);
                reads.forEach(partition -> {
                    Long position = instance.positions().get(partition);
                    if (position != null) {
                        positions.put(partition, position);
                    }
                });
                entries = entries(positions);
            } else {
                entries = request.offsets();
                checkCommitAllowed(group, instance, entries);
            }
        }
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(new ConsumerOffsets(List.of()));
        }
        List<TopicPartitionOffset> committing = entries;
        return commits.commit(groupId, committing, () -> {
            synchronized (group) {
                checkCommitAllowed(group, instance, committing);
            }
        });
    }

    /** 409/40903 unless the instance (still in the group) reads every partition named; the caller holds the monitor. */
    private static void checkCommitAllowed(ConsumerGroup group, ConsumerInstance instance,
                                           List<TopicPartitionOffset> entries) {
        if (group.instances().get(instance.name()) != instance) {
            throw new CoordinatorException(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, "consumer instance '"
                    + instance.name() + "' left group '" + group.id() + "'; its commit is refused");
        }
        List<TopicPartition> reads = group.partitionsOf(instance);
        for (TopicPartitionOffset entry : entries) {
            if (entry != null && entry.topic() != null && entry.partition() != null) {
                TopicPartition partition = new TopicPartition(entry.topic(), entry.partition());
                if (!reads.contains(partition)) {
                    throw new CoordinatorException(ErrorCode.ILLEGAL_STATE, "consumer instance '" + instance.name()
                            + "' does not read " + partition + " in generation " + group.generation()
                            + " of group '" + group.id() + "'; its commit is refused");
                }
            }
        }
    }

    /** The group's committed offsets for {@code partitions} (all the instance reads when none named). */
    public ConsumerOffsets committed(String groupId, String name, ConsumerAssignment request) {
        OwnedPartition owner = ownership.owner(groupId);
        ConsumerGroup group = existing(owner, groupId, name);
        List<TopicPartition> partitions;
        synchronized (group) {
            ConsumerInstance instance = seen(group, name);
            partitions = request == null || request.partitions() == null || request.partitions().isEmpty()
                    ? group.partitionsOf(instance) : existingPartitions(request);
        }
        Map<TopicPartition, OffsetsRecord.OffsetCommit> committed = owner.groups().committed(groupId);
        List<TopicPartitionOffset> offsets = new ArrayList<>();
        partitions.stream().sorted(Assignments.ORDER).forEach(partition -> {
            OffsetsRecord.OffsetCommit commit = committed.get(partition);
            if (commit != null) {
                offsets.add(new TopicPartitionOffset(partition.topic(), partition.partition(), commit.offset(),
                        commit.metadata()));
            }
        });
        return new ConsumerOffsets(offsets);
    }

    /**
     * Applies the timeouts to every group this coordinator serves and rebalances the groups whose
     * membership or coverage changed. Called every few hundred milliseconds.
     */
    public void expireAll() {
        long now = clock.millis();
        Map<String, Integer> counts = topicCounts();
        for (OwnedPartition owner : ownership.loadedPartitions()) {
            for (ConsumerGroup group : owner.groups().groups()) {
                synchronized (group) {
                    ConsumerGroup.Expiry expiry = group.expire(now);
                    expiry.removed().forEach(name -> {
                        log.info("Consumer instance {}/{} expired", group.id(), name);
                        append(owner, new OffsetsRecord.InstanceRemoved(group.id(), name, owner.epoch()));
                    });
                    if (expiry.rebalanceDue() || group.coverageChanged(counts)) {
                        rebalance(owner, group, counts);
                    }
                }
            }
        }
    }

    private ConsumerInstance seen(ConsumerGroup group, String name) {
        ConsumerInstance instance = group.instance(name);
        instance.seen(clock.millis());
        return instance;
    }

    /** Rebalances {@code group} and appends its new generation; the caller holds the group's monitor. */
    private void rebalance(OwnedPartition owner, ConsumerGroup group, Map<String, Integer> counts) {
        commitBeforeRevoking(owner, group, group.instances().values().stream()
                .filter(instance -> instance.active() && instance.manual() == null).toList());
        group.rebalance(counts);
        metrics.rebalanced(group.id());
        log.info("event=rebalance group={} generation={} assignment={}", group.id(), group.generation(),
                group.assignment());
        append(owner, new OffsetsRecord.GroupGeneration(group.id(), group.generation(), owner.epoch()));
    }

    /**
     * Kafka's auto-commit before a consumer's partitions are revoked (a rebalance, an unsubscribe, a close): for each
     * of {@code instances} with auto-commit on, commits its positions that moved since the group's last commit, so
     * whoever reads those partitions next does not get what it was handed again. Not waited for: if a commit lands
     * late or fails, the next reader starts at the earlier commit (at least once). The caller holds the monitor.
     */
    private void commitBeforeRevoking(OwnedPartition owner, ConsumerGroup group, List<ConsumerInstance> instances) {
        Map<TopicPartition, OffsetsRecord.OffsetCommit> committed = null;
        for (ConsumerInstance instance : instances) {
            if (!instance.settings().autoCommit() || instance.positions().isEmpty()) {
                continue;
            }
            if (committed == null) {
                committed = owner.groups().committed(group.id());
            }
            Map<TopicPartition, Long> moved = moved(instance.positions(), committed);
            if (!moved.isEmpty()) {
                autoCommit(group.id(), instance.name(), entries(moved));
            }
        }
    }

    /** The positions that differ from the group's committed offsets, sorted. */
    private static Map<TopicPartition, Long> moved(Map<TopicPartition, Long> positions,
                                                   Map<TopicPartition, OffsetsRecord.OffsetCommit> committed) {
        Map<TopicPartition, Long> moved = new TreeMap<>(Assignments.ORDER);
        positions.forEach((partition, position) -> {
            OffsetsRecord.OffsetCommit commit = committed.get(partition);
            if (commit == null || commit.offset() != position) {
                moved.put(partition, position);
            }
        });
        return moved;
    }

    /** Commits what earlier polls returned; a failure (logged) does not stop the poll. */
    private CompletableFuture<?> autoCommit(String groupId, String name, List<TopicPartitionOffset> positions) {
        try {
            return commits.commit(groupId, positions).exceptionally(failure -> {
                log.info("Auto-commit for {}/{} failed: {}", groupId, name, failure.toString());
                return null;
            });
        } catch (RuntimeException e) {
            log.info("Auto-commit for {}/{} refused: {}", groupId, name, e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
    }

    private Map<String, Integer> topicCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (TopicView topic : metadata.snapshot().topics().values()) {
            if (!TopicNames.isInternal(topic.name())) {
                counts.put(topic.name(), topic.partitionCount());
            }
        }
        return counts;
    }

    private List<TopicPartition> existingPartitions(ConsumerAssignment request) {
        if (request == null || request.partitions() == null) {
            throw new CoordinatorException(ErrorCode.UNPROCESSABLE_ENTITY, "the body needs a 'partitions' list");
        }
        Map<String, Integer> counts = topicCounts();
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicPartitionRef ref : request.partitions()) {
            if (ref == null || ref.topic() == null || ref.partition() == null) {
                throw new CoordinatorException(ErrorCode.UNPROCESSABLE_ENTITY,
                        "every entry of 'partitions' needs 'topic' and 'partition'");
            }
            Integer count = counts.get(ref.topic());
            if (count == null) {
                throw new CoordinatorException(ErrorCode.TOPIC_NOT_FOUND, "Topic '" + ref.topic() + "' not found");
            }
            if (ref.partition() < 0 || ref.partition() >= count) {
                throw new CoordinatorException(ErrorCode.PARTITION_NOT_FOUND, "Partition " + ref.partition()
                        + " of topic '" + ref.topic() + "' not found; it has " + count);
            }
            TopicPartition partition = new TopicPartition(ref.topic(), ref.partition());
            if (!partitions.contains(partition)) {
                partitions.add(partition);
            }
        }
        return partitions;
    }

    /** 400/40001 when a seek names a partition twice (each costs a storage call). */
    private static void checkOnce(Set<TopicPartition> named, TopicPartition partition) {
        if (!named.add(partition)) {
            throw new CoordinatorException(ErrorCode.BAD_REQUEST, "the seek names " + partition + " twice");
        }
    }

    private static void checkReads(ConsumerInstance instance, List<TopicPartition> reads, TopicPartition partition) {
        if (!reads.contains(partition)) {
            throw new CoordinatorException(ErrorCode.ILLEGAL_STATE, "consumer instance '" + instance.name()
                    + "' does not read " + partition + " (assigned: " + reads + ")");
        }
    }

    private CompletableFuture<Long> append(OwnedPartition owner, OffsetsRecord record) {
        return owner.writer().append(codec.encode(record, clock.millis()));
    }

    private static OffsetsRecord state(OwnedPartition owner, String groupId, ConsumerInstance instance) {
        return new OffsetsRecord.InstanceState(groupId, instance.name(), instance.request(), instance.owner(),
                instance.subscription() == null ? null : instance.subscription().toRequest(), instance.manual(),
                owner.epoch());
    }

    private static List<TopicPartitionOffset> entries(Map<TopicPartition, Long> positions) {
        List<TopicPartitionOffset> entries = new ArrayList<>();
        positions.forEach((partition, offset) -> entries.add(
                new TopicPartitionOffset(partition.topic(), partition.partition(), offset, null)));
        return entries;
    }

    private static ConsumerAssignment refs(List<TopicPartition> partitions) {
        return new ConsumerAssignment(partitions.stream().sorted(Assignments.ORDER)
                .map(partition -> new TopicPartitionRef(partition.topic(), partition.partition())).toList());
    }
}
