package dev.streamlog.support.cluster;

import java.time.Duration;

/**
 * The timeouts a service gives its cluster clients; implemented by the settings record of each
 * service that uses {@link ClusterClientConfiguration}.
 */
public interface ClusterClientTimeouts {

    /** Connect and request timeout of every call to a storage node, and of ZooKeeper re-reads for them. */
    Duration storageTimeout();

    /** Connect and request timeout of every call to the active controller, and of its latch re-read. */
    Duration controllerTimeout();

    /**
     * How long an append keeps being asked again while its partition's leader is unavailable for a reason that
     * clears by itself (being elected, restarting, not serving a new partition yet); see
     * {@link dev.streamlog.client.storage.PartitionRouter}.
     */
    Duration deliveryTimeout();
}
