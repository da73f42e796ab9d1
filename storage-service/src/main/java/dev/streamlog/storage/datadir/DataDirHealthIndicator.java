package dev.streamlog.storage.datadir;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code dataDir} health component: UP while the data dir is online ({@link DataDir}), is a directory this node
 * can create a file in (a probe file is written and deleted on every check, which also catches a read-only or
 * vanished mount, even for root) and its file store has at least {@code streamlog.storage.engine.min-free-space}
 * usable. Details: {@code path}, {@code writable}, {@code free_bytes}, {@code min_free_bytes} and, when DOWN,
 * {@code error}; once offline, {@code offline_reason}, {@code offline_since} and what to do. Part of the readiness
 * group: a node that cannot write its logs should not be sent traffic.
 *
 * <p>Thread-safe (probe file names are unique per check).
 */
@Component("dataDir")
class DataDirHealthIndicator implements HealthIndicator {

    private final DataDir state;
    private final Path dataDir;
    private final long minFreeBytes;

    DataDirHealthIndicator(DataDir state) {
        this.state = state;
        this.dataDir = state.path();
        this.minFreeBytes = state.minFreeBytes();
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("path", dataDir.toString())
                .withDetail("min_free_bytes", minFreeBytes);
        if (state.offline().isPresent()) {
            DataDir.Offline offline = state.offline().get();
            health.down().withDetail("offline_reason", offline.reason())
                    .withDetail("offline_since", offline.since().toString())
                    .withDetail("action", "free or repair the data dir, then restart the node");
        }
        try {
            Path probe = Files.createTempFile(dataDir, ".health-", ".probe");
            Files.delete(probe);
            health.withDetail("writable", true);
        } catch (IOException | RuntimeException e) {
            return health.down().withDetail("writable", false).withDetail("error", e.toString()).build();
        }
        try {
            FileStore store = Files.getFileStore(dataDir);
            long free = store.getUsableSpace();
            health.withDetail("free_bytes", free);
            if (free < minFreeBytes) {
                health.down().withDetail("error", "free space " + free + " bytes is below " + minFreeBytes);
            }
        } catch (IOException e) {
            health.down().withDetail("error", e.toString());
        }
        return health.build();
    }
}
