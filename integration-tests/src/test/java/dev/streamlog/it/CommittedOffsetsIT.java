package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.ServiceNode;
import dev.streamlog.it.kit.StreamlogCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Committed offsets are durable and move with their partition of {@code __consumer_offsets}:
 * two coordinator processes share its partitions (ZooKeeper leases); a group's commits go to the
 * owner, the other answers 421/42102 naming it; after the owner is SIGKILLed the survivor takes
 * the partition over, replays it and serves the same offsets; a restarted coordinator rejoins and
 * the offsets are still served by whichever owns the group then. Real ZooKeeper, 3 storage nodes,
 * every service its own process. The tests run in order and share the cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommittedOffsetsIT {

    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";
    private static final Duration BOUND = Duration.ofSeconds(90);

    private static StreamlogCluster cluster;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);

    @BeforeAll
    static void startCluster() {
        cluster = StreamlogCluster.builder().name("committed-offsets").controllers(1).storageNodes(3).coordinators(2)
                .gateways(1).fastCoordinatorFailover().build();
        GatewayApi gateway = cluster.gatewayApi();
        String clusterId = gateway.clusterId(BOUND);
        assertThat(gateway.createTopic(clusterId, TOPIC, 2, 3).status()).isEqualTo(201);
        gateway.awaitTopicReady(TOPIC, 2, BOUND);
        for (int partition = 0; partition < 2; partition++) {
            HttpResult produced = gateway.produce(TOPIC, partition, Http.KAFKA_JSON,
                    "{\"records\":[{\"value\":1},{\"value\":2},{\"value\":3},{\"value\":4},{\"value\":5}]}");
            assertThat(produced.status()).as("%s", produced).isEqualTo(200);
        }
    }


    @Test
    @Order(1)
    void theOwnerCommitsAndServesOffsetsAndTheOtherCoordinatorNamesIt() {
        ServiceNode owner = awaitOwner();
        ServiceNode other = cluster.coordinators().stream().filter(node -> node != owner).findFirst().orElseThrow();

        HttpResult committed = commit(owner, 3, 5);
        assertThat(committed.status()).as("%s", committed).isEqualTo(200);
        assertOffsets(cluster.internalHttp().get(offsetsUrl(owner)), 3, 5);

        HttpResult misdirected = cluster.internalHttp().get(offsetsUrl(other));
        ErrorBodies.assertError(misdirected, 421, 42102);
        assertThat(misdirected.json().path("message").asString()).contains(owner.baseUrl());
    }

    @Test
    @Order(2)
    void badCommitsAreRefusedAndChangeNothing() {
        ServiceNode owner = awaitOwner();

        ErrorBodies.assertError(commit(owner, 6, 0), 400, 40001);
        ErrorBodies.assertError(commit(owner, -1, 0), 400, 40001);
        ErrorBodies.assertError(cluster.internalHttp().postJson(offsetsUrl(owner),
                Map.of("offsets", List.of(Map.of("topic", "nope", "partition", 0, "offset", 0)))),
                404, 40401);
        ErrorBodies.assertError(cluster.internalHttp().postJson(offsetsUrl(owner),
                Map.of("offsets", List.of(Map.of("topic", TOPIC, "partition", 7, "offset", 0)))),
                404, 40402);
        ErrorBodies.assertError(cluster.internalHttp().post(offsetsUrl(owner), Http.JSON_TYPE, "{\"offsets\":"),
                400, 40001);
        ErrorBodies.assertError(cluster.internalHttp().get(owner.baseUrl() + "/internal/v1/groups/bad%20group/offsets"),
                400, 40001);

        assertOffsets(cluster.internalHttp().get(offsetsUrl(owner)), 3, 5);
    }

    @Test
    @Order(3)
    void committedOffsetsSurviveTheOwnersSigkill() {
        ServiceNode owner = awaitOwner();
        ServiceNode survivor = cluster.coordinators().stream().filter(node -> node != owner).findFirst().orElseThrow();

        owner.kill();

        HttpResult served = Await.value(BOUND, survivor.name() + " to take the group over", cluster::logFiles, () -> {
            HttpResult answer = cluster.internalHttp().get(offsetsUrl(survivor));
            return answer.status() == 200 ? Optional.of(answer) : Optional.empty();
        });
        assertOffsets(served, 3, 5);
        assertThat(commit(survivor, 4, 5).status()).isEqualTo(200);

        owner.start();
        owner.awaitHealthy();
        HttpResult afterRestart = cluster.internalHttp().get(offsetsUrl(awaitOwner()));
        assertOffsets(afterRestart, 4, 5);
    }

    private static ServiceNode awaitOwner() {
        return Await.value(BOUND, "a coordinator to own group " + GROUP, cluster::logFiles, () -> {
            for (ServiceNode node : cluster.coordinators()) {
                if (node.isRunning() && cluster.internalHttp().get(offsetsUrl(node)).status() == 200) {
                    return Optional.of(node);
                }
            }
            return Optional.empty();
        });
    }

    private static HttpResult commit(ServiceNode coordinator, long first, long second) {
        return cluster.internalHttp().post(offsetsUrl(coordinator), Http.JSON_TYPE, "{\"offsets\":["
                + "{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"offset\":" + first + ",\"metadata\":\"m\"},"
                + "{\"topic\":\"" + TOPIC + "\",\"partition\":1,\"offset\":" + second + "}]}");
    }

    private static void assertOffsets(HttpResult answer, long first, long second) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode offsets = answer.json().path("offsets");
        assertThat(offsets.size()).as("%s", answer).isEqualTo(2);
        assertThat(offsets.get(0).path("topic").asString()).isEqualTo(TOPIC);
        assertThat(offsets.get(0).path("partition").asInt()).isZero();
        assertThat(offsets.get(0).path("offset").asLong()).isEqualTo(first);
        assertThat(offsets.get(0).path("metadata").asString()).isEqualTo("m");
        assertThat(offsets.get(1).path("partition").asInt()).isEqualTo(1);
        assertThat(offsets.get(1).path("offset").asLong()).isEqualTo(second);
    }

    private static String offsetsUrl(ServiceNode coordinator) {
        return coordinator.baseUrl() + "/internal/v1/groups/" + GROUP + "/offsets";
    }
}
