package dev.streamlog.storage.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform's znodes live, prefix {@code streamlog.zookeeper}. Immutable.
 *
 * @param chroot {@code chroot}: the Curator namespace every Streamlog path is under, without a
 *               leading slash (default {@code streamlog}); the same for every service of a cluster
 */
@ConfigurationProperties("streamlog.zookeeper")
public record ZookeeperNamespaceProperties(@DefaultValue("streamlog") String chroot) {

    public ZookeeperNamespaceProperties {
        chroot = chroot == null ? "" : chroot.replaceAll("^/+|/+$", "");
        if (chroot.isEmpty()) {
            throw new IllegalArgumentException("streamlog.zookeeper.chroot must name a path, e.g. 'streamlog'");
        }
    }
}
