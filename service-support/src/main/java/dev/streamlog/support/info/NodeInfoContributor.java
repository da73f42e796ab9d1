package dev.streamlog.support.info;

import dev.streamlog.client.metadata.ClusterIdReader;
import dev.streamlog.client.metadata.ZkClusterId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code "streamlog": {"role", ...the node's own identity..., "cluster_id"}} to {@code /actuator/info}
 * (next to the build's version). The cluster id is read from ZooKeeper once and then kept; it is {@code null}
 * while no controller has written it or ZooKeeper does not answer within {@value #CLUSTER_ID_BOUND_SECONDS} s.
 *
 * <p>Thread-safe (immutable apart from the reader, which is thread-safe).
 */
public class NodeInfoContributor implements InfoContributor {

    static final long CLUSTER_ID_BOUND_SECONDS = 2;

    private final String role;
    private final Supplier<Map<String, Object>> identity;
    private final ClusterIdReader clusterId;

    /**
     * @param role      the service's role ({@code storage}, {@code controller}, {@code coordinator}, {@code gateway})
     * @param identity  what identifies this node (e.g. {@code node_id}, {@code advertised_url}), in order; asked
     *                  at each call, so it may name the port the server really bound
     * @param clusterId where the cluster id comes from
     */
    public NodeInfoContributor(String role, Supplier<Map<String, Object>> identity, ClusterIdReader clusterId) {
        this.role = role;
        this.identity = identity;
        this.clusterId = clusterId;
    }

    /** A contributor that reads the cluster id from {@code /cluster/id} under {@code chroot} with {@code curator}. */
    public static NodeInfoContributor reading(CuratorFramework curator, String chroot, String role,
                                              Supplier<Map<String, Object>> identity) {
        return new NodeInfoContributor(role, identity, new ZkClusterId(curator.usingNamespace(chroot),
                Duration.ofSeconds(CLUSTER_ID_BOUND_SECONDS)));
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", role);
        details.putAll(identity.get());
        details.put("cluster_id", clusterId.clusterId()
                .completeOnTimeout(Optional.empty(), CLUSTER_ID_BOUND_SECONDS, TimeUnit.SECONDS)
                .exceptionally(failure -> Optional.empty()).join().orElse(null));
        builder.withDetail("streamlog", details);
    }
}
