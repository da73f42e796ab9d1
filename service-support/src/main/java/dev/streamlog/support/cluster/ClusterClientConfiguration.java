package dev.streamlog.support.cluster;

import dev.streamlog.client.controller.ZkControllerLocator;
import dev.streamlog.client.metadata.ZkMetadataCache;
import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.client.security.ClusterTls;
import dev.streamlog.client.storage.HttpStorageClient;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.support.security.ClusterSecretConfiguration;
import dev.streamlog.support.security.ClusterTlsConfiguration;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster-client beans of a service that reaches the data without being a storage node (the
 * gateway, the consumer coordinator): the ZooKeeper-fed metadata cache and controller locator on
 * the chrooted Curator client, the storage client and the partition router. Timeouts come from
 * the service's {@link ClusterClientTimeouts} bean; calls are signed with the cluster's secret
 * ({@link ClusterSecretConfiguration}) and go over TLS when the cluster's services use it
 * ({@link ClusterTlsConfiguration}). Internal JSON is read leniently (unknown
 * fields ignored) so a newer peer does not break the service. Stateless.
 */
@Configuration(proxyBeanMethods = false)
@Import({ClusterSecretConfiguration.class, ClusterTlsConfiguration.class})
public class ClusterClientConfiguration {

    @Bean(destroyMethod = "close")
    ZkMetadataCache zkMetadataCache(CuratorFramework curator, ZookeeperLayoutProperties layout, JsonMapper json,
                                    ClusterClientTimeouts timeouts) {
        ZkMetadataCache cache = new ZkMetadataCache(curator.usingNamespace(layout.chroot()), lenient(json),
                timeouts.storageTimeout());
        cache.start();
        return cache;
    }

    @Bean(destroyMethod = "close")
    ZkControllerLocator zkControllerLocator(CuratorFramework curator, ZookeeperLayoutProperties layout,
                                            ClusterClientTimeouts timeouts) {
        ZkControllerLocator locator = new ZkControllerLocator(curator.usingNamespace(layout.chroot()),
                timeouts.controllerTimeout());
        locator.start();
        return locator;
    }

    @Bean
    HttpStorageClient httpStorageClient(ClusterSignature signature, ClusterTls tls, JsonMapper json,
                                        ClusterClientTimeouts timeouts) {
        return new HttpStorageClient(internalHttpClient(tls, timeouts.storageTimeout()), signature, lenient(json),
                timeouts.storageTimeout());
    }

    @Bean
    PartitionRouter partitionRouter(ZkMetadataCache metadata, ClusterClientTimeouts timeouts) {
        return new PartitionRouter(metadata, timeouts.deliveryTimeout());
    }

    /** An HTTP/1.1 client for calls between services: no redirects, the given connect timeout, {@code tls}. */
    public static HttpClient internalHttpClient(ClusterTls tls, Duration connectTimeout) {
        return tls.httpClient(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER));
    }

    /** {@code json} ignoring unknown fields, for reading what other services and znodes hold. */
    public static JsonMapper lenient(JsonMapper json) {
        return json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }
}
