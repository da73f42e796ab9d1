package dev.streamlog.coordinator.config;

import static dev.streamlog.support.cluster.ClusterClientConfiguration.internalHttpClient;
import static dev.streamlog.support.cluster.ClusterClientConfiguration.lenient;

import dev.streamlog.client.controller.ZkControllerLocator;
import dev.streamlog.client.metadata.ZkMetadataCache;
import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.client.security.ClusterTls;
import dev.streamlog.client.storage.HttpStorageClient;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.coordinator.commit.OffsetCommits;
import dev.streamlog.coordinator.membership.GroupInspection;
import dev.streamlog.coordinator.membership.GroupMembership;
import dev.streamlog.coordinator.membership.GroupMetrics;
import dev.streamlog.coordinator.offsets.OffsetsRecordCodec;
import dev.streamlog.coordinator.offsets.OffsetsTopicCreator;
import dev.streamlog.coordinator.ownership.OffsetsPartitionLoader;
import dev.streamlog.coordinator.ownership.PartitionOwnership;
import dev.streamlog.model.cluster.CoordinatorRegistration;
import dev.streamlog.support.cluster.ClusterClientConfiguration;
import dev.streamlog.support.info.NodeInfoContributor;
import dev.streamlog.support.runtime.PeriodicTask;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the coordinator: the cluster client ({@link ClusterClientConfiguration}), the
 * {@code __consumer_offsets} format, creator and loader, the partition ownership (started once the web server listens, so the URL it
 * registers is the real one), the offset commits and the group membership with its timer and
 * views. Internal JSON is read leniently (unknown fields ignored) so a newer peer does not break
 * the coordinator. Stateless.
 */
@Configuration(proxyBeanMethods = false)
@Import(ClusterClientConfiguration.class)
class CoordinatorConfiguration {

    @Bean
    OffsetsRecordCodec offsetsRecordCodec(JsonMapper json) {
        return new OffsetsRecordCodec(lenient(json));
    }

    @Bean(destroyMethod = "close")
    PartitionOwnership partitionOwnership(CuratorFramework curator, ZookeeperLayoutProperties layout,
                                          ZkMetadataCache metadata, ZkControllerLocator controllers,
                                          HttpStorageClient storage, PartitionRouter router, OffsetsRecordCodec codec,
                                          ClusterSignature signature, ClusterTls tls, JsonMapper json, Clock clock,
                                          CoordinatorProperties properties) {
        OffsetsTopicCreator creator = new OffsetsTopicCreator(metadata, controllers,
                internalHttpClient(tls, properties.controllerTimeout()), signature, json,
                properties.offsetsTopicPartitions(),
                properties.offsetsTopicReplicationFactor(), properties.controllerTimeout());
        OffsetsPartitionLoader loader = new OffsetsPartitionLoader(metadata, router, storage, codec, clock,
                properties.loadTimeout());
        return new PartitionOwnership(curator.usingNamespace(layout.chroot()), metadata, creator, loader,
                lenient(json), properties.ownershipCheckInterval());
    }

    /**
     * Starts the ownership once the port is known: it registers {@code http://advertised-host:port}, or
     * {@code https://} with TLS between the services on. The management server's start (on a port of its own when
     * {@code management.server.port} is set) is not the service's.
     */
    @Bean
    ApplicationListener<WebServerInitializedEvent> ownershipStarter(PartitionOwnership ownership, ClusterTls tls,
                                                                   CoordinatorProperties properties) {
        return event -> {
            if (!"management".equals(event.getApplicationContext().getServerNamespace())) {
                ownership.start(new CoordinatorRegistration(UUID.randomUUID().toString(),
                        advertisedUrl(properties, tls, Integer.toString(event.getWebServer().getPort()))));
            }
        };
    }

    @Bean
    OffsetCommits offsetCommits(PartitionOwnership ownership, ZkMetadataCache metadata, PartitionRouter router,
                                HttpStorageClient storage, OffsetsRecordCodec codec, Clock clock) {
        return new OffsetCommits(ownership, metadata, router, storage, codec, clock);
    }

    @Bean
    GroupMembership groupMembership(PartitionOwnership ownership, ZkMetadataCache metadata, PartitionRouter router,
                                    HttpStorageClient storage, OffsetsRecordCodec codec, OffsetCommits commits,
                                    Clock clock, GroupMetrics metrics) {
        return new GroupMembership(ownership, metadata, router, storage, codec, commits, clock, metrics);
    }

    @Bean
    NodeInfoContributor nodeInfoContributor(CuratorFramework curator, ZookeeperLayoutProperties layout,
                                            CoordinatorProperties properties, ClusterTls tls,
                                            Environment environment) {
        return NodeInfoContributor.reading(curator, layout.chroot(), "coordinator", () -> Map.of("advertised_url",
                advertisedUrl(properties, tls, environment.getProperty("local.server.port"))));
    }

    /** Where other services reach this coordinator: {@code http[s]://advertised-host:port}. */
    private static String advertisedUrl(CoordinatorProperties properties, ClusterTls tls, String port) {
        return tls.scheme() + "://" + properties.advertisedHost() + ":" + port;
    }

    @Bean
    GroupMetrics groupMetrics(MeterRegistry registry, GroupInspection inspection, PartitionOwnership ownership) {
        return new GroupMetrics(registry, inspection, ownership);
    }

    /** Keeps the group meters' snapshots current. */
    @Bean
    PeriodicTask groupMetricsRefresh(GroupMetrics metrics) {
        return new PeriodicTask("group-metrics", GroupMetrics.REFRESH, metrics::refresh);
    }

    @Bean
    GroupInspection groupInspection(PartitionOwnership ownership, ZkMetadataCache metadata, PartitionRouter router,
                                    HttpStorageClient storage) {
        return new GroupInspection(ownership, metadata, router, storage);
    }

    /** Applies the consumer timeouts and coverage changes every {@code membership-check-interval}. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService membershipTimer(GroupMembership membership, CoordinatorProperties properties) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "membership-timer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.membershipCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                membership.expireAll();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(CoordinatorConfiguration.class).warn("Membership check failed", e);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
        return timer;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
