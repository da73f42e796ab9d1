package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.PublicRoutes;
import dev.streamlog.it.kit.Role;
import dev.streamlog.it.kit.SecretFiles;
import dev.streamlog.it.kit.StreamlogCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Kafka's ACLs on the public API, as a deployment turns them on: Basic users, ACLs enforced, {@code User:admin} a
 * super user, two gateways. ACLs are written through the v3 ACL API of one gateway (stored in the real
 * ZooKeeper) and enforced by both. A principal no ACL allows gets 403/40301 on every route of the route table
 * except those every caller may use, and sees nothing in the lists; WRITE without READ produces but cannot
 * consume; PREFIXED ACLs cover the names they start; a DENY beats an ALLOW; the ACL API answers in Confluent's
 * shapes. Real processes.
 */
class AclIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String TOPIC = "guarded";

    private static SecretFiles secrets;
    private static StreamlogCluster cluster;
    private static GatewayApi first;
    private static GatewayApi second;
    private static String clusterId;
    private static final Http ADMIN = user("admin");
    private static final Http ALICE = user("alice");
    private static final Http BOB = user("bob");
    private static final Http NOBODY = user("nobody");

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);

    @BeforeAll
    static void startCluster() throws Exception {
        secrets = SecretFiles.create("streamlog-acl-");
        Path users = secrets.htpasswd("users.htpasswd", Map.of("admin", password("admin"), "alice",
                password("alice"), "bob", password("bob"), "nobody", password("nobody")));
        cluster = StreamlogCluster.builder().name("acl").controllers(1).storageNodes(1).coordinators(1).gateways(2)
                .property(Role.COORDINATOR, "streamlog.coordinator.offsets-topic-replication-factor", "1")
                .property(Role.GATEWAY, "streamlog.gateway.auth.methods", "basic")
                .property(Role.GATEWAY, "streamlog.gateway.auth.basic.credentials-file", users.toString())
                .property(Role.GATEWAY, "streamlog.gateway.authorization.enabled", "true")
                .property(Role.GATEWAY, "streamlog.gateway.authorization.super-users", "User:admin")
                .authorization(basic("admin"))
                .build();
        first = new GatewayApi(ADMIN, cluster.gateways().get(0).baseUrl());
        second = new GatewayApi(ADMIN, cluster.gateways().get(1).baseUrl());
        clusterId = first.clusterId(BOUND);
        assertThat(first.createTopic(clusterId, TOPIC, 1, 1).status()).isEqualTo(201);
        first.awaitTopicReady(TOPIC, 1, BOUND);
        second.awaitTopicReady(TOPIC, 1, BOUND);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        secrets.close();
    }

    @Test
    void aPrincipalNoAclAllowsIsRefusedOnEveryRouteButTheOpenOnesAndSeesNothingListed() {
        long endBefore = endOffset();
        Set<String> everyones = Set.of("GET /", "GET /brokers", "GET /v3/clusters", "GET /v3/clusters/" + clusterId,
                "GET /v3/clusters/" + clusterId + "/brokers", "GET /v3/clusters/" + clusterId + "/brokers/1");
        Set<String> lists = Set.of("GET /topics", "GET /v3/clusters/" + clusterId + "/topics",
                "GET /v3/clusters/" + clusterId + "/topics/-/configs",
                "GET /v3/clusters/" + clusterId + "/brokers/1/partition-replicas",
                "GET /v3/clusters/" + clusterId + "/partitions/under-replicated",
                "GET /v3/clusters/" + clusterId + "/partitions/offline",
                "GET /v3/clusters/" + clusterId + "/consumer-groups");
        SoftAssertions softly = new SoftAssertions();
        for (PublicRoutes.Route route : PublicRoutes.all(clusterId, TOPIC)) {
            HttpResult answer = NOBODY.send(route.request(NOBODY, first));
            if (route.path().equals("/ui/")) {
                softly.assertThat(answer.status()).as("the console's page, static: %s", answer).isEqualTo(302);
            } else if (everyones.contains(route.toString())) {
                softly.assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            } else if (lists.contains(route.toString())) {
                softly.assertThat(answer.status()).as("%s", answer).isEqualTo(200);
                softly.assertThat(answer.body()).as("%s", answer).doesNotContain(TOPIC).doesNotContain("\"g\"");
            } else if (route.path().startsWith("/actuator") || route.path().equals("/no-such-route")) {
                softly.assertThat(answer.status()).as("%s", answer).isEqualTo(404);
            } else {
                softly.assertThat(answer.status()).as("%s", answer).isEqualTo(403);
                softly.assertThat(answer.body()).as("%s", answer).contains("\"error_code\":40301")
                        .contains("User:nobody is not allowed");
            }
        }
        softly.assertAll();
        assertThat(endOffset()).as("nobody's records did not land").isEqualTo(endBefore);
        assertThat(ADMIN.get(first.url("/topics"), Http.KAFKA_V2).body()).contains(TOPIC)
                .doesNotContain(PublicRoutes.PLANTED);
        assertThat(ADMIN.get(first.url("/v3/clusters/" + clusterId + "/acls?principal=User%3A%2A")).json()
                .path("data").size()).as("nobody's ACL for everyone was not written").isZero();
    }

    @Test
    void writeWithoutReadProducesButCannotConsume() {
        String topic = "write-only";
        createTopic(topic);
        createAcl("TOPIC", topic, "LITERAL", "User:alice", "WRITE", "ALLOW");
        createAcl("GROUP", "alice-group", "LITERAL", "User:alice", "READ", "ALLOW");

        HttpResult produced = ALICE.post(first.url("/topics/" + topic), Http.KAFKA_JSON,
                "{\"records\":[{\"value\":{\"n\":1}}]}");
        assertThat(produced.status()).as("%s", produced).isEqualTo(200);
        HttpResult v3 = ALICE.post(first.url("/v3/clusters/" + clusterId + "/topics/" + topic + "/records"),
                Http.JSON_TYPE, "{\"value\":{\"type\":\"JSON\",\"data\":2}}");
        assertThat(v3.status()).as("%s", v3).isEqualTo(200);
        assertThat(v3.body()).contains("\"error_code\":200");
        assertThat(ALICE.get(first.url("/topics/" + topic), Http.KAFKA_V2).status())
                .as("WRITE implies DESCRIBE").isEqualTo(200);

        HttpResult read = ALICE.get(first.url("/topics/" + topic + "/partitions/0/records?offset=0"),
                Http.KAFKA_JSON);
        assertThat(read.status()).as("%s", read).isEqualTo(403);
        assertThat(read.body()).contains("40301").contains("READ on topic '" + topic + "'");

        String instance = "/consumers/alice-group/instances/a";
        assertThat(ALICE.post(first.url("/consumers/alice-group"), Http.KAFKA_V2,
                "{\"name\":\"a\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}").status()).isEqualTo(200);
        assertThat(ALICE.post(first.url(instance + "/subscription"), Http.KAFKA_V2,
                "{\"topics\":[\"" + topic + "\"]}").status()).isEqualTo(204);
        HttpResult polled = Await.value(BOUND, "the member to be assigned the partition", () -> "", () -> {
            HttpResult poll = ALICE.get(first.url(instance + "/records?timeout=200"), Http.KAFKA_JSON);
            return poll.status() == 200 ? Optional.empty() : Optional.of(poll);
        });
        assertThat(polled.status()).as("%s", polled).isEqualTo(403);
        assertThat(polled.body()).contains("READ on topic '" + topic + "'");
        HttpResult commit = ALICE.post(first.url(instance + "/offsets"), Http.KAFKA_V2,
                "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0}]}");
        assertThat(commit.status()).as("%s", commit).isEqualTo(403);
        HttpResult commitAll = ALICE.post(first.url(instance + "/offsets"), Http.KAFKA_V2, "{}");
        assertThat(commitAll.status()).as("a commit of every position covers %s: %s", topic, commitAll)
                .isEqualTo(403);
        HttpResult seek = ALICE.post(first.url(instance + "/positions/beginning"), Http.KAFKA_V2,
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}");
        assertThat(seek.status()).as("%s", seek).isEqualTo(403);
        assertThat(ALICE.get(first.url(instance + "/offsets"), Http.KAFKA_V2).status())
                .as("committed offsets need only DESCRIBE, which WRITE implies").isEqualTo(200);
        assertThat(ALICE.post(first.url("/consumers/other-group"), Http.KAFKA_V2,
                "{\"name\":\"a\",\"format\":\"json\"}").status()).as("no READ on that group").isEqualTo(403);
        assertThat(ALICE.send(ALICE.request(first.url(instance)).DELETE()).status()).isEqualTo(204);
    }

    @Test
    void prefixedAclsCoverTheirNamesADenyWinsAndEveryGatewayEnforcesWhatOneWrote() {
        createTopic("sales.eu");
        createAcl("TOPIC", "sales.", "PREFIXED", "User:bob", "READ", "ALLOW");
        String records = "/topics/sales.eu/partitions/0/records?offset=0";
        Await.until(BOUND, "the second gateway to let bob read sales.eu",
                () -> BOB.get(second.url(records), Http.KAFKA_JSON).toString(),
                () -> BOB.get(second.url(records), Http.KAFKA_JSON).status() == 200);
        assertThat(BOB.get(second.url("/topics/" + TOPIC + "/partitions/0/records?offset=0"), Http.KAFKA_JSON)
                .status()).as("the prefix does not cover %s", TOPIC).isEqualTo(403);
        assertThat(BOB.get(second.url("/topics"), Http.KAFKA_V2).body()).contains("sales.eu").doesNotContain(TOPIC);

        createAcl("TOPIC", "sales.eu", "LITERAL", "User:bob", "READ", "DENY");
        Await.until(BOUND, "the second gateway to deny bob's read of sales.eu",
                () -> BOB.get(second.url(records), Http.KAFKA_JSON).toString(),
                () -> BOB.get(second.url(records), Http.KAFKA_JSON).status() == 403);
        assertThat(BOB.get(second.url("/topics/sales.eu"), Http.KAFKA_V2).status())
                .as("a DENY of READ leaves the DESCRIBE its ALLOW implies").isEqualTo(200);

        HttpResult deleted = ADMIN.send(ADMIN.request(first.url("/v3/clusters/" + clusterId
                + "/acls?resource_type=TOPIC&resource_name=sales.eu&pattern_type=LITERAL&principal=User%3Abob"
                + "&operation=READ&permission=DENY")).DELETE());
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
        assertThat(deleted.json().path("data").size()).isEqualTo(1);
        Await.until(BOUND, "the second gateway to let bob read sales.eu again",
                () -> BOB.get(second.url(records), Http.KAFKA_JSON).toString(),
                () -> BOB.get(second.url(records), Http.KAFKA_JSON).status() == 200);
    }

    @Test
    void theAclApiAnswersInConfluentsShapes() {
        String acls = "/v3/clusters/" + clusterId + "/acls";
        HttpResult created = ADMIN.post(first.url(acls), Http.JSON_TYPE, aclJson("TOPIC", "shapes-1", "LITERAL",
                "User:carol", "READ", "ALLOW"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo(first.url(acls) + "?resource_type=TOPIC&resource_name=shapes-1"
                + "&pattern_type=LITERAL&principal=User%3Acarol&host=*&operation=READ&permission=ALLOW");
        HttpResult batch = ADMIN.post(first.url(acls + ":batch"), Http.JSON_TYPE, "{\"data\":["
                + aclJson("TOPIC", "shapes-", "PREFIXED", "User:carol", "WRITE", "ALLOW") + ","
                + aclJson("TOPIC", "*", "LITERAL", "User:carol", "DESCRIBE", "ALLOW") + "]}");
        assertThat(batch.status()).as("%s", batch).isEqualTo(204);

        JsonNode match = ADMIN.get(first.url(acls + "?resource_type=topic&resource_name=shapes-1&pattern_type=match"
                + "&principal=User%3Acarol")).json();
        assertThat(match.path("kind").asString()).isEqualTo("KafkaAclList");
        assertThat(match.path("metadata").path("self").asString()).isEqualTo(first.url(acls)
                + "?resource_type=TOPIC&resource_name=shapes-1&pattern_type=MATCH&principal=User%3Acarol&host="
                + "&operation=ANY&permission=ANY");
        assertThat(match.path("data").size()).as("%s", match).isEqualTo(3);
        JsonNode one = match.path("data").get(0);
        assertThat(one.path("kind").asString()).isEqualTo("KafkaAcl");
        assertThat(one.path("cluster_id").asString()).isEqualTo(clusterId);
        assertThat(one.path("resource_name").asString()).as("sorted by name: * first").isEqualTo("*");
        assertThat(one.path("metadata").path("self").asString()).contains("operation=DESCRIBE");

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(ADMIN.send(ADMIN.request(first.url(acls)).DELETE()).body())
                .as("a delete names its filter").contains("\"error_code\":400").contains("resource_type");
        softly.assertThat(ADMIN.get(first.url(acls + "?operation=teapot")).body()).contains("\"error_code\":400")
                .contains("operation must be one of");
        softly.assertThat(ADMIN.post(first.url(acls), Http.JSON_TYPE, aclJson("TOPIC", "x", "MATCH", "User:carol",
                "READ", "ALLOW")).body()).contains("pattern_type cannot be MATCH");
        softly.assertThat(ADMIN.post(first.url(acls), Http.JSON_TYPE, "{\"resource_type\":\"TOPIC\"}").body())
                .contains("resource_name is required");
        softly.assertThat(ADMIN.post(first.url(acls), Http.JSON_TYPE, aclJson("CLUSTER", "mine", "LITERAL",
                "User:carol", "ALTER", "ALLOW")).body()).contains("kafka-cluster");
        softly.assertThat(ADMIN.post(first.url(acls + ":batch"), Http.JSON_TYPE, "{}").status()).isEqualTo(422);
        softly.assertThat(NOBODY.post(first.url(acls), Http.JSON_TYPE, aclJson("TOPIC", "*", "LITERAL",
                "User:nobody", "ALL", "ALLOW")).status()).as("creating ACLs needs ALTER on the cluster")
                .isEqualTo(403);
        softly.assertAll();

        HttpResult deleted = ADMIN.send(ADMIN.request(location).DELETE());
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
        assertThat(deleted.json().path("data").size()).isEqualTo(1);
        assertThat(deleted.json().path("data").get(0).path("resource_name").asString()).isEqualTo("shapes-1");
        HttpResult rest = ADMIN.send(ADMIN.request(first.url(acls + "?resource_type=ANY&pattern_type=ANY"
                + "&principal=User%3Acarol&operation=ANY&permission=ANY")).DELETE());
        assertThat(rest.json().path("data").size()).as("%s", rest).isEqualTo(2);
        assertThat(ADMIN.get(first.url(acls + "?principal=User%3Acarol")).json().path("data").size()).isZero();
    }

    private static void createTopic(String topic) {
        assertThat(first.createTopic(clusterId, topic, 1, 1).status()).isEqualTo(201);
        first.awaitTopicReady(topic, 1, BOUND);
        second.awaitTopicReady(topic, 1, BOUND);
    }

    private static void createAcl(String type, String name, String pattern, String principal, String operation,
                                  String permission) {
        HttpResult created = ADMIN.post(first.url("/v3/clusters/" + clusterId + "/acls"), Http.JSON_TYPE,
                aclJson(type, name, pattern, principal, operation, permission));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
    }

    private static String aclJson(String type, String name, String pattern, String principal, String operation,
                                  String permission) {
        return Http.json().writeValueAsString(Map.of("resource_type", type, "resource_name", name,
                "pattern_type", pattern, "principal", principal, "host", "*", "operation", operation,
                "permission", permission));
    }

    private static long endOffset() {
        return first.offsets(TOPIC, 0).json().path("end_offset").asLong();
    }

    private static String password(String user) {
        return user + "-password";
    }

    private static String basic(String user) {
        return SecretFiles.basic(user, password(user));
    }

    private static Http user(String name) {
        return new Http().authorizedBy(basic(name));
    }
}
