package dev.streamlog.it.kit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A JUnit extension for a test class that starts a {@link StreamlogCluster} in {@code @BeforeAll}: when a test
 * fails it prints where every service's log is, so a failed run says which files to read, and after the class's
 * last test it closes the cluster (if one was started). Register it with
 * {@code @RegisterExtension static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);}.
 *
 * <p>Thread-safe (stateless apart from the supplier).
 */
public final class ClusterWatcher implements TestWatcher, AfterAllCallback {

    private final Supplier<StreamlogCluster> cluster;

    public ClusterWatcher(Supplier<StreamlogCluster> cluster) {
        this.cluster = cluster;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StreamlogCluster running = cluster.get();
        if (running != null) {
            System.err.println(context.getDisplayName() + " failed; " + running.logFiles());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        StreamlogCluster running = cluster.get();
        if (running != null) {
            running.close();
        }
    }
}
