package dev.streamlog.it.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The kit's own process handling, against the smallest real cluster: ZooKeeper and one
 * consumer coordinator. Checks start, health, registration, SIGTERM stop, SIGKILL, restart on
 * the same port, log files, and that close kills everything and can be called twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamlogClusterIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String REGISTRATIONS = "/services/consumer-coordinator-service";

    private static StreamlogCluster cluster;

    @BeforeAll
    static void start() {
        cluster = StreamlogCluster.builder().coordinators(1).build();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void buildStartsHealthyRegisteredNodesWithLogs() throws Exception {
        ServiceNode coordinator = cluster.coordinators().get(0);
        assertThat(coordinator.name()).isEqualTo("coordinator-1");
        assertThat(coordinator.isRunning()).isTrue();
        assertThat(coordinator.isHealthy()).as(coordinator.describe()).isTrue();
        assertThat(coordinator.logFile()).exists().hasParent(coordinator.logFile().getParent());
        assertThat(coordinator.logFile().getParent().getFileName().toString()).isEqualTo("StreamlogClusterIT");
        assertThat(Files.readString(coordinator.logFile())).contains("kit starts coordinator-1");
        assertThat(registrations()).as("registrations under " + REGISTRATIONS).hasSize(1);
        assertThat(cluster.storageNodes()).isEmpty();
        assertThatThrownBy(cluster::activeController).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(coordinator::brokerId).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Order(2)
    void stopSendsSigtermSoTheNodeDeregistersAndStartBringsItBackOnTheSamePort() throws Exception {
        ServiceNode coordinator = cluster.coordinators().get(0);
        int port = coordinator.port();
        coordinator.stop();
        assertThat(coordinator.isRunning()).isFalse();
        assertThat(coordinator.pid()).isEqualTo(-1);
        assertThat(coordinator.isHealthy()).isFalse();
        assertThat(Files.readString(coordinator.logFile())).as("a clean shutdown is logged").contains("Graceful shutdown");
        Await.until(BOUND, "the registration to go away after a clean stop", () -> registrations().isEmpty());

        coordinator.start();
        assertThat(coordinator.port()).isEqualTo(port);
        assertThat(coordinator.isHealthy()).isTrue();
        Await.until(BOUND, "the node to register again", () -> registrations().size() == 1);
    }

    @Test
    @Order(3)
    void killSendsSigkill() throws Exception {
        ServiceNode coordinator = cluster.coordinators().get(0);
        long pid = coordinator.pid();
        coordinator.kill();
        assertThat(coordinator.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        String log = Files.readString(coordinator.logFile());
        assertThat(log.substring(log.lastIndexOf("kit starts"))).as("no shutdown hook runs on SIGKILL")
                .doesNotContain("Graceful shutdown");

        coordinator.start();
        assertThat(coordinator.isHealthy()).isTrue();
        assertThat(Files.readString(coordinator.logFile()).split("kit starts coordinator-1", -1)).hasSize(4);
    }

    @Test
    @Order(4)
    void closeKillsEverythingDeletesTheDataAndCanBeCalledTwice() {
        ServiceNode coordinator = cluster.coordinators().get(0);
        long pid = coordinator.pid();
        cluster.close();
        cluster.close();
        assertThat(coordinator.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(cluster.workDir()).doesNotExist();
        assertThat(coordinator.logFile()).as("logs stay for reading after the run").exists();
    }

    private static List<String> registrations() throws Exception {
        var curator = cluster.zookeeper().curator();
        return curator.checkExists().forPath(REGISTRATIONS) == null ? List.of() : curator.getChildren().forPath(REGISTRATIONS);
    }
}
