package dev.streamlog.it.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;

/**
 * The cluster's ZooKeeper: an in-process Curator {@link TestingServer} on a random loopback
 * port, and a Curator client for tests scoped to the platform's chroot (created on first use,
 * closed with the cluster).
 *
 * <p>Thread-safe.
 */
public final class ZooKeeperNode implements AutoCloseable {

    private static final String LATCH_SEQUENCE_MARKER = "latch-";
    /** Short ticks allow sessions from 2 s (ZooKeeper's floor is two ticks) up to 20 s. */
    private static final int TICK_TIME_MS = 1000;

    private final TestingServer server;
    private final String chroot;
    private CuratorFramework curator;

    ZooKeeperNode(String chroot) throws Exception {
        this.server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_TIME_MS, -1), true);
        this.chroot = chroot;
    }

    /** {@code 127.0.0.1:port}. */
    public String connectString() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Stops the server (its data and port are kept for {@link #restart()}); clients lose their connection. */
    public void stop() throws IOException {
        server.stop();
    }

    /** Starts the stopped server again on the same port with the same data. */
    public void restart() throws Exception {
        server.restart();
    }

    /** The chroot (Curator namespace) the services were started with. */
    public String chroot() {
        return chroot;
    }

    /** A started Curator client whose paths are relative to {@link #chroot()}. */
    public synchronized CuratorFramework curator() {
        if (curator == null) {
            CuratorFramework client = CuratorFrameworkFactory.builder()
                    .connectString(connectString())
                    .sessionTimeoutMs(10_000)
                    .connectionTimeoutMs(5_000)
                    .retryPolicy(new ExponentialBackoffRetry(100, 3))
                    .namespace(chroot)
                    .build();
            client.start();
            try {
                if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
                    client.close();
                    throw new IllegalStateException("no connection to ZooKeeper at " + connectString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.close();
                throw new IllegalStateException("interrupted while connecting to ZooKeeper", e);
            }
            curator = client;
        }
        return curator;
    }

    /**
     * The id of the current leader of the Curator {@code LeaderLatch} at {@code path} (the
     * participant whose sequential znode is lowest), if any participant is there.
     */
    public Optional<String> latchLeader(String path) throws Exception {
        CuratorFramework client = curator();
        List<String> children;
        try {
            children = client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
        Optional<String> first = children.stream()
                .filter(child -> child.contains(LATCH_SEQUENCE_MARKER))
                .min(Comparator.comparing(child -> child.substring(child.lastIndexOf(LATCH_SEQUENCE_MARKER))));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(client.getData().forPath(path + "/" + first.get()), StandardCharsets.UTF_8));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (curator != null) {
            curator.close();
            curator = null;
        }
        server.close();
    }
}
