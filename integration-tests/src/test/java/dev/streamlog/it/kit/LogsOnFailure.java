package dev.streamlog.it.kit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A JUnit extension that prints where every service's log is when a test fails, so a failed
 * run says which files to read. Register it with
 * {@code @RegisterExtension static LogsOnFailure logs = new LogsOnFailure(() -> cluster);}.
 *
 * <p>Thread-safe (stateless apart from the supplier).
 */
public final class LogsOnFailure implements TestWatcher {

    private final Supplier<StreamlogCluster> cluster;

    public LogsOnFailure(Supplier<StreamlogCluster> cluster) {
        this.cluster = cluster;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StreamlogCluster running = cluster.get();
        if (running != null) {
            System.err.println(context.getDisplayName() + " failed; " + running.logFiles());
        }
    }
}
