package dev.streamlog.gateway.config;

import static dev.streamlog.support.cluster.ClusterClientConfiguration.internalHttpClient;
import static dev.streamlog.support.cluster.ClusterClientConfiguration.lenient;

import dev.streamlog.client.controller.ZkControllerLocator;
import dev.streamlog.client.coordinator.ZkCoordinatorLocator;
import dev.streamlog.client.metadata.ZkClusterId;
import dev.streamlog.client.metadata.ZkMetadataCache;
import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.client.security.ClusterTls;
import dev.streamlog.client.storage.HttpStorageClient;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.gateway.admin.ControllerForwarder;
import dev.streamlog.gateway.consumer.ConsumerGroupViews;
import dev.streamlog.gateway.consumer.ConsumerService;
import dev.streamlog.gateway.consumer.CoordinatorCalls;
import dev.streamlog.gateway.metadata.ClusterIdCheck;
import dev.streamlog.gateway.metrics.TopicTraffic;
import dev.streamlog.model.Partitioner;
import dev.streamlog.support.cluster.ClusterClientConfiguration;
import dev.streamlog.support.info.NodeInfoContributor;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import java.time.Clock;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the gateway: the cluster client ({@link ClusterClientConfiguration}), the coordinator locator (on the
 * chrooted Curator client), the admin forwarder, the consumer service and views, the partitioner and the clock.
 * Internal JSON (znodes, other services' answers) is read leniently (unknown fields ignored) so a newer peer
 * does not break the gateway. Stateless.
 */
@Configuration(proxyBeanMethods = false)
@Import(ClusterClientConfiguration.class)
class GatewayConfiguration {

    @Bean
    ControllerForwarder controllerForwarder(ZkControllerLocator locator, ClusterSignature signature, ClusterTls tls,
                                            GatewayProperties properties) {
        return new ControllerForwarder(internalHttpClient(tls, properties.controllerTimeout()), signature, locator,
                properties.controllerTimeout());
    }

    @Bean(destroyMethod = "close")
    ZkCoordinatorLocator zkCoordinatorLocator(CuratorFramework curator, ZookeeperLayoutProperties layout,
                                              ZkMetadataCache metadata, JsonMapper json, GatewayProperties properties) {
        ZkCoordinatorLocator locator = new ZkCoordinatorLocator(curator.usingNamespace(layout.chroot()), metadata,
                lenient(json), properties.coordinatorTimeout());
        locator.start();
        return locator;
    }

    @Bean
    CoordinatorCalls coordinatorCalls(ZkCoordinatorLocator locator, ClusterSignature signature, ClusterTls tls,
                                      JsonMapper json, GatewayProperties properties) {
        return new CoordinatorCalls(internalHttpClient(tls, properties.coordinatorTimeout()), signature, locator, json,
                properties.coordinatorTimeout());
    }

    @Bean
    ConsumerService consumerService(CoordinatorCalls calls, PartitionRouter router, HttpStorageClient storage,
                                    JsonMapper json, GatewayProperties properties, TopicTraffic traffic) {
        return new ConsumerService(calls, router, storage, properties, lenient(json), traffic);
    }

    @Bean
    ClusterIdCheck clusterIdCheck(CuratorFramework curator, ZookeeperLayoutProperties layout,
                                  GatewayProperties properties) {
        return new ClusterIdCheck(new ZkClusterId(curator.usingNamespace(layout.chroot()),
                properties.coordinatorTimeout()), properties.coordinatorTimeout());
    }

    @Bean
    ConsumerGroupViews consumerGroupViews(CoordinatorCalls calls, ClusterIdCheck clusterId, JsonMapper json) {
        return new ConsumerGroupViews(calls, clusterId, lenient(json));
    }

    @Bean
    NodeInfoContributor nodeInfoContributor(CuratorFramework curator, ZookeeperLayoutProperties layout,
                                            Environment environment) {
        return NodeInfoContributor.reading(curator, layout.chroot(), "gateway", () -> Map.of("instance",
                environment.getProperty("spring.cloud.zookeeper.discovery.instance-host",
                        environment.getProperty("server.address", "")) + ":"
                        + environment.getProperty("local.server.port")));
    }

    @Bean
    Partitioner partitioner() {
        return new Partitioner();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
