package dev.streamlog.storage.replica;

import dev.streamlog.client.fixtures.TestClusterSignature;
import dev.streamlog.client.security.ClusterTls;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.datadir.DataDir;
import dev.streamlog.storage.partition.HighWatermarkWaiters;
import dev.streamlog.storage.partition.LogEndWaiters;
import dev.streamlog.storage.partition.PartitionRouter;
import dev.streamlog.storage.partition.PartitionSignals;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real replication parts for tests that build the service by hand: followers find no leader
 * registered, so they retry on a daemon scheduler and never write.
 */
public final class TestReplication {

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-replication");
        thread.setDaemon(true);
        return thread;
    });

    private TestReplication() {
    }

    /** Leadership changes whose followers cannot reach any leader. */
    public static LeadershipChanges isolatedChanges(PartitionRouter router, StorageProperties properties) {
        ReplicaClient client = new ReplicaClient(id -> Optional.empty(), TestClusterSignature.signature(),
                ClusterTls.PLAIN, JsonMapper.builder().build(), properties);
        FollowerFetchers fetchers = new FollowerFetchers(client, SCHEDULER, properties, new DataDir(properties));
        return new LeadershipChanges(fetchers, new PartitionSignals(new HighWatermarkWaiters(), new LogEndWaiters()),
                router, Clock.systemUTC(), properties);
    }
}
