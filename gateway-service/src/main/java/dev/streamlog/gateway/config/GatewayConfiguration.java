package dev.streamlog.gateway.config;

import dev.streamlog.client.controller.ZkControllerLocator;
import dev.streamlog.client.coordinator.ZkCoordinatorLocator;
import dev.streamlog.client.metadata.ZkClusterId;
import dev.streamlog.client.metadata.ZkMetadataCache;
import dev.streamlog.client.storage.HttpStorageClient;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.gateway.admin.ControllerForwarder;
import dev.streamlog.gateway.consumer.ConsumerGroupViews;
import dev.streamlog.gateway.consumer.ConsumerService;
import dev.streamlog.gateway.consumer.CoordinatorCalls;
import dev.streamlog.model.Partitioner;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the gateway: the ZooKeeper-fed metadata cache, controller locator and coordinator locator (on the chrooted
 * Curator client), the storage client and partition router, the admin forwarder, the consumer service, the partitioner and the clock. Internal JSON (znodes,
 * storage answers) is read leniently (unknown fields ignored) so a newer peer does not break the gateway.
 * Stateless.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean(destroyMethod = "close")
    ZkMetadataCache zkMetadataCache(CuratorFramework curator, ZookeeperLayoutProperties layout, JsonMapper json,
                                    GatewayProperties properties) {
        ZkMetadataCache cache = new ZkMetadataCache(curator.usingNamespace(layout.chroot()), lenient(json),
                properties.storageTimeout());
        cache.start();
        return cache;
    }

    @Bean(destroyMethod = "close")
    ZkControllerLocator zkControllerLocator(CuratorFramework curator, ZookeeperLayoutProperties layout,
                                            GatewayProperties properties) {
        ZkControllerLocator locator = new ZkControllerLocator(curator.usingNamespace(layout.chroot()),
                properties.controllerTimeout());
        locator.start();
        return locator;
    }

    @Bean
    HttpStorageClient httpStorageClient(JsonMapper json, GatewayProperties properties) {
        return new HttpStorageClient(httpClient(properties.storageTimeout()), lenient(json),
                properties.storageTimeout());
    }

    @Bean
    PartitionRouter partitionRouter(ZkMetadataCache metadata) {
        return new PartitionRouter(metadata);
    }

    @Bean
    ControllerForwarder controllerForwarder(ZkControllerLocator locator, GatewayProperties properties) {
        return new ControllerForwarder(httpClient(properties.controllerTimeout()), locator,
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
    CoordinatorCalls coordinatorCalls(ZkCoordinatorLocator locator, JsonMapper json, GatewayProperties properties) {
        return new CoordinatorCalls(httpClient(properties.coordinatorTimeout()), locator, json,
                properties.coordinatorTimeout());
    }

    @Bean
    ConsumerService consumerService(CoordinatorCalls calls, PartitionRouter router, HttpStorageClient storage,
                                    JsonMapper json, GatewayProperties properties) {
        return new ConsumerService(calls, router, storage, properties, lenient(json));
    }

    @Bean
    ConsumerGroupViews consumerGroupViews(CoordinatorCalls calls, CuratorFramework curator,
                                          ZookeeperLayoutProperties layout, JsonMapper json,
                                          GatewayProperties properties) {
        return new ConsumerGroupViews(calls, new ZkClusterId(curator.usingNamespace(layout.chroot()),
                properties.coordinatorTimeout()), lenient(json));
    }

    @Bean
    Partitioner partitioner() {
        return new Partitioner();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    private static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static JsonMapper lenient(JsonMapper json) {
        return json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }
}
