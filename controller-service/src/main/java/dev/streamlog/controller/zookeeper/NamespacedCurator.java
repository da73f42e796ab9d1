package dev.streamlog.controller.zookeeper;

import org.apache.curator.framework.CuratorFramework;

/**
 * The Curator client with the platform's chroot as its namespace, so every path in
 * {@link dev.streamlog.model.ZkPaths} is used as is. A distinct type so it does not compete with
 * Spring Cloud Zookeeper's own {@link CuratorFramework} bean. Thread-safe (as Curator is).
 *
 * @param client the namespace facade ({@code curator.usingNamespace(chroot)})
 */
public record NamespacedCurator(CuratorFramework client) {
}
