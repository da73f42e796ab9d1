package dev.streamlog.support.zookeeper;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform's znodes live, prefix {@code streamlog.zookeeper}. Immutable. (The connection itself is
 * Spring Cloud Zookeeper's {@code spring.cloud.zookeeper.*}.)
 *
 * @param chroot the Curator namespace every Streamlog path is relative to, without a leading slash; default
 *               {@code streamlog}. Leading and trailing slashes are tolerated and removed.
 */
@ConfigurationProperties("streamlog.zookeeper")
public record ZookeeperLayoutProperties(@DefaultValue("streamlog") String chroot) {

    public ZookeeperLayoutProperties {
        String trimmed = chroot == null ? "" : chroot.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("streamlog.zookeeper.chroot must not be empty");
        }
        chroot = trimmed;
    }
}
