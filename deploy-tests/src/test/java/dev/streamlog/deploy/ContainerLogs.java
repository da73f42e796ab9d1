package dev.streamlog.deploy;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.testcontainers.containers.ContainerState;

/**
 * Prints the last lines of each container's log to standard error when a test fails, so a CI log says
 * what the services said. Also callable directly, for failures while starting them.
 *
 * <p>Thread-safe if the supplier is.
 */
final class ContainerLogs implements TestWatcher {

    private static final int LINES = 80;

    private final Supplier<Map<String, ? extends ContainerState>> containers;

    /** Watches the containers {@code containers} names (by service) when a test fails. */
    ContainerLogs(Supplier<Map<String, ? extends ContainerState>> containers) {
        this.containers = containers;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        print(containers.get());
    }

    /** Prints the last lines of each container's log; a log that cannot be read is said so. */
    static void print(Map<String, ? extends ContainerState> containers) {
        containers.forEach((name, container) -> {
            String tail;
            try {
                String[] lines = container.getLogs().split("\n");
                tail = String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - LINES), lines.length));
            } catch (RuntimeException e) {
                tail = "(log not readable: " + e + ")";
            }
            System.err.println("---- last " + LINES + " log lines of " + name + " ----\n" + tail);
        });
    }
}
