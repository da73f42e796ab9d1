package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.Prometheus;
import dev.streamlog.it.kit.Role;
import dev.streamlog.it.kit.SecretFiles;
import dev.streamlog.it.kit.StreamlogCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quotas as a deployment configures them (Kafka's client quotas: defaults and per-user overrides), held by a real
 * gateway: a producer that honours {@code Retry-After} keeps, over 30 s, within 10% of its byte rate; a principal
 * over its request rate is answered 429/42901 with {@code Retry-After} while another, without a limit, is not; the
 * throttling shows in the gateway's metrics. Real processes.
 */
class QuotaIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String TOPIC = "metered";
    /** alice's produce rate: 64 KiB of request bodies per second. */
    private static final long RATE = 64 * 1024;

    private static SecretFiles secrets;
    private static StreamlogCluster cluster;
    private static GatewayApi gateway;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);

    @BeforeAll
    static void startCluster() throws Exception {
        secrets = SecretFiles.create("streamlog-quota-");
        Path file = secrets.htpasswd("users.htpasswd", Map.of("operator", "operator-password", "alice",
                "alice-password", "bob", "bob-password"));
        cluster = StreamlogCluster.builder().name("quota").controllers(1).storageNodes(1).coordinators(1).gateways(1)
                .property(Role.COORDINATOR, "streamlog.coordinator.offsets-topic-replication-factor", "1")
                .property(Role.GATEWAY, "streamlog.gateway.auth.methods", "basic")
                .property(Role.GATEWAY, "streamlog.gateway.auth.basic.credentials-file", file.toString())
                .property(Role.GATEWAY, "streamlog.gateway.quotas.users.alice.producer-byte-rate", Long.toString(RATE))
                .property(Role.GATEWAY, "streamlog.gateway.quotas.users.bob.request-rate", "2")
                .authorization(basic("operator"))
                .build();
        gateway = cluster.gatewayApi();
        String clusterId = gateway.clusterId(BOUND);
        assertThat(gateway.createTopic(clusterId, TOPIC, 1, 1).status()).isEqualTo(201);
        gateway.awaitTopicReady(TOPIC, 1, BOUND);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        secrets.close();
    }

    @Test
    void aProducerThatHonoursRetryAfterKeepsWithinTenPercentOfItsRateOver30Seconds() {
        Http alice = new Http().authorizedBy(basic("alice"));
        String body = "{\"records\":[{\"value\":\"" + Base64.getEncoder().encodeToString(new byte[6 * 1024]) + "\"}]}";
        long bodyBytes = body.getBytes(StandardCharsets.UTF_8).length;
        long accepted = 0;
        int refused = 0;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            HttpResult answer = alice.post(gateway.url("/topics/" + TOPIC), "application/vnd.kafka.binary.v2+json",
                    body);
            if (answer.status() == 200) {
                accepted += bodyBytes;
                continue;
            }
            assertThat(answer.status()).as("%s", answer).isEqualTo(429);
            assertThat(answer.body()).contains("\"error_code\":42901").contains("User:alice is over its produce quota");
            long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 3L);
            refused++;
            long retryAt = System.nanoTime() + Duration.ofSeconds(retryAfter).toNanos();
            Await.until(Duration.ofSeconds(retryAfter + 5), "Retry-After to pass", () -> System.nanoTime() >= retryAt);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = accepted / seconds;
        System.out.printf("QuotaIT: %.0f bytes/s accepted over %.1f s against a quota of %d (%d refusals)%n", rate,
                seconds, RATE, refused);
        assertThat(refused).as("the producer ran into its quota").isPositive();
        assertThat(rate).as("%.0f bytes/s accepted over %.1f s against a quota of %d", rate, seconds, RATE)
                .isBetween(RATE * 0.9, RATE * 1.1);
        Prometheus metrics = Prometheus.scrape(new Http(), cluster.gateway().managementUrl());
        assertThat(metrics.sum("streamlog_quota_throttled_total", "user", "User:alice", "quota", "produce"))
                .isGreaterThanOrEqualTo(refused);
        assertThat(metrics.sum("streamlog_quota_used_bytes_total", "user", "User:alice", "quota", "produce"))
                .isGreaterThanOrEqualTo(accepted);
    }

    @Test
    void aRequestRateHoldsItsPrincipalOnlyAndSaysWhenToRetry() {
        Http bob = new Http().authorizedBy(basic("bob"));
        HttpResult refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            HttpResult answer = bob.get(gateway.url("/topics"), Http.KAFKA_V2);
            if (answer.status() == 429) {
                refused = answer;
            }
        }
        assertThat(refused).as("bob's 20 requests in a row exceed 2 per second").isNotNull();
        assertThat(refused.body()).contains("\"error_code\":42901").contains("request quota");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        Http alice = new Http().authorizedBy(basic("alice"));
        for (int i = 0; i < 20; i++) {
            assertThat(alice.get(gateway.url("/topics"), Http.KAFKA_V2).status()).as("alice has no request limit")
                    .isEqualTo(200);
        }
        assertThat(new Http().get(gateway.url("/readyz")).status()).as("probes are held to nothing").isEqualTo(200);
    }

    private static String basic(String user) {
        return SecretFiles.basic(user, user + "-password");
    }
}
