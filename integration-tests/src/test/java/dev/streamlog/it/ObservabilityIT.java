package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.Prometheus;
import dev.streamlog.it.kit.Role;
import dev.streamlog.it.kit.ServiceNode;
import dev.streamlog.it.kit.StreamlogCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * What operators watch, on a real cluster (ZooKeeper, a controller, 3 storage nodes with a 3 s
 * {@code replica-lag-time-max}, a coordinator, a gateway): the Prometheus meters move by exactly what was
 * produced and read, the under-replicated gauges follow a killed follower there and back, a group's lag gauge is
 * its end offset minus its commit, and readiness goes DOWN for a data dir that cannot be written and for every
 * service while ZooKeeper is away, and UP again after. The ZooKeeper test runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String TEXT = "application/vnd.kafka.text.v2+json";

    private static StreamlogCluster cluster;
    private static GatewayApi gateway;
    private static String clusterId;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);

    @BeforeAll
    static void startCluster() {
        cluster = StreamlogCluster.builder().controllers(1).storageNodes(3).coordinators(1).gateways(1)
                .property(Role.STORAGE, "streamlog.storage.replication.replica-lag-time-max", "3s")
                .build();
        gateway = cluster.gatewayApi();
        clusterId = gateway.clusterId(BOUND);
    }


    @Test
    @Order(1)
    void trafficMetersMoveByExactlyWhatWasProducedAndRead() {
        String topic = createTopic("metered");
        ServiceNode leader = cluster.storageNode(leaderOf(topic));
        Prometheus gatewayBefore = scrape(cluster.gateway());
        Prometheus leaderBefore = scrape(leader);

        StringBuilder body = new StringBuilder("{\"records\":[");
        long payload = 0;
        for (int i = 0; i < 40; i++) {
            String key = "key-" + i;
            String value = "value-" + "x".repeat(i);
            payload += key.length() + value.length();
            body.append(i == 0 ? "" : ",").append("{\"key\":\"").append(key).append("\",\"value\":\"").append(value)
                    .append("\"}");
        }
        assertThat(gateway.produce(topic, TEXT, body.append("]}").toString()).status()).isEqualTo(200);
        HttpResult read = cluster.http().get(gateway.url("/topics/" + topic + "/partitions/0/records?offset=0"),
                TEXT);
        assertThat(read.json().size()).isEqualTo(40);

        Prometheus gatewayAfter = scrape(cluster.gateway());
        assertThat(delta(gatewayBefore, gatewayAfter, "streamlog_gateway_produced_records_total", "topic", topic))
                .isEqualTo(40);
        assertThat(delta(gatewayBefore, gatewayAfter, "streamlog_gateway_produced_bytes_total", "topic", topic))
                .isEqualTo(payload);
        assertThat(delta(gatewayBefore, gatewayAfter, "streamlog_gateway_fetched_records_total", "topic", topic))
                .isEqualTo(40);
        assertThat(delta(gatewayBefore, gatewayAfter, "streamlog_gateway_fetched_bytes_total", "topic", topic))
                .isEqualTo(payload);
        assertThat(delta(gatewayBefore, gatewayAfter, "streamlog_gateway_requests_seconds_count", "api", "produce",
                "status", "200", "error_code", "none")).isEqualTo(1);
        assertThat(delta(gatewayBefore, gatewayAfter, "streamlog_gateway_requests_seconds_count", "api", "fetch",
                "status", "200")).isEqualTo(1);

        Prometheus leaderAfter = scrape(leader);
        assertThat(delta(leaderBefore, leaderAfter, "streamlog_storage_appended_records_total", "topic", topic))
                .isEqualTo(40);
        double appendedBytes = delta(leaderBefore, leaderAfter, "streamlog_storage_appended_bytes_total",
                "topic", topic);
        assertThat(appendedBytes).isGreaterThan(payload);
        for (ServiceNode replica : cluster.storageNodes()) {
            Await.until(BOUND, "the log size gauge of " + replica.name() + " to show the appended bytes",
                    () -> scrape(replica).sum("streamlog_log_size_bytes", "topic", topic, "partition", "0")
                            == appendedBytes);
        }
    }

    @Test
    @Order(1)
    void errorsAreCountedWithTheErrorCodeOfTheirBodyAlsoWhenRelayed() {
        String unknownInstance = gateway.url("/consumers/nobody/instances/x/assignments");
        Await.until(BOUND, "the group's coordinator to serve", () -> cluster.http().get(unknownInstance,
                Http.KAFKA_V2).status() != 503);
        Prometheus before = scrape(cluster.gateway());
        assertThat(gateway.createTopic(clusterId, "too-wide", 1, 9).status()).isEqualTo(400);
        assertThat(cluster.http().get(unknownInstance, Http.KAFKA_V2).status()).isEqualTo(404);
        assertThat(cluster.http().get(gateway.url("/topics/nothing-here"), Http.KAFKA_V2).status()).isEqualTo(404);

        Prometheus after = scrape(cluster.gateway());
        assertThat(delta(before, after, "streamlog_gateway_requests_seconds_count", "api", "admin", "status", "400",
                "error_code", "40002")).isEqualTo(1);
        assertThat(delta(before, after, "streamlog_gateway_requests_seconds_count", "api", "consumer",
                "status", "404", "error_code", "40403")).isEqualTo(1);
        assertThat(delta(before, after, "streamlog_gateway_requests_seconds_count", "api", "metadata",
                "status", "404", "error_code", "40403")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void underReplicatedGaugesFollowAFollowerThatDiesAndComesBack() {
        String topic = createTopic("watched");
        assertThat(gateway.produce(topic, TEXT, "{\"records\":[{\"value\":\"a\"},{\"value\":\"b\"}]}").status())
                .isEqualTo(200);
        ServiceNode leader = cluster.storageNode(leaderOf(topic));
        ServiceNode follower = cluster.storageNodes().stream().filter(node -> node != leader).findFirst()
                .orElseThrow();
        ServiceNode controller = cluster.controllers().get(0);
        double shrinks = scrape(leader).sum("streamlog_storage_isr_changes_total", "change", "shrink");
        Await.until(BOUND, leader.name() + " to show " + follower.name() + "'s fetch lag on " + topic,
                () -> scrape(leader).has("streamlog_replica_fetch_lag_offsets", "topic", topic,
                        "follower", Integer.toString(follower.brokerId())));

        follower.kill();
        try {
            Await.until(BOUND, "the controller to count under-replicated partitions after killing " + follower.name(),
                    () -> scrape(controller).sum("streamlog_partitions_under_replicated") >= 1);
            Await.until(BOUND, leader.name() + " to count its under-replicated partitions and the ISR shrink",
                    () -> scrape(leader).sum("streamlog_storage_partitions_under_replicated") >= 1
                            && scrape(leader).sum("streamlog_storage_isr_changes_total", "change", "shrink")
                            > shrinks);
        } finally {
            follower.start();
        }
        Await.until(BOUND, "no under-replicated partition once " + follower.name() + " is back",
                () -> scrape(controller).sum("streamlog_partitions_under_replicated") == 0
                        && scrape(controller).sum("streamlog_partitions_offline") == 0);
        assertThat(scrape(controller).sum("streamlog_controller_active")).isEqualTo(1);
        assertThat(scrape(controller).sum("streamlog_controller_brokers")).isEqualTo(3);
    }

    @Test
    @Order(3)
    void aGroupsLagGaugeIsTheEndOffsetMinusItsCommittedOffset() {
        String topic = createTopic("lagging");
        StringBuilder body = new StringBuilder("{\"records\":[");
        for (int i = 0; i < 30; i++) {
            body.append(i == 0 ? "" : ",").append("{\"value\":\"r").append(i).append("\"}");
        }
        assertThat(gateway.produce(topic, TEXT, body.append("]}").toString()).status()).isEqualTo(200);
        String instance = gateway.url("/consumers/laggards/instances/c1");
        HttpResult created = Await.value(BOUND, "a consumer instance", () -> "", () -> {
            HttpResult answer = cluster.http().post(gateway.url("/consumers/laggards"), Http.KAFKA_V2,
                    "{\"name\":\"c1\",\"format\":\"text\",\"auto.offset.reset\":\"earliest\","
                            + "\"auto.commit.enable\":\"false\"}");
            return answer.status() == 503 ? Optional.empty() : Optional.of(answer);
        });
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        assertThat(cluster.http().post(instance + "/subscription", Http.KAFKA_V2,
                "{\"topics\":[\"" + topic + "\"]}").status()).isEqualTo(204);
        // Confluent's commit names the last record processed (11) and stores the next one (12)
        HttpResult commit = cluster.http().post(instance + "/offsets", Http.KAFKA_V2,
                "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":11}]}");
        assertThat(commit.status()).as("%s", commit).isEqualTo(200);

        ServiceNode coordinator = cluster.coordinators().get(0);
        Await.until(BOUND, "the lag gauge of laggards on " + topic + "-0 to be 30 - 12", () -> {
            Prometheus metrics = scrape(coordinator);
            return metrics.sum("streamlog_consumer_group_lag_offsets", "group", "laggards", "topic", topic,
                    "partition", "0") == 18
                    && metrics.has("streamlog_consumer_group_lag_offsets", "group", "laggards", "topic", topic);
        });
        JsonNode lags = cluster.http().get(gateway.url("/v3/clusters/" + clusterId
                + "/consumer-groups/laggards/lags")).json().path("data");
        assertThat(lags.path(0).path("lag").asLong()).isEqualTo(18);
        Prometheus metrics = scrape(coordinator);
        assertThat(metrics.sum("streamlog_consumer_group_members", "group", "laggards")).isEqualTo(1);
        assertThat(metrics.sum("streamlog_consumer_rebalances_total", "group", "laggards")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("streamlog_consumer_instances")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(4)
    void aStorageNodeThatCannotWriteItsDataDirIsNotReady() throws Exception {
        ServiceNode node = cluster.storageNode(3);
        Path dataDir = node.dataDir();
        Path moved = dataDir.resolveSibling(dataDir.getFileName() + ".moved");
        assertThat(readiness(node).status()).isEqualTo(200);
        Files.move(dataDir, moved);
        Files.writeString(dataDir, "not a directory");
        try {
            Await.until(BOUND, node.name() + " to be not ready with its data dir gone", () -> {
                HttpResult readiness = readiness(node);
                return readiness.status() == 503
                        && readiness.json().path("components").path("dataDir").path("status").asString()
                        .equals("DOWN");
            });
        } finally {
            Files.delete(dataDir);
            Files.move(moved, dataDir);
        }
        Await.until(BOUND, node.name() + " to be ready again", () -> readiness(node).status() == 200);
    }

    @Test
    @Order(5)
    void everyServiceIsNotReadyWithoutZooKeeperAndReadyAgainWhenItReturns() throws Exception {
        List<ServiceNode> all = allNodes();
        all.forEach(node -> assertThat(readiness(node).status()).as(node.name()).isEqualTo(200));
        cluster.zookeeper().stop();
        try {
            for (ServiceNode node : all) {
                Await.until(BOUND, node.name() + " to be not ready without ZooKeeper",
                        () -> readiness(node).status() == 503);
            }
        } finally {
            cluster.zookeeper().restart();
        }
        for (ServiceNode node : all) {
            Await.until(BOUND, node.name() + " to be ready once ZooKeeper is back",
                    () -> readiness(node).status() == 200);
        }
    }

    private static List<ServiceNode> allNodes() {
        return Stream.of(cluster.controllers(), cluster.storageNodes(), cluster.coordinators(), cluster.gateways())
                .flatMap(List::stream).toList();
    }

    private static HttpResult readiness(ServiceNode node) {
        return cluster.http().get(node.managementUrl() + "/actuator/health/readiness");
    }

    private static Prometheus scrape(ServiceNode node) {
        return Prometheus.scrape(cluster.http(), node.managementUrl());
    }

    private static double delta(Prometheus before, Prometheus after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static String createTopic(String topic) {
        HttpResult created = gateway.createTopic(clusterId, topic, 1, 3);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        gateway.awaitTopicReady(topic, 1, BOUND);
        return topic;
    }

    private static int leaderOf(String topic) {
        return cluster.http().get(gateway.url("/topics/" + topic + "/partitions/0"), Http.KAFKA_V2).json()
                .path("leader").asInt();
    }
}
