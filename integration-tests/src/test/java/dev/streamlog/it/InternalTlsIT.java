package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.client.fixtures.TestCertificates;
import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.Role;
import dev.streamlog.it.kit.ServiceNode;
import dev.streamlog.it.kit.StreamlogCluster;
import dev.streamlog.model.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * TLS between the services ({@code streamlog.cluster.tls.bundle}), with real handshakes against certificates a test
 * CA issued: every storage node, controller and coordinator listens on HTTPS only and registers an {@code https}
 * address, and every hop works over it: the gateway's admin calls to the controller, the controller's leadership
 * pushes to storage nodes, produce with acks=all (the gateway to the leader, the follower's replica fetches from
 * it), a consumer group (the gateway to the coordinator, the coordinator to the controller and to the storage nodes
 * holding {@code __consumer_offsets}), and leadership moving after a storage node is SIGKILLed. A client that trusts
 * another CA cannot complete a handshake with any of them. Real processes, real ZooKeeper.
 */
class InternalTlsIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final TestCertificates CA = new TestCertificates("streamlog-cluster-ca");
    private static final String TOPIC = "secured";
    private static final String GROUP = "tls-readers";

    private static StreamlogCluster cluster;
    private static GatewayApi gateway;
    private static String clusterId;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);

    @BeforeAll
    static void startCluster() {
        cluster = StreamlogCluster.builder().name("internal-tls").controllers(1).storageNodes(2).coordinators(1)
                .gateways(1).internalTls(CA)
                .property(Role.COORDINATOR, "streamlog.coordinator.offsets-topic-replication-factor", "2")
                .build();
        gateway = cluster.gatewayApi();
        clusterId = gateway.clusterId(BOUND);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyServiceButTheGatewaysListensOnHttpsOnlyAndRegistersAnHttpsAddress() throws Exception {
        for (ServiceNode node : internalNodes()) {
            assertThat(node.baseUrl()).startsWith("https://");
            assertThat(cluster.http().get(node.baseUrl() + "/livez").status()).as(node.name()).isEqualTo(200);
            HttpResult plain = plainAttempt("http://127.0.0.1:" + node.port() + "/livez");
            assertThat(plain == null || plain.status() == 400).as("%s over plain HTTP: %s", node.name(), plain)
                    .isTrue();
        }
        CuratorFramework zk = cluster.zookeeper().curator();
        for (ServiceNode storage : cluster.storageNodes()) {
            JsonNode registration = Http.json().readTree(zk.getData().forPath(ZkPaths.broker(storage.brokerId())));
            assertThat(registration.path("tls").asBoolean()).as("%s", registration).isTrue();
        }
        assertThat(cluster.zookeeper().latchLeader(ZkPaths.CONTROLLER))
                .contains(cluster.controllers().get(0).baseUrl());
        String coordinator = Await.value(BOUND, "the coordinator's registration", cluster::logFiles, () -> {
            List<String> members = zk.getChildren().forPath(ZkPaths.COORDINATOR_MEMBERS);
            return members.isEmpty() ? Optional.empty() : Optional.of(new String(zk.getData()
                    .forPath(ZkPaths.COORDINATOR_MEMBERS + "/" + members.get(0)), StandardCharsets.UTF_8));
        });
        assertThat(Http.json().readTree(coordinator).path("url").asString())
                .isEqualTo(cluster.coordinators().get(0).baseUrl());
    }

    @Test
    void aClientTrustingAnotherCaCannotCompleteAHandshake() {
        Http stranger = new Http(new TestCertificates("another-ca").trustingContext());
        for (ServiceNode node : internalNodes()) {
            assertThatThrownBy(() -> stranger.get(node.baseUrl() + "/livez")).as(node.name())
                    .isInstanceOf(Http.HttpTransportException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void everyHopWorksOverTls() {
        // gateway -> controller (admin), controller -> storage nodes (leadership pushes)
        HttpResult created = gateway.createTopic(clusterId, TOPIC, 1, 2);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("metadata").path("self").asString())
                .as("self links name the public listener, not the controller's internal one")
                .startsWith(gateway.url("/v3/clusters/"));
        gateway.awaitTopicReady(TOPIC, 1, BOUND);

        // gateway -> leader, follower -> leader (acks=all waits for the follower's replica fetch)
        HttpResult produced = gateway.produce(TOPIC, 0, Http.KAFKA_JSON,
                "{\"records\":[{\"value\":{\"n\":1}},{\"value\":{\"n\":2}}]}");
        assertThat(produced.status()).as("%s", produced).isEqualTo(200);
        Await.until(BOUND, "both replicas of " + TOPIC + "-0 in sync", cluster::logFiles,
                () -> replicasInSync() == 2);

        // gateway -> coordinator, coordinator -> controller (creates __consumer_offsets) and storage nodes
        String base = gateway.url("/consumers/" + GROUP + "/instances/reader");
        HttpResult instance = Await.value(BOUND, "a consumer instance of " + GROUP, cluster::logFiles, () -> {
            HttpResult answer = cluster.http().post(gateway.url("/consumers/" + GROUP), Http.KAFKA_V2,
                    "{\"name\":\"reader\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\","
                            + "\"auto.commit.enable\":\"false\"}");
            return answer.status() == 503 ? Optional.empty() : Optional.of(answer);
        });
        assertThat(instance.status()).as("%s", instance).isEqualTo(200);
        assertThat(cluster.http().post(base + "/subscription", Http.KAFKA_V2, "{\"topics\":[\"" + TOPIC + "\"]}")
                .status()).isEqualTo(204);
        List<Integer> read = new ArrayList<>();
        Await.until(BOUND, "the consumer to read both records", cluster::logFiles, () -> {
            HttpResult polled = cluster.http().get(base + "/records?timeout=1000", Http.KAFKA_JSON);
            assertThat(polled.status()).as("%s", polled).isEqualTo(200);
            polled.json().forEach(record -> read.add(record.path("value").path("n").asInt()));
            return read.size() >= 2;
        });
        assertThat(read).containsExactly(1, 2);
        HttpResult committed = cluster.http().post(base + "/offsets", Http.KAFKA_V2,
                "{\"offsets\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"offset\":1}]}");
        assertThat(committed.status()).as("%s", committed).isEqualTo(200);
        HttpResult offsets = cluster.internalHttp().get(cluster.coordinators().get(0).baseUrl()
                + "/internal/v1/groups/" + GROUP + "/offsets");
        assertThat(offsets.status()).as("%s", offsets).isEqualTo(200);
        // as Confluent's v2 commit: the record committed plus one, where the group resumes
        assertThat(offsets.json().path("offsets").path(0).path("offset").asLong()).isEqualTo(2);
    }

    @Test
    void leadershipMovesOverTlsWhenTheLeaderDies() {
        String topic = "failover";
        assertThat(gateway.createTopic(clusterId, topic, 1, 2).status()).isEqualTo(201);
        JsonNode partitions = gateway.awaitTopicReady(topic, 1, BOUND);
        int leader = partitions.path(0).path("leader").asInt();
        cluster.storageNode(leader).kill();
        try {
            HttpResult produced = Await.value(BOUND, "a write once " + topic + "-0 has a new leader",
                    cluster::logFiles, () -> {
                        HttpResult answer = gateway.produce(topic, 0, Http.KAFKA_JSON,
                                "{\"records\":[{\"value\":\"after\"}]}");
                        return answer.status() == 200 ? Optional.of(answer) : Optional.empty();
                    });
            assertThat(produced.json().path("offsets").path(0).path("error_code").isNull()).isTrue();
            assertThat(gateway.awaitTopicReady(topic, 1, BOUND).path(0).path("leader").asInt()).isNotEqualTo(leader);
        } finally {
            cluster.storageNode(leader).start();
        }
    }

    private static List<ServiceNode> internalNodes() {
        List<ServiceNode> nodes = new ArrayList<>(cluster.storageNodes());
        nodes.addAll(cluster.controllers());
        nodes.addAll(cluster.coordinators());
        return nodes;
    }

    private static int replicasInSync() {
        HttpResult replicas = cluster.http().get(gateway.url("/v3/clusters/" + clusterId + "/topics/" + TOPIC
                + "/partitions/0/replicas"));
        int inSync = 0;
        for (JsonNode replica : replicas.json().path("data")) {
            inSync += replica.path("is_in_sync").asBoolean() ? 1 : 0;
        }
        return inSync;
    }

    /** A plain-HTTP request's answer, or null when the server ended the connection without one. */
    private static HttpResult plainAttempt(String url) {
        try {
            return new Http().get(url);
        } catch (Http.HttpTransportException e) {
            return null;
        }
    }
}
