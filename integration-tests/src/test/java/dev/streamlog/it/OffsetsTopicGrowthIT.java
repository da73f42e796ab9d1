package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.Role;
import dev.streamlog.it.kit.ServiceNode;
import dev.streamlog.it.kit.StreamlogCluster;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * An existing cluster whose {@code __consumer_offsets} has fewer replicas than it should (here: made with
 * replication factor 1, as builds before 2026-12-06 did when only one storage node had registered yet) gets them
 * when a coordinator that wants 3 starts: every partition grows to 3 replicas, all of them in sync, and a group's
 * committed offset survives the growth.
 */
class OffsetsTopicGrowthIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String GROUP = "growth";
    private static final String TOPIC = "growth-topic";
    private static final String INSTANCE = "/consumers/" + GROUP + "/instances/c1";

    private static StreamlogCluster cluster;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);
    private static GatewayApi gateway;
    private static Http http;

    @BeforeAll
    static void startWithAnOffsetsTopicOfOneReplica() {
        cluster = StreamlogCluster.builder().controllers(1).storageNodes(3).coordinators(1).gateways(1)
                .property(Role.COORDINATOR, "streamlog.coordinator.offsets-topic-replication-factor", "1")
                .build();
        gateway = cluster.gatewayApi();
        http = cluster.http();
        String clusterId = gateway.clusterId(BOUND);
        assertThat(gateway.createTopic(clusterId, TOPIC, 1, 1).status()).isEqualTo(201);
        assertThat(gateway.produce(TOPIC, Http.KAFKA_JSON, "{\"records\":[{\"value\":1},{\"value\":2}]}").status())
                .isEqualTo(200);
    }

    @Test
    void aCoordinatorThatWantsThreeReplicasGrowsTheTopicAndCommittedOffsetsSurvive() {
        Await.until(BOUND, "__consumer_offsets made with one replica", () -> offsetsReplicas(false) == 1);
        Await.until(BOUND, "a consumer instance", () -> http.post(gateway.url("/consumers/" + GROUP), Http.KAFKA_V2,
                "{\"name\":\"c1\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}").status() == 200);
        assertThat(http.post(gateway.url(INSTANCE + "/assignments"), Http.KAFKA_V2,
                "{\"partitions\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0}]}").status() / 100).isEqualTo(2);
        HttpResult commit = http.post(gateway.url(INSTANCE + "/offsets"), Http.KAFKA_V2,
                "{\"offsets\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"offset\":1}]}");
        assertThat(commit.status() / 100).as("%s", commit).isEqualTo(2);
        long stored = committedOffset().orElseThrow();

        ServiceNode coordinator = cluster.coordinators().get(0);
        coordinator.stop();
        coordinator.start("--streamlog.coordinator.offsets-topic-replication-factor=3");

        Await.until(BOUND, "every offsets partition with 3 replicas, all in sync", cluster::logFiles,
                () -> offsetsReplicas(true) == 3);
        assertThat(http.get(gateway.url("/topics/__consumer_offsets"), Http.KAFKA_V2).json().path("configs")
                .path("min.insync.replicas").asString()).as("min.insync.replicas of the grown topic").isEqualTo("2");
        long after = Await.value(BOUND, "the committed offset through the restarted coordinator", cluster::logFiles,
                OffsetsTopicGrowthIT::committedOffset);
        assertThat(after).as("the committed offset after the growth").isEqualTo(stored);
    }

    /** The group's committed offset of the topic's partition 0, read through instance c1. */
    private static Optional<Long> committedOffset() {
        HttpResult offsets = http.send(http.request(gateway.url(INSTANCE + "/offsets"))
                .header("Content-Type", Http.KAFKA_V2).header("Accept", Http.KAFKA_V2)
                .method("GET", HttpRequest.BodyPublishers.ofString(
                        "{\"partitions\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0}]}")));
        JsonNode offset = offsets.status() == 200 ? offsets.json().path("offsets").path(0).path("offset") : null;
        return offset != null && offset.isIntegralNumber() ? Optional.of(offset.asLong()) : Optional.empty();
    }

    /** The fewest replicas of any {@code __consumer_offsets} partition (only those in sync when asked), or 0. */
    private static int offsetsReplicas(boolean inSyncOnly) {
        HttpResult topic = http.get(gateway.url("/topics/__consumer_offsets"), Http.KAFKA_V2);
        if (topic.status() != 200) {
            return 0;
        }
        int fewest = Integer.MAX_VALUE;
        for (JsonNode partition : topic.json().path("partitions")) {
            int count = 0;
            for (JsonNode replica : partition.path("replicas")) {
                count += !inSyncOnly || replica.path("in_sync").asBoolean() ? 1 : 0;
            }
            fewest = Math.min(fewest, count);
        }
        return fewest == Integer.MAX_VALUE ? 0 : fewest;
    }
}
