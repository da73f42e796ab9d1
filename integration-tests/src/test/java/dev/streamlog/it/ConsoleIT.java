package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.Role;
import dev.streamlog.it.kit.SecretFiles;
import dev.streamlog.it.kit.StreamlogCluster;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web console in a real headless browser: Debian's Chromium driven by playwright-core
 * ({@code src/test/browser/console.mjs}, run with Node) against a running cluster's gateway. The page loads,
 * lists the topics, shows a partition's ISR and a group's lag, browses messages from an offset and from a time,
 * and produces a record it then shows; the screenshot is saved as {@code target/console/console.png}.
 * playwright-core is installed from the npm registry into {@code target/browser} on first run ({@code npm ci}
 * against the committed lock file). Skipped when Node or Chromium is missing, unless
 * {@code STREAMLOG_REQUIRE_BROWSER} is set (as {@code .ci/run} does after installing Chromium).
 */
class ConsoleIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Path SOURCES = Path.of("src", "test", "browser").toAbsolutePath();
    private static final Path WORK = Path.of("target", "browser").toAbsolutePath();
    private static final Path SCREENSHOT = Path.of("target", "console", "console.png").toAbsolutePath();
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    private static final String TOPIC = "console-demo";
    private static final String GROUP = "console-readers";
    /** The console's user: a super user, as an operator signs in (ACLs are on). */
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "console-password";

    private static StreamlogCluster cluster;
    private static SecretFiles secrets;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);

    @BeforeAll
    static void prepare() throws Exception {
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        boolean chromium = Files.isExecutable(Path.of(CHROMIUM));
        if (System.getenv("STREAMLOG_REQUIRE_BROWSER") != null) {
            assertThat(node).as("node on the PATH").isPresent();
            assertThat(npm).as("npm on the PATH").isPresent();
            assertThat(chromium).as("Chromium at " + CHROMIUM + " (apt-get install chromium)").isTrue();
        }
        assumeTrue(node.isPresent() && npm.isPresent() && chromium, "no node, npm or Chromium here");
        installPlaywright(npm.get());
        secrets = SecretFiles.create("streamlog-console-");
        Path users = secrets.htpasswd("users.htpasswd", Map.of(ADMIN, PASSWORD));
        cluster = StreamlogCluster.builder().controllers(1).storageNodes(3).coordinators(1).gateways(1)
                .property(Role.GATEWAY, "streamlog.gateway.auth.methods", "basic")
                .property(Role.GATEWAY, "streamlog.gateway.auth.basic.credentials-file", users.toString())
                .property(Role.GATEWAY, "streamlog.gateway.authorization.enabled", "true")
                .property(Role.GATEWAY, "streamlog.gateway.authorization.super-users", "User:" + ADMIN)
                .authorization(SecretFiles.basic(ADMIN, PASSWORD))
                .build();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (secrets != null) {
            secrets.close();
        }
    }

    @Test
    void theConsoleShowsTheClusterBrowsesMessagesAndProducesOne() throws Exception {
        GatewayApi gateway = cluster.gatewayApi();
        String clusterId = gateway.clusterId(BOUND);
        assertThat(gateway.createTopic(clusterId, TOPIC, 2, 3).status()).isEqualTo(201);
        gateway.awaitTopicReady(TOPIC, 2, BOUND);
        HttpResult produced = gateway.produce(TOPIC, 0, "application/vnd.kafka.text.v2+json",
                "{\"records\":[{\"value\":\"hello-0\"},{\"value\":\"hello-1\"},{\"value\":\"hello-2\"},"
                        + "{\"value\":\"hello-3\"},{\"value\":\"hello-4\"}]}");
        assertThat(produced.status()).as("%s", produced).isEqualTo(200);
        Await.until(BOUND, "every replica of " + TOPIC + " in sync", () -> {
            for (var partition : gateway.awaitTopicReady(TOPIC, 2, BOUND)) {
                for (var replica : partition.path("replicas")) {
                    if (!replica.path("in_sync").asBoolean()) {
                        return false;
                    }
                }
            }
            return true;
        });
        String instance = gateway.url("/consumers/" + GROUP + "/instances/r1");
        HttpResult created = Await.value(BOUND, "a consumer instance", () -> "", () -> {
            HttpResult answer = cluster.http().post(gateway.url("/consumers/" + GROUP), Http.KAFKA_V2,
                    "{\"name\":\"r1\",\"format\":\"text\"}");
            return answer.status() == 503 ? Optional.empty() : Optional.of(answer);
        });
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        assertThat(cluster.http().post(instance + "/subscription", Http.KAFKA_V2,
                "{\"topics\":[\"" + TOPIC + "\"]}").status()).isEqualTo(204);
        assertThat(cluster.http().post(instance + "/offsets", Http.KAFKA_V2,
                "{\"offsets\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"offset\":3}]}").status()).isEqualTo(200);

        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        Result run = run(List.of(onPath("node").orElseThrow().toString(), WORK.resolve("console.mjs").toString(),
                cluster.gateway().baseUrl(), TOPIC, GROUP, SCREENSHOT.toString()), Duration.ofMinutes(3));
        assertThat(cluster.http().get(gateway.url("/v3/clusters/" + clusterId + "/acls")).json().path("data")
                .size()).as("the ACL the console added, it deleted").isZero();
        assertThat(run.exitCode()).as("console.mjs said:%n%s", run.output()).isZero();
        assertThat(SCREENSHOT).isNotEmptyFile();
    }

    /** Copies the browser test to target/browser and installs its locked dependencies there once. */
    private static void installPlaywright(Path npm) throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "console.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            Result install = run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), Duration.ofMinutes(5));
            assertThat(install.exitCode()).as("npm ci said:%n%s", install.output()).isZero();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Duration bound) throws IOException, InterruptedException {
        Path output = Files.createTempFile(WORK, "run-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("CONSOLE_USER", ADMIN);
        builder.environment().put("CONSOLE_PASSWORD", PASSWORD);
        Process process = builder.start();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, "timed out after " + bound.toSeconds() + " s:\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }
}
