package dev.streamlog.controller.config;

import static dev.streamlog.support.cluster.ClusterClientConfiguration.internalHttpClient;

import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.client.security.ClusterTls;
import dev.streamlog.controller.election.ActiveController;
import dev.streamlog.controller.election.ControllerElection;
import dev.streamlog.controller.leadership.LeaderAndIsrSender;
import dev.streamlog.controller.leadership.LeaderElector;
import dev.streamlog.controller.metadata.Ids;
import dev.streamlog.controller.metadata.TopicCommands;
import dev.streamlog.controller.metadata.WriteBatches;
import dev.streamlog.controller.metrics.ControllerMetrics;
import dev.streamlog.controller.placement.ReplicaPlacer;
import dev.streamlog.controller.placement.RoundRobinReplicaPlacer;
import dev.streamlog.controller.zookeeper.BrokerWatcher;
import dev.streamlog.controller.zookeeper.ControllerLatchWatcher;
import dev.streamlog.controller.zookeeper.NamespacedCurator;
import dev.streamlog.controller.zookeeper.ZkControllerEpochs;
import dev.streamlog.controller.zookeeper.ZkImageLoader;
import dev.streamlog.controller.zookeeper.ZkPersister;
import dev.streamlog.support.info.NodeInfoContributor;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import java.security.SecureRandom;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the controller: the chrooted Curator client, the ZooKeeper adapters, the commands with
 * their placer, the active controller and its election, and partition leadership (elections,
 * preferred leader restore, LeaderAndIsr pushes, over TLS when the cluster's services use it). Stateless.
 */
@Configuration(proxyBeanMethods = false)
class ControllerConfiguration {

    @Bean
    NodeInfoContributor nodeInfoContributor(CuratorFramework curator, ZookeeperLayoutProperties layout,
                                            ControllerProperties properties) {
        return NodeInfoContributor.reading(curator, layout.chroot(), "controller",
                () -> Map.of("advertised_url", properties.advertisedUrl()));
    }

    @Bean
    NamespacedCurator namespacedCurator(CuratorFramework curator, ZookeeperLayoutProperties layout) {
        return new NamespacedCurator(curator.usingNamespace(layout.chroot()));
    }

    @Bean
    ZkControllerEpochs zkControllerEpochs(NamespacedCurator curator) {
        return new ZkControllerEpochs(curator);
    }

    @Bean
    ZkImageLoader zkImageLoader(NamespacedCurator curator) {
        return new ZkImageLoader(curator);
    }

    @Bean
    ZkPersister zkPersister(NamespacedCurator curator) {
        return new ZkPersister(curator);
    }

    @Bean
    BrokerWatcher brokerWatcher(NamespacedCurator curator) {
        return new BrokerWatcher(curator);
    }

    @Bean
    ControllerLatchWatcher controllerLatchWatcher(NamespacedCurator curator) {
        return new ControllerLatchWatcher(curator);
    }

    @Bean
    ReplicaPlacer replicaPlacer() {
        return new RoundRobinReplicaPlacer(new SecureRandom());
    }

    @Bean
    TopicCommands topicCommands(ControllerProperties properties, ReplicaPlacer placer) {
        return new TopicCommands(properties.topicLimits(), placer, Ids::random);
    }

    @Bean
    LeaderAndIsrSender leaderAndIsrSender(BrokerWatcher brokers, ClusterSignature signature, ClusterTls tls,
                                          ControllerProperties properties) {
        return new LeaderAndIsrSender(brokers, signature,
                internalHttpClient(tls, properties.storageRequestTimeout()), properties.storageRequestTimeout());
    }

    @Bean
    ActiveController activeController(ZkControllerEpochs epochs, ZkImageLoader loader, ZkPersister persister,
                                      BrokerWatcher brokers, ControllerLatchWatcher latchWatcher,
                                      ControllerProperties properties, ClusterTls tls, LeaderAndIsrSender sender) {
        return new ActiveController(epochs, loader, persister, brokers, latchWatcher, advertisedUrl(properties, tls),
                properties.commandTimeout(), WriteBatches.DEFAULT_MAX_BYTES, sender);
    }

    /**
     * The advertised URL, which other services call: its scheme must be the one the cluster's services speak, or
     * every call to this controller would fail (or, with TLS on, this controller would be reached in the clear).
     */
    static String advertisedUrl(ControllerProperties properties, ClusterTls tls) {
        String url = properties.advertisedUrl();
        if (!url.startsWith(tls.scheme() + "://")) {
            throw new IllegalStateException("streamlog.controller.advertised-url is " + url + ", but the services of"
                    + " this cluster speak " + tls.scheme() + (tls.enabled() ? " (streamlog.cluster.tls.bundle is set)"
                    : " (streamlog.cluster.tls.bundle is not set)") + ": advertise " + tls.scheme() + "://host:port");
        }
        return url;
    }

    @Bean
    LeaderElector leaderElector(ActiveController controller, BrokerWatcher brokers, ControllerProperties properties,
                                ControllerMetrics metrics) {
        return new LeaderElector(controller, brokers,
                properties.leaderRebalanceEnabled() ? properties.leaderRebalanceInterval() : null, metrics);
    }

    @Bean
    ControllerElection controllerElection(NamespacedCurator curator, ActiveController controller) {
        return new ControllerElection(curator.client(), controller);
    }
}
