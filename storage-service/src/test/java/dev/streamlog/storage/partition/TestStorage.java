package dev.streamlog.storage.partition;

import dev.streamlog.storage.config.StorageProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** Settings for tests that build the service's parts by hand. */
public final class TestStorage {

    private TestStorage() {
    }

    /** Node {@code nodeId} with its data in {@code dataDir} and the documented defaults, but {@code maxWait}. */
    public static StorageProperties properties(int nodeId, Path dataDir, Duration maxWait) {
        return new StorageProperties(nodeId, dataDir, "127.0.0.1", null,
                new StorageProperties.Engine(1, Duration.ofHours(1), Duration.ofHours(1), DataSize.ofMegabytes(64)),
                new StorageProperties.Read(maxWait, DataSize.ofMegabytes(1), DataSize.ofMegabytes(16)),
                replication(), new StorageProperties.Produce(Duration.ofSeconds(10), DataSize.ofMegabytes(16)));
    }

    /** The documented replication defaults. */
    public static StorageProperties.Replication replication() {
        return new StorageProperties.Replication(Duration.ofSeconds(30), Duration.ofMillis(500), DataSize.ofMegabytes(4),
                Duration.ofMillis(100), Duration.ofSeconds(10));
    }

    /** A partition led by {@code nodeId} alone in {@code epoch}. */
    public static HostedPartition ledAlone(int nodeId, dev.streamlog.storage.log.PartitionLog log, int epoch) {
        HostedPartition partition = new HostedPartition(nodeId, log);
        partition.apply(new Leadership(nodeId, epoch, java.util.List.of(nodeId), java.util.List.of(nodeId), 0, 1), 0);
        return partition;
    }
}
