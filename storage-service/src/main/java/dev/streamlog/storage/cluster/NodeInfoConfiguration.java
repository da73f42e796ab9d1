package dev.streamlog.storage.cluster;

import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.support.info.NodeInfoContributor;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The storage node's entry on {@code /actuator/info}: role {@code storage}, its broker id and host. Stateless. */
@Configuration(proxyBeanMethods = false)
class NodeInfoConfiguration {

    @Bean
    NodeInfoContributor nodeInfoContributor(StorageProperties properties, CuratorFramework curator,
                                            ZookeeperLayoutProperties layout) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("node_id", properties.nodeId());
        identity.put("advertised_host", properties.advertisedHost());
        return NodeInfoContributor.reading(curator, layout.chroot(), "storage", () -> identity);
    }
}
