package dev.streamlog.storage.cluster;

import dev.streamlog.client.security.ClusterTls;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.datadir.DataDir;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps this node's ephemeral registration {@code /brokers/ids/{node-id}}
 * ({@link BrokerRegistration}: advertised host, the HTTP server's actual port, rack, and whether the port speaks
 * TLS, as {@link ClusterTls} says) present in
 * ZooKeeper for as long as the node runs, with a Curator {@link PersistentNode} in
 * {@link CreateMode#EPHEMERAL} mode:
 * <ul>
 *   <li>after a session loss it creates the znode again in the new session;</li>
 *   <li>after a SIGKILL and a quick restart the old session's znode may still exist: the node
 *       then writes its data into it and watches it; when the old session expires and the
 *       znode goes, it is created again, owned by the current session;</li>
 *   <li>if someone deletes it, it is created again.</li>
 * </ul>
 * Starts last (after the web server, so the port is known, and after every singleton, so the
 * logs are loaded) and stops first, removing the znode before the server stops. When the data dir
 * goes offline it {@link #withdraw withdraws} the znode for good.
 *
 * <p>Thread-safe.
 */
@Component
public class BrokerRegistrar implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRegistrar.class);

    private final CuratorFramework zk;
    private final StorageProperties properties;
    private final ApplicationContext context;
    private final JsonMapper json;
    private final ClusterTls tls;
    private volatile PersistentNode node;
    private volatile boolean withdrawn;

    public BrokerRegistrar(CuratorFramework curator, ZookeeperLayoutProperties namespace,
                           StorageProperties properties, ApplicationContext context, JsonMapper json,
                           DataDir dataDir, ClusterTls tls) {
        this.zk = curator.usingNamespace(namespace.chroot());
        this.properties = properties;
        this.context = context;
        this.json = json;
        this.tls = tls;
        dataDir.onOffline(this::withdraw);
    }

    /**
     * Removes the registration for good (this process never registers again): the data dir went offline, so the
     * controller must move this node's partitions now, as it does for a node that died.
     */
    public synchronized void withdraw() {
        withdrawn = true;
        stop();
        LOG.warn("event=broker-withdrawn nodeId={} reason=\"data dir offline\"", properties.nodeId());
    }

    @Override
    public synchronized void start() {
        if (withdrawn) {
            return;
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        BrokerRegistration registration = new BrokerRegistration(properties.advertisedHost(), port, properties.rack(),
                tls.enabled());
        String path = ZkPaths.broker(properties.nodeId());
        PersistentNode created = new PersistentNode(zk, CreateMode.EPHEMERAL, false, path,
                json.writeValueAsBytes(registration));
        created.getListenable().addListener(actualPath ->
                LOG.info("event=broker-registered path={} registration={}", actualPath, registration));
        created.start();
        node = created;
    }

    @Override
    public synchronized void stop() {
        PersistentNode current = node;
        node = null;
        if (current != null) {
            try {
                current.close();
                LOG.info("event=broker-deregistered nodeId={}", properties.nodeId());
            } catch (IOException e) {
                LOG.warn("event=broker-deregister-failed nodeId={} error={}", properties.nodeId(), e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return node != null;
    }

    /** The default phase: after the web server starts, before it stops. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    /** Whether the registration znode has been written (by create, or into a previous session's znode). */
    public boolean isRegistered() {
        PersistentNode current = node;
        if (current == null) {
            return false;
        }
        try {
            return current.waitForInitialCreate(0, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
