package dev.streamlog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.streamlog.client.fixtures.TestCertificates;
import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerState;
import tools.jackson.databind.JsonNode;

/**
 * The shipped {@code docker-compose.yml}, unedited, with the shipped {@code docker-compose.public-tls.yml} (a
 * certificate of a test CA on the gateway's public port), run by the machine's compose through Testcontainers
 * ({@link ComposeProject}) on the images this build made, and used only through the gateway's published
 * port over TLS, as the admin whose password the gateway generated (anonymous callers are refused), with the services
 * talking to each other over TLS from the CA compose generated (their ports refuse plain HTTP): a replicated topic
 * takes 5,000 acks=all records, keeps taking them while the storage node leading
 * one of its partitions is killed, a consumer group reads everything back by the "nothing lost" rules, and
 * the restarted node rejoins every partition's ISR.
 */
class ComposeDeploymentIT {

    private static final List<String> SERVICES = List.of("zookeeper", "controller-1", "controller-2", "storage-1",
            "storage-2", "storage-3", "coordinator-1", "coordinator-2", "gateway");
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 3;
    private static final int BATCH = 100;
    private static final int BEFORE_FAULT = 5_000;
    private static final int DURING_FAULT = 1_000;
    private static final int DURING_FAULT_AT_LEAST = 500;
    private static final Duration FAULT_WINDOW = Duration.ofMinutes(2);

    /** The CA of the certificate the gateway serves on its public port. */
    private static final TestCertificates PUBLIC_CA = new TestCertificates("streamlog-e2e-public-ca");

    /** Where the gateway writes the admin password it generates at its first start. */
    private static final String ADMIN_PASSWORD = "/var/lib/streamlog/credentials/admin.password";

    /** The API as the generated admin calls it (compose starts with authentication and ACLs on). */
    private static Http http;
    private static ComposeProject compose;
    private static GatewayApi gateway;

    @RegisterExtension
    static final ContainerLogs LOGS = new ContainerLogs(ComposeDeploymentIT::containers);

    @BeforeAll
    static void up() {
        DockerEngine.assumeAvailable();
        String tag = ServiceImages.tag();
        int port = freePort();
        Path publicTls = publicCertificate();
        compose = ComposeProject.of("streamlog-e2e",
                List.of(ServiceImages.composeFile(), ServiceImages.publicTlsComposeFile()),
                Map.of("STREAMLOG_IMAGE_TAG", tag, "STREAMLOG_GATEWAY_PORT", Integer.toString(port),
                        "STREAMLOG_PUBLIC_TLS_DIR", publicTls.toString()),
                "gateway", Duration.ofMinutes(5));
        Instant started = Instant.now();
        try {
            compose.start();
        } catch (RuntimeException e) {
            ContainerLogs.print(containers());
            throw e;
        }
        System.out.printf("ComposeDeploymentIT: compose up until the gateway was healthy: %d s%n",
                Duration.between(started, Instant.now()).toSeconds());
        String base = "https://" + DockerClientFactory.instance().dockerHostIpAddress() + ":" + port;
        Http overTls = new Http(PUBLIC_CA.trustingContext());
        HttpResult anonymous = overTls.get(base + "/v3/clusters");
        assertThat(anonymous.status()).as("compose starts secure: %s", anonymous).isEqualTo(401);
        http = overTls.authorizedBy("Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword())
                .getBytes(StandardCharsets.UTF_8)));
        gateway = new GatewayApi(http, base);
    }

    /**
     * A folder with the gateway's public certificate (for 127.0.0.1 and localhost, from {@link #PUBLIC_CA}) and its
     * key, readable by the container's user, as an operator gives them to {@code docker-compose.public-tls.yml}.
     */
    private static Path publicCertificate() {
        try {
            Path dir = Files.createTempDirectory("streamlog-e2e-tls-");
            dir.toFile().deleteOnExit();
            TestCertificates.Issued server = PUBLIC_CA.server("gateway");
            for (Path file : List.of(TestCertificates.writeCertificate(server.certificate(), dir.resolve("tls.crt")),
                    TestCertificates.writeKey(server.key(), dir.resolve("tls.key")))) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                file.toFile().deleteOnExit();
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The password the gateway generated, read inside its container as an operator would. */
    private static String adminPassword() {
        try {
            ExecResult read = container("gateway").execInContainer("cat", ADMIN_PASSWORD);
            assertThat(read.getExitCode()).as("cat %s: %s", ADMIN_PASSWORD, read.getStderr()).isZero();
            return read.getStdout().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void down() {
        if (compose != null) {
            compose.stop();
        }
    }

    @Test
    void theServicesSpeakTlsToEachOtherAndTheGatewayHoldsNoKey() throws Exception {
        for (String service : SERVICES) {
            int port = service.startsWith("storage") ? 9091 : service.startsWith("controller") ? 9191
                    : service.startsWith("coordinator") ? 9291 : 0;
            if (port == 0) {
                continue;
            }
            ExecResult plain = container(service).execInContainer("timeout", "10", "bash", "-c",
                    "exec 3<>/dev/tcp/127.0.0.1/" + port
                            + " && printf 'GET /livez HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && cat <&3");
            assertThat(plain.getStdout()).as("plain HTTP to %s:%d", service, port).startsWith("HTTP/1.1 400")
                    .contains("requires TLS");
        }
        ExecResult gatewayFiles = container("gateway").execInContainer("ls", "-R", "/run");
        assertThat(gatewayFiles.getStdout()).as("the gateway's view of the cluster's TLS files").contains("trust.p12")
                .doesNotContain("member.p12");
    }

    @Test
    void survivesTheLossOfAStorageNode() {
        String clusterId = gateway.clusterId(BOUND);
        HttpResult created = gateway.createTopic(clusterId, TOPIC, PARTITIONS, 3);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        gateway.awaitTopicReady(TOPIC, PARTITIONS, BOUND);

        ProducedRecords produced = new ProducedRecords(gateway, TOPIC);
        for (int i = 0; i < BEFORE_FAULT / BATCH; i++) {
            assertThat(produced.produceBatch(BATCH)).as("acknowledged in batch %d with every node up", i)
                    .isEqualTo(BATCH);
        }

        String victim = "storage-" + leaderOf(0);
        DockerClient docker = DockerClientFactory.instance().client();
        String victimId = container(victim).getContainerId();
        docker.killContainerCmd(victimId).exec();
        assertThat(docker.inspectContainerCmd(victimId).exec().getState().getRunning()).isFalse();

        int duringFault = 0;
        Instant killed = Instant.now();
        Instant faultEnds = killed.plus(FAULT_WINDOW);
        while (duringFault < DURING_FAULT && Instant.now().isBefore(faultEnds)) {
            duringFault += produced.produceBatch(BATCH);
        }
        assertThat(duringFault).as("records acknowledged while %s was down", victim)
                .isGreaterThanOrEqualTo(DURING_FAULT_AT_LEAST);
        long faultSeconds = Duration.between(killed, Instant.now()).toSeconds();

        GroupReader reader = GroupReader.join(http, gateway, "e2e-readers", "reader-1", TOPIC, BOUND);
        List<ConsumedRecord> read = reader.readUntil(produced::allAcknowledgedIn, BOUND);
        reader.leave();
        produced.assertReadBack(read);
        assertThat(produced.acknowledgedCount()).isGreaterThanOrEqualTo(BEFORE_FAULT + DURING_FAULT_AT_LEAST);

        docker.startContainerCmd(victimId).exec();
        Instant restarted = Instant.now();
        int victimNode = Integer.parseInt(victim.substring("storage-".length()));
        Await.until(BOUND, victim + " back in the ISR of every partition of " + TOPIC, () -> {
            JsonNode partitions = gateway.awaitTopicReady(TOPIC, PARTITIONS, BOUND);
            for (JsonNode partition : partitions) {
                boolean inSync = false;
                for (JsonNode replica : partition.path("replicas")) {
                    inSync |= replica.path("broker").asInt() == victimNode && replica.path("in_sync").asBoolean();
                }
                if (!inSync) {
                    return false;
                }
            }
            return true;
        });
        System.out.printf("ComposeDeploymentIT: killed %s (leader of partition 0); %d records acknowledged in the %d s "
                        + "it was down, %d failed; %d records read back by the group; back in every ISR %d s after "
                        + "its restart%n", victim, duringFault, faultSeconds, produced.failedCount(), read.size(),
                Duration.between(restarted, Instant.now()).toSeconds());
    }

    private static int leaderOf(int partition) {
        HttpResult answer = http.get(gateway.url("/topics/" + TOPIC + "/partitions/" + partition), Http.KAFKA_V2);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json().path("leader").asInt();
    }

    private static ContainerState container(String service) {
        return compose.container(service)
                .orElseThrow(() -> new AssertionError("compose runs no " + service));
    }

    private static Map<String, ContainerState> containers() {
        Map<String, ContainerState> all = new LinkedHashMap<>();
        if (compose != null) {
            SERVICES.forEach(service -> compose.container(service).ifPresent(c -> all.put(service, c)));
        }
        return all;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
