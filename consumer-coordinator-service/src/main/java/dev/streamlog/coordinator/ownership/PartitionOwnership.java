package dev.streamlog.coordinator.ownership;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.coordinator.offsets.OffsetsTopicCreator;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.OffsetsTopic;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.CoordinatorRegistration;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which {@code __consumer_offsets} partitions this coordinator owns, through ephemeral leases in
 * ZooKeeper, and their loaded state.
 *
 * <p><b>Who owns what.</b> Every coordinator registers {@code /coordinators/members/{id}}. With the
 * members sorted by id, partition {@code p} belongs to member {@code p mod count}. Each coordinator
 * creates the lease {@code /coordinators/partitions/{p}} (ephemeral) for the partitions that are
 * its share and deletes the leases it holds that are not: when a coordinator joins, the others
 * hand it its share; when one dies, its session expires, its member znode and leases vanish, and
 * the others take its share over. A lease is only created when free, so a partition has at most
 * one owner at a time. The checks run on one thread on every change under {@code /coordinators},
 * on every connection change and every {@code ownership-check-interval}.
 *
 * <p><b>Epochs.</b> The lease's creation transaction id (czxid) is the owner's epoch for the
 * partition: it grows with every new lease. A new owner first appends an epoch marker with it, then
 * replays the partition through the marker ({@link OffsetsReplayer}); replay ignores records of
 * older epochs written after a newer one (a deposed owner's late appends), and only then does the
 * partition serve ({@link #owner}). While the ZooKeeper connection is suspended or lost, nothing is
 * served and the partitions' writers stop acknowledging: the leases may be gone and taken by
 * another coordinator.
 *
 * <p>Thread-safe: leases change on the ownership thread only; lookups read concurrent maps.
 */
public final class PartitionOwnership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionOwnership.class);

    private final CuratorFramework zk;
    private final ClusterMetadata metadata;
    private final OffsetsTopicCreator topicCreator;
    private final OffsetsPartitionLoader loader;
    private final JsonMapper json;
    private final Duration checkInterval;
    private final CuratorCache cache;
    private final ScheduledExecutorService ownershipThread;
    private final ExecutorService loadingThread;
    private final Map<Integer, Lease> leases = new ConcurrentHashMap<>();
    private final Map<Integer, OwnedPartition> loaded = new ConcurrentHashMap<>();
    /**
     * The partitions that were this coordinator's share at the last check, or empty while it has none to know of
     * (the topic does not exist yet, or this coordinator is not a member yet).
     */
    private volatile Optional<Set<Integer>> share = Optional.empty();
    private volatile CoordinatorRegistration self;
    private volatile boolean connected;

    /**
     * @param zk a Curator client whose namespace is the platform's chroot
     */
    public PartitionOwnership(CuratorFramework zk, ClusterMetadata metadata, OffsetsTopicCreator topicCreator,
                              OffsetsPartitionLoader loader, JsonMapper json, Duration checkInterval) {
        this.zk = zk;
        this.metadata = metadata;
        this.topicCreator = topicCreator;
        this.loader = loader;
        this.json = json;
        this.checkInterval = checkInterval;
        this.cache = CuratorCache.build(zk, ZkPaths.COORDINATORS);
        this.ownershipThread = Executors.newSingleThreadScheduledExecutor(daemon("coordinator-ownership"));
        this.loadingThread = Executors.newSingleThreadExecutor(daemon("offsets-loading"));
    }

    /** Registers this coordinator as {@code registration} and starts taking its share of partitions. */
    public void start(CoordinatorRegistration registration) {
        this.self = registration;
        connected = zk.getZookeeperClient().isConnected();
        zk.getConnectionStateListenable().addListener((client, state) -> {
            if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
                connected = false;
                dropAll("the ZooKeeper connection is " + state);
            } else if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
                connected = true;
                onOwnershipThread(this::reconcile);
            }
        });
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> onOwnershipThread(this::reconcile)).build());
        cache.start();
        ownershipThread.scheduleWithFixedDelay(this::reconcile, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Coordinator {} at {} started", registration.id(), registration.url());
    }

    private void onOwnershipThread(Runnable task) {
        try {
            ownershipThread.execute(task);
        } catch (RejectedExecutionException e) {
            // Closing: ZooKeeper events that arrive now change nothing.
        }
    }

    /**
     * The loaded partition that holds {@code group}.
     *
     * @throws NotCoordinatorException 421/42102 when another coordinator owns it; 503/50003 while
     *                                 this one loads it, no one owns it, or the topic does not exist yet
     */
    public OwnedPartition owner(String group) {
        if (!connected) {
            throw new NotCoordinatorException(ErrorCode.RETRIABLE,
                    "this coordinator is not connected to ZooKeeper, so it serves no group; retry");
        }
        int partitions = offsetsTopic().map(TopicView::partitionCount).orElseThrow(() ->
                new NotCoordinatorException(ErrorCode.RETRIABLE, OffsetsTopic.NAME + " does not exist yet; retry"));
        int partition = OffsetsTopic.partitionFor(group, partitions);
        OwnedPartition owned = loaded.get(partition);
        if (owned != null) {
            return owned;
        }
        if (leases.containsKey(partition)) {
            throw new NotCoordinatorException(ErrorCode.RETRIABLE, "this coordinator is loading partition "
                    + partition + " of " + OffsetsTopic.NAME + " (group '" + group + "'); retry");
        }
        Optional<CoordinatorRegistration> holder = leaseHolder(partition);
        if (holder.isEmpty()) {
            throw new NotCoordinatorException(ErrorCode.RETRIABLE, "no coordinator owns partition " + partition
                    + " of " + OffsetsTopic.NAME + " (group '" + group + "') at the moment; retry");
        }
        throw new NotCoordinatorException(ErrorCode.NOT_COORDINATOR, "group '" + group + "' is coordinated by "
                + holder.get().url() + " (partition " + partition + " of " + OffsetsTopic.NAME + ")");
    }

    /** How many {@code __consumer_offsets} partitions this coordinator holds the lease of (loaded or loading). */
    public int leasedCount() {
        return leases.size();
    }

    /**
     * The partitions that were this coordinator's share at the last check; empty while it cannot know one: the
     * topic does not exist yet (too few storage nodes, no active controller) or this coordinator is not yet among
     * the members.
     */
    public Optional<Set<Integer>> share() {
        return share;
    }

    /**
     * Whether this coordinator serves every group its share holds: it is connected, knows its share, and has
     * loaded every partition of it. Right after a member joins or leaves, the shares change hands: the members
     * whose share grew are not ready until they have taken and loaded it.
     */
    public boolean servesItsShare() {
        Optional<Set<Integer>> mine = share;
        return connected && mine.isPresent() && loaded.keySet().containsAll(mine.get());
    }

    /** Whether the ZooKeeper connection is up (while it is not, nothing is served). */
    public boolean isConnected() {
        return connected;
    }

    /** The partitions this coordinator has loaded and serves (a snapshot). */
    public List<OwnedPartition> loadedPartitions() {
        return List.copyOf(loaded.values());
    }

    private Optional<TopicView> offsetsTopic() {
        return metadata.snapshot().topic(OffsetsTopic.NAME);
    }

    private Optional<CoordinatorRegistration> leaseHolder(int partition) {
        return cache.get(ZkPaths.coordinatorLease(partition))
                .filter(data -> data.getData() != null && data.getData().length > 0)
                .flatMap(data -> {
                    try {
                        return Optional.of(json.readValue(data.getData(), CoordinatorRegistration.class));
                    } catch (JacksonException e) {
                        return Optional.empty();
                    }
                });
    }

    private void reconcile() {
        if (self == null) {
            return;
        }
        try {
            if (!connected || !zk.getZookeeperClient().isConnected()) {
                dropAll("not connected to ZooKeeper");
                return;
            }
            long session = zk.getZookeeperClient().getZooKeeper().getSessionId();
            leases.values().stream().filter(lease -> lease.session() != session).toList()
                    .forEach(lease -> drop(lease, "its ZooKeeper session ended"));
            registerMember();
            Optional<TopicView> topic = metadata.snapshot().topic(OffsetsTopic.NAME);
            if (topic.isEmpty()) {
                share = Optional.empty();
                topicCreator.ensureExists();
                return;
            }
            topicCreator.ensureReplicated(topic.get());
            List<String> members = zk.getChildren().forPath(ZkPaths.COORDINATOR_MEMBERS).stream().sorted().toList();
            if (!members.contains(self.id())) {
                share = Optional.empty();
                return;
            }
            Set<Integer> newShare = new HashSet<>();
            for (int partition = 0; partition < topic.get().partitionCount(); partition++) {
                boolean mine = members.get(partition % members.size()).equals(self.id());
                if (mine) {
                    newShare.add(partition);
                }
                Lease lease = leases.get(partition);
                if (mine && lease == null) {
                    acquire(partition, session);
                } else if (!mine && lease == null) {
                    releaseUntracked(partition, session);
                } else if (lease != null && (!mine || (lease.loading().isDone() && !loaded.containsKey(partition)))) {
                    release(lease, session, mine ? "loading it failed; trying again" : "it is another member's share");
                }
            }
            share = Optional.of(Set.copyOf(newShare));
        } catch (Exception e) {
            log.warn("Checking the {} leases failed; next check in {}", OffsetsTopic.NAME, checkInterval, e);
        }
    }

    private void registerMember() throws Exception {
        String path = ZkPaths.coordinatorMember(self.id());
        if (zk.checkExists().forPath(path) == null) {
            try {
                zk.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                        .forPath(path, json.writeValueAsBytes(self));
            } catch (KeeperException.NodeExistsException e) {
                // Created by a check that raced this one on the same session: nothing to do.
            }
        }
    }

    private void acquire(int partition, long session) throws Exception {
        String path = ZkPaths.coordinatorLease(partition);
        Stat stat = new Stat();
        try {
            zk.create().storingStatIn(stat).creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath(path, json.writeValueAsBytes(self));
        } catch (KeeperException.NodeExistsException e) {
            Stat existing = zk.checkExists().forPath(path);
            if (existing != null && existing.getEphemeralOwner() == session) {
                // Ours from before a connection loss: dropped locally, so renew it with a new epoch.
                zk.delete().withVersion(existing.getVersion()).forPath(path);
            }
            return;
        }
        long epoch = stat.getCzxid();
        FutureTask<Void> loading = new FutureTask<>(() -> load(partition, epoch), null);
        leases.put(partition, new Lease(partition, epoch, session, loading));
        loadingThread.execute(loading);
        log.info("Took the lease on partition {} of {} (epoch {}); loading it", partition, OffsetsTopic.NAME, epoch);
    }

    private void load(int partition, long epoch) {
        try {
            OwnedPartition owned = loader.load(partition, epoch, self.id());
            if (!holds(partition, epoch)) {
                owned.writer().close();
                return;
            }
            loaded.put(partition, owned);
            if (!holds(partition, epoch)) {
                // Dropped while loading (drop removes the lease first): take back what was just published.
                loaded.remove(partition, owned);
                owned.writer().close();
                return;
            }
            log.info("Partition {} of {} loaded (epoch {}); serving its groups", partition, OffsetsTopic.NAME, epoch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Loading partition {} of {} failed: {}", partition, OffsetsTopic.NAME, e.getMessage());
        }
    }

    private boolean holds(int partition, long epoch) {
        Lease current = leases.get(partition);
        return current != null && current.epoch() == epoch;
    }

    private void release(Lease lease, long session, String why) throws Exception {
        drop(lease, why);
        String path = ZkPaths.coordinatorLease(lease.partition());
        Stat existing = zk.checkExists().forPath(path);
        if (existing != null && existing.getEphemeralOwner() == session && existing.getCzxid() == lease.epoch()) {
            try {
                zk.delete().withVersion(existing.getVersion()).forPath(path);
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
                // Gone already (session expiry): nothing left to release.
            }
        }
    }

    /**
     * Deletes a lease this session still holds but no longer tracks (dropped on a connection
     * loss the session survived) when the partition is now another member's share.
     */
    private void releaseUntracked(int partition, long session) throws Exception {
        Optional<Stat> stat = cache.get(ZkPaths.coordinatorLease(partition)).map(data -> data.getStat());
        if (stat.isPresent() && stat.get().getEphemeralOwner() == session) {
            try {
                zk.delete().withVersion(stat.get().getVersion()).forPath(ZkPaths.coordinatorLease(partition));
                log.info("Released the lease on partition {} of {} kept from before a reconnection", partition,
                        OffsetsTopic.NAME);
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
                // Gone or changed meanwhile: nothing of ours left.
            }
        }
    }

    private void drop(Lease lease, String why) {
        leases.remove(lease.partition());
        OwnedPartition owned = loaded.remove(lease.partition());
        if (owned != null) {
            owned.writer().close();
        }
        lease.loading().cancel(true);
        log.info("Gave up partition {} of {} (epoch {}): {}", lease.partition(), OffsetsTopic.NAME, lease.epoch(), why);
    }

    private void dropAll(String why) {
        List.copyOf(leases.values()).forEach(lease -> drop(lease, why));
    }

    @Override
    public void close() {
        ownershipThread.shutdownNow();
        loadingThread.shutdownNow();
        cache.close();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A lease this coordinator holds: partition, epoch, the ZooKeeper session it lives in, its loading. */
    private record Lease(int partition, long epoch, long session, Future<Void> loading) {
    }
}
