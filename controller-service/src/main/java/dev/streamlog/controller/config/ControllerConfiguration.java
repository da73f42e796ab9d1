package dev.streamlog.controller.config;

import dev.streamlog.client.security.ClusterSignature;
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
 * preferred leader restore, LeaderAndIsr pushes). Stateless.
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
    LeaderAndIsrSender leaderAndIsrSender(BrokerWatcher brokers, ClusterSignature signature,
                                          ControllerProperties properties) {
        return new LeaderAndIsrSender(brokers, signature, properties.storageRequestTimeout());
    }

    @Bean
    ActiveController activeController(ZkControllerEpochs epochs, ZkImageLoader loader, ZkPersister persister,
                                      BrokerWatcher brokers, ControllerLatchWatcher latchWatcher,
                                      ControllerProperties properties, LeaderAndIsrSender sender) {
        return new ActiveController(epochs, loader, persister, brokers, latchWatcher, properties.advertisedUrl(),
                properties.commandTimeout(), WriteBatches.DEFAULT_MAX_BYTES, sender);
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
