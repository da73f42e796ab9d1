package dev.streamlog.gateway.quota;

import dev.streamlog.client.zookeeper.ZkReads;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@link Quotas} how many gateways run, so each enforces its share: the gateways' service registrations
 * in ZooKeeper (Spring Cloud Zookeeper's discovery, ephemeral znodes under {@code <root>/gateway-service}), read
 * once per {@link #refresh} with a bounded wait. When ZooKeeper cannot say, the last count stays. Stateless apart from
 * the quotas it sets; called from one thread.
 */
public final class LiveGateways {

    private static final Logger log = LoggerFactory.getLogger(LiveGateways.class);

    private final CuratorFramework client;
    private final String registrations;
    private final Duration timeout;
    private final Quotas quotas;

    /**
     * @param client        a Curator client without namespace
     * @param registrations the znode whose children are the gateways' registrations
     * @param timeout       bound on the read
     */
    public LiveGateways(CuratorFramework client, String registrations, Duration timeout, Quotas quotas) {
        this.client = client;
        this.registrations = registrations;
        this.timeout = timeout;
        this.quotas = quotas;
    }

    /** Reads the gateways registered and passes their number on. */
    public void refresh() throws InterruptedException {
        try {
            Optional<List<String>> live = ZkReads.children(client, registrations, timeout)
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            quotas.gateways(live.map(List::size).orElse(1));
        } catch (ExecutionException | TimeoutException e) {
            log.debug("the live gateways could not be read: {}", e.toString());
        }
    }
}
