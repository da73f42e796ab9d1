package dev.streamlog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectImageResponse;
import dev.streamlog.deploy.containers.ControllerContainer;
import dev.streamlog.deploy.containers.CoordinatorContainer;
import dev.streamlog.deploy.containers.GatewayContainer;
import dev.streamlog.deploy.containers.StorageContainer;
import dev.streamlog.deploy.containers.StreamlogContainer;
import dev.streamlog.deploy.containers.ZooKeeperContainer;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ContainerState;

/**
 * The images as single containers: ZooKeeper, one controller, one storage node, one coordinator and a
 * gateway, each its own Testcontainers container on one new network, started in dependency order and each
 * waited for on its readiness endpoint. Faster than the compose suite; checks what the images promise
 * (non-root user, data volume, health check) and one produce/consume round trip through the gateway.
 */
class ContainersSmokeIT {

    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final String TOPIC = "smoke";

    private static final Http HTTP = new Http();
    private static ZooKeeperContainer zooKeeper;
    private static Map<String, StreamlogContainer<?>> services;
    private static GatewayApi gateway;

    @RegisterExtension
    static final ContainerLogs LOGS = new ContainerLogs(ContainersSmokeIT::containers);

    @BeforeAll
    static void start() {
        DockerEngine.assumeAvailable();
        String tag = ServiceImages.tag();
        zooKeeper = new ZooKeeperContainer();
        ControllerContainer controller = new ControllerContainer(tag, zooKeeper, "controller-1");
        StorageContainer storage = new StorageContainer(tag, zooKeeper, 1);
        CoordinatorContainer coordinator = new CoordinatorContainer(tag, zooKeeper, "coordinator-1")
                .withEnv("STREAMLOG_COORDINATOR_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .dependsOn(controller, storage);
        GatewayContainer gatewayContainer = new GatewayContainer(tag, zooKeeper, "gateway")
                .dependsOn(controller, storage, coordinator);
        services = new LinkedHashMap<>();
        List.of(controller, storage, coordinator, gatewayContainer).forEach(c -> services.put(c.alias(), c));
        try {
            gatewayContainer.start();
        } catch (RuntimeException e) {
            ContainerLogs.print(containers());
            throw e;
        }
        gateway = new GatewayApi(HTTP, gatewayContainer.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            List<StreamlogContainer<?>> started = new ArrayList<>(services.values());
            Collections.reverse(started);
            started.forEach(StreamlogContainer::stop);
        }
        if (zooKeeper != null) {
            zooKeeper.stop();
            zooKeeper.getNetwork().close();
        }
    }

    @Test
    void imagesRunAsTheirOwnUserWithADataVolumeAndAHealthCheck() throws Exception {
        for (StreamlogContainer<?> service : services.values()) {
            Container.ExecResult uid = service.execInContainer("id", "-u");
            assertThat(uid.getStdout().trim()).as("uid in %s", service.alias()).isEqualTo("10001");

            InspectImageResponse image = DockerClientFactory.instance().client()
                    .inspectImageCmd(service.getDockerImageName()).exec();
            assertThat(image.getConfig().getUser()).as("user of %s", image.getRepoTags()).isEqualTo("streamlog");
            assertThat(image.getConfig().getVolumes()).as("volumes of %s", image.getRepoTags())
                    .containsKey("/var/lib/streamlog");
            assertThat(image.getConfig().getHealthcheck().getTest()).as("health check of %s", image.getRepoTags())
                    .anyMatch(part -> part.contains("/readyz"));
            assertThat(HTTP.get(service.baseUrl() + "/livez").status())
                    .as("liveness of %s", service.alias()).isEqualTo(200);
        }
        StreamlogContainer<?> gateway = services.values().stream()
                .filter(service -> service instanceof GatewayContainer).findFirst().orElseThrow();
        assertThat(HTTP.get(gateway.baseUrl() + "/actuator/prometheus").status())
                .as("the gateway's metrics are not on its public port").isEqualTo(404);
    }

    @Test
    void theServicesInternalRoutesRefuseAnAnonymousCaller() {
        for (String[] route : new String[][] {{"storage-1", "/internal/v1/partitions/t/0/offsets"},
                {"controller-1", "/v3/clusters"}, {"coordinator-1", "/internal/v1/groups"}}) {
            HttpResult answer = HTTP.get(services.get(route[0]).baseUrl() + route[1]);
            assertThat(answer.status()).as("%s", answer).isEqualTo(401);
            assertThat(answer.body()).as("%s", answer).contains("\"error_code\":40101");
        }
    }

    @Test
    void producesAndConsumesThroughTheGateway() {
        String clusterId = gateway.clusterId(BOUND);
        assertThat(gateway.createTopic(clusterId, TOPIC, 2, 1).status()).isEqualTo(201);
        gateway.awaitTopicReady(TOPIC, 2, BOUND);

        ProducedRecords produced = new ProducedRecords(gateway, TOPIC);
        for (int batch = 0; batch < 4; batch++) {
            assertThat(produced.produceBatch(50)).isEqualTo(50);
        }
        GroupReader reader = GroupReader.join(HTTP, gateway, "smoke-readers", "reader-1", TOPIC, BOUND);
        List<ConsumedRecord> read = reader.readUntil(produced::allAcknowledgedIn, BOUND);
        reader.leave();

        produced.assertReadBack(read);
        assertThat(read).hasSize(200);
    }

    private static Map<String, ContainerState> containers() {
        Map<String, ContainerState> all = new LinkedHashMap<>();
        if (zooKeeper != null) {
            all.put("zookeeper", zooKeeper);
        }
        if (services != null) {
            all.putAll(services);
        }
        return all;
    }
}
