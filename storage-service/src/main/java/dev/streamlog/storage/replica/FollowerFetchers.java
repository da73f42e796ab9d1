package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.datadir.DataDir;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.Leadership;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The {@link FollowerFetcher}s of this node, one per replica it follows, and the {@link FetchSession}s they fetch
 * through, one per leader broker (kept once made: a session without members sends nothing); started and stopped
 * by {@link LeadershipChanges}. Stopping the application stops them all, and so does the data dir going offline
 * (none starts after that).
 *
 * <p>Thread-safe (concurrent maps; a partition's start and stop are ordered by its caller).
 */
@Component
public class FollowerFetchers implements SmartLifecycle {

    private final Map<TopicPartition, FollowerFetcher> fetchers = new ConcurrentHashMap<>();
    private final Map<Integer, FetchSession> sessions = new ConcurrentHashMap<>();
    private final ReplicaClient client;
    private final ScheduledExecutorService scheduler;
    private final int localId;
    private final int maxBytes;
    private final Duration maxWait;
    private final Duration backoff;
    private final DataDir dataDir;
    private volatile boolean running;

    public FollowerFetchers(ReplicaClient client, ScheduledExecutorService replicationScheduler,
                            StorageProperties properties, DataDir dataDir) {
        this.client = client;
        this.scheduler = replicationScheduler;
        this.localId = properties.nodeId();
        StorageProperties.Replication replication = properties.replication();
        this.maxBytes = (int) replication.fetchMaxBytes().toBytes();
        this.maxWait = replication.fetchMaxWait();
        this.backoff = replication.fetchBackoff();
        this.dataDir = dataDir;
        dataDir.onOffline(() -> fetchers.keySet().forEach(this::stop));
    }

    /**
     * Starts following {@code leadership}'s leader (replacing any fetcher of the partition), unless the data dir is
     * offline: then the partition is not followed at all.
     */
    void start(HostedPartition partition, Leadership leadership) {
        if (dataDir.isOffline()) {
            stop(partition.topicPartition());
            return;
        }
        FetchSession session = sessions.computeIfAbsent(leadership.leaderId(),
                leader -> new FetchSession(leader, localId, client, maxBytes, maxWait));
        FollowerFetcher fetcher = new FollowerFetcher(partition, leadership, client, session, scheduler, backoff,
                dataDir);
        FollowerFetcher previous = fetchers.put(partition.topicPartition(), fetcher);
        if (previous != null) {
            previous.stop();
        }
        fetcher.start();
    }

    /** Stops following the partition's leader, if this node did. */
    void stop(TopicPartition tp) {
        FollowerFetcher fetcher = fetchers.remove(tp);
        if (fetcher != null) {
            fetcher.stop();
        }
    }

    /** How many replicas this node follows now. */
    public int following() {
        return fetchers.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        fetchers.keySet().forEach(this::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
