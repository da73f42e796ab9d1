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
 * controller (the one role that is healthy with nothing but ZooKeeper). Checks start, health, registration, SIGTERM stop, SIGKILL, restart on
 * the same port, log files, and that close kills everything and can be called twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamlogClusterIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String REGISTRATIONS = "/services/controller-service";

    private static StreamlogCluster cluster;

    @BeforeAll
    static void start() {
        cluster = StreamlogCluster.builder().controllers(1).build();
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
        ServiceNode controller = cluster.controllers().get(0);
        assertThat(controller.name()).isEqualTo("controller-1");
        assertThat(controller.isRunning()).isTrue();
        assertThat(controller.isHealthy()).as(controller.describe()).isTrue();
        assertThat(controller.logFile()).exists().hasParent(controller.logFile().getParent());
        assertThat(controller.logFile().getParent().getFileName().toString()).isEqualTo("StreamlogClusterIT");
        assertThat(Files.readString(controller.logFile())).contains("kit starts controller-1");
        assertThat(registrations()).as("registrations under " + REGISTRATIONS).hasSize(1);
        assertThat(cluster.storageNodes()).isEmpty();
        assertThat(cluster.activeController()).isSameAs(controller);
        assertThat(cluster.coordinators()).isEmpty();
        assertThatThrownBy(controller::brokerId).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Order(2)
    void stopSendsSigtermSoTheNodeDeregistersAndStartBringsItBackOnTheSamePort() throws Exception {
        ServiceNode controller = cluster.controllers().get(0);
        int port = controller.port();
        controller.stop();
        assertThat(controller.isRunning()).isFalse();
        assertThat(controller.pid()).isEqualTo(-1);
        assertThat(controller.isHealthy()).isFalse();
        assertThat(Files.readString(controller.logFile())).as("a clean shutdown is logged").contains("Graceful shutdown");
        Await.until(BOUND, "the registration to go away after a clean stop", () -> registrations().isEmpty());

        controller.start();
        assertThat(controller.port()).isEqualTo(port);
        assertThat(controller.isHealthy()).isTrue();
        Await.until(BOUND, "the node to register again", () -> registrations().size() == 1);
    }

    @Test
    @Order(3)
    void killSendsSigkill() throws Exception {
        ServiceNode controller = cluster.controllers().get(0);
        long pid = controller.pid();
        controller.kill();
        assertThat(controller.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        String log = Files.readString(controller.logFile());
        assertThat(log.substring(log.lastIndexOf("kit starts"))).as("no shutdown hook runs on SIGKILL")
                .doesNotContain("Graceful shutdown");

        controller.start();
        assertThat(controller.isHealthy()).isTrue();
        assertThat(Files.readString(controller.logFile()).split("kit starts controller-1", -1)).hasSize(4);
    }

    @Test
    @Order(4)
    void closeKillsEverythingDeletesTheDataAndCanBeCalledTwice() {
        ServiceNode controller = cluster.controllers().get(0);
        long pid = controller.pid();
        cluster.close();
        cluster.close();
        assertThat(controller.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(cluster.workDir()).doesNotExist();
        assertThat(controller.logFile()).as("logs stay for reading after the run").exists();
    }

    private static List<String> registrations() throws Exception {
        var curator = cluster.zookeeper().curator();
        return curator.checkExists().forPath(REGISTRATIONS) == null ? List.of() : curator.getChildren().forPath(REGISTRATIONS);
    }
}
