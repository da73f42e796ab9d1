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
                new StorageProperties.Engine(1, Duration.ofHours(1), Duration.ofHours(1)),
                new StorageProperties.Read(maxWait, DataSize.ofMegabytes(1), DataSize.ofMegabytes(16)));
    }
}
