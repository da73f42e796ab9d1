package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.client.fixtures.TestIssuer;
import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.PublicRoutes;
import dev.streamlog.it.kit.RawHttp;
import dev.streamlog.it.kit.Role;
import dev.streamlog.it.kit.SecretFiles;
import dev.streamlog.it.kit.StreamlogCluster;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The public API with authentication on, as a deployment turns it on: the gateway takes HTTP Basic against an
 * htpasswd file of bcrypt hashes and bearer JWTs signed by an issuer's RSA key (a real key pair, real RS256 tokens,
 * the issuer and audience checked). Without credentials every route of the route table (and the console, the
 * actuator's paths and unknown paths) is answered 401/40101 with both challenges and changes nothing; wrong
 * passwords and forged, expired or foreign tokens are refused; the orchestrator's probes stay open (the actuator
 * listens on the management port, apart); a refused
 * request's body is never read; a changed credentials file takes effect without a restart. Real processes.
 */
class PublicAuthIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String TOPIC = "authenticated";
    private static final TestIssuer ISSUER = new TestIssuer();
    private static final String ALICE_PASSWORD = "alice's password: long & odd";

    private static SecretFiles secrets;
    private static Path users;
    private static StreamlogCluster cluster;
    private static GatewayApi gateway;
    private static String clusterId;
    private static final Http ANONYMOUS = new Http();

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);

    @BeforeAll
    static void startCluster() throws Exception {
        secrets = SecretFiles.create("streamlog-public-auth-");
        users = secrets.htpasswd("users.htpasswd", Map.of("operator", "operator-password", "alice", ALICE_PASSWORD, "dave", "dave-password"));
        Path key = Files.writeString(secrets.resolve("issuer.pem"), ISSUER.publicKeyPem());
        cluster = StreamlogCluster.builder().name("public-auth").controllers(1).storageNodes(1).coordinators(1)
                .gateways(1)
                .property(Role.COORDINATOR, "streamlog.coordinator.offsets-topic-replication-factor", "1")
                .property(Role.GATEWAY, "streamlog.gateway.auth.methods", "basic,bearer")
                .property(Role.GATEWAY, "streamlog.gateway.auth.basic.credentials-file", users.toString())
                .property(Role.GATEWAY, "streamlog.gateway.auth.bearer.public-key-file", key.toString())
                .property(Role.GATEWAY, "streamlog.gateway.auth.bearer.issuer", TestIssuer.ISSUER)
                .property(Role.GATEWAY, "streamlog.gateway.auth.bearer.audience", TestIssuer.AUDIENCE)
                .authorization(SecretFiles.basic("operator", "operator-password"))
                .build();
        gateway = cluster.gatewayApi();
        clusterId = gateway.clusterId(BOUND);
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
    void everyPublicRouteRefusesACallerWithoutCredentialsAndChangesNothing() {
        long endBefore = endOffset();
        SoftAssertions softly = new SoftAssertions();
        for (PublicRoutes.Route route : PublicRoutes.all(clusterId, TOPIC)) {
            HttpResult answer = ANONYMOUS.send(route.request(ANONYMOUS, gateway));
            softly.assertThat(answer.status()).as("%s", answer).isEqualTo(401);
            softly.assertThat(answer.body()).as("%s", answer).contains("\"error_code\":40101");
            softly.assertThat(answer.headers().allValues("WWW-Authenticate")).as("%s", answer).containsExactly(
                    "Basic realm=\"streamlog\", charset=\"UTF-8\"", "Bearer realm=\"streamlog\"");
        }
        softly.assertAll();

        assertThat(endOffset()).as("no anonymous record landed").isEqualTo(endBefore);
        assertThat(cluster.http().get(gateway.url("/topics"), Http.KAFKA_V2).body())
                .doesNotContain(PublicRoutes.PLANTED);
        assertThat(gateway.offsets(TOPIC, 0).status()).as("%s still exists", TOPIC).isEqualTo(200);
        assertThat(cluster.http().get(gateway.url("/v3/clusters/" + clusterId + "/consumer-groups")).body())
                .as("no anonymous consumer group").doesNotContain("\"g\"");
    }

    @Test
    void basicAndBearerCallersProduceAndReadAndTheProbesStayOpen() {
        Http alice = ANONYMOUS.authorizedBy(SecretFiles.basic("alice", ALICE_PASSWORD));
        HttpResult produced = alice.post(gateway.url("/topics/" + TOPIC), Http.KAFKA_JSON,
                "{\"records\":[{\"value\":\"from alice\"}]}");
        assertThat(produced.status()).as("%s", produced).isEqualTo(200);
        long offset = produced.json().path("offsets").get(0).path("offset").asLong();

        Http service = ANONYMOUS.authorizedBy("Bearer " + ISSUER.token("svc-reader", Duration.ofMinutes(5)));
        HttpResult read = service.get(gateway.url("/topics/" + TOPIC + "/partitions/0/records?offset=" + offset),
                Http.KAFKA_JSON);
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertThat(read.body()).contains("from alice");

        for (String probe : List.of("/livez", "/readyz")) {
            HttpResult answer = ANONYMOUS.get(gateway.url(probe));
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"status\":\"UP\"}");
        }
        HttpResult metrics = ANONYMOUS.get(cluster.gateway().managementUrl() + "/actuator/prometheus", "text/plain");
        assertThat(metrics.status()).as("the management port, for operators and scrapers: %s", metrics)
                .isEqualTo(200);
    }

    @Test
    void wrongPasswordsAndForgedExpiredOrForeignTokensAreRefused() {
        String url = gateway.url("/topics");
        for (String header : List.of(SecretFiles.basic("alice", "wrong"), SecretFiles.basic("mallory", "operator-password"),
                "Basic bm90LWJhc2U2NA", "Digest username=\"alice\"")) {
            HttpResult answer = ANONYMOUS.authorizedBy(header).get(url);
            assertThat(answer.status()).as("%s with %s", answer, header).isEqualTo(401);
            assertThat(answer.body()).contains("\"error_code\":40101");
        }
        Map<String, String> tokens = ISSUER.invalidTokens();
        tokens.put("without a subject", ISSUER.token(Map.of("iss", TestIssuer.ISSUER, "aud", TestIssuer.AUDIENCE),
                Instant.now().plusSeconds(300)));
        tokens.forEach((why, token) -> {
            HttpResult answer = ANONYMOUS.authorizedBy("Bearer " + token).get(url);
            assertThat(answer.status()).as("a token %s: %s", why, answer).isEqualTo(401);
            assertThat(answer.headers().allValues("WWW-Authenticate")).as(why)
                    .anySatisfy(challenge -> assertThat(challenge).startsWith(
                            "Bearer realm=\"streamlog\", error=\"invalid_token\", error_description=\""));
        });
    }

    @Test
    void aConsumerInstanceServesOnlyThePrincipalThatCreatedIt() {
        Http alice = ANONYMOUS.authorizedBy(SecretFiles.basic("alice", ALICE_PASSWORD));
        Http other = ANONYMOUS.authorizedBy("Bearer " + ISSUER.token("svc-reader", Duration.ofMinutes(5)));
        HttpResult created = alice.post(gateway.url("/consumers/owned"), Http.KAFKA_V2,
                "{\"name\":\"alices\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        String instance = "/consumers/owned/instances/alices";
        assertThat(alice.post(gateway.url(instance + "/subscription"), Http.KAFKA_V2,
                "{\"topics\":[\"" + TOPIC + "\"]}").status()).isEqualTo(204);

        SoftAssertions softly = new SoftAssertions();
        for (String[] call : new String[][] {
                {"GET", instance + "/records", null, null},
                {"POST", instance + "/subscription", Http.KAFKA_V2, "{\"topics\":[\"" + TOPIC + "\"]}"},
                {"GET", instance + "/subscription", null, null},
                {"DELETE", instance + "/subscription", null, null},
                {"GET", instance + "/assignments", null, null},
                {"POST", instance + "/positions/beginning", Http.KAFKA_V2, "{\"partitions\":[{\"topic\":\"" + TOPIC
                        + "\",\"partition\":0}]}"},
                {"POST", instance + "/offsets", Http.KAFKA_V2, "{}"},
                {"GET", instance + "/offsets", null, null},
                {"DELETE", instance, null, null}}) {
            HttpResult answer = other.send(request(call));
            softly.assertThat(answer.status()).as("svc-reader's %s", answer).isEqualTo(403);
            softly.assertThat(answer.body()).as("%s", answer).contains("\"error_code\":40301")
                    .contains("belongs to the principal that created it");
        }
        softly.assertAll();

        HttpResult subscription = alice.get(gateway.url(instance + "/subscription"), Http.KAFKA_V2);
        assertThat(subscription.body()).as("the owner's subscription is unchanged").contains(TOPIC);
        HttpResult polled = alice.get(gateway.url(instance + "/records?timeout=1000"), Http.KAFKA_JSON);
        assertThat(polled.status()).as("%s", polled).isEqualTo(200);
        HttpResult deleted = alice.send(alice.request(gateway.url(instance)).DELETE());
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
    }

    @Test
    void withAclsNotEnforcedOnlyASuperUserMayChangeThem() {
        String acls = gateway.url("/v3/clusters/" + clusterId + "/acls");
        HttpResult planted = cluster.http().authorizedBy(SecretFiles.basic("alice", ALICE_PASSWORD)).post(acls, Http.JSON_TYPE,
                "{\"resource_type\":\"CLUSTER\",\"resource_name\":\"kafka-cluster\",\"pattern_type\":\"LITERAL\","
                        + "\"principal\":\"User:alice\",\"host\":\"*\",\"operation\":\"ALL\","
                        + "\"permission\":\"ALLOW\"}");
        assertThat(planted.status()).as("%s", planted).isEqualTo(403);
        assertThat(planted.body()).contains("only a super user may change them");
        assertThat(cluster.http().get(acls).json().path("data").size()).as("nothing was planted").isZero();
    }

    @Test
    void aRefusedRequestsBodyIsNeverRead() throws Exception {
        byte[] head = ("POST /topics/" + TOPIC + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + Http.KAFKA_JSON
                + "\r\nContent-Length: 1000000000\r\n\r\n{\"records\":[").getBytes(StandardCharsets.US_ASCII);
        RawHttp.RawResponse answer = RawHttp.send(cluster.gateway().port(), head, Duration.ofSeconds(10));
        assertThat(answer.status()).as("%s", answer).isEqualTo(401);
        assertThat(answer.headers()).containsEntry("connection", "close");
    }

    @Test
    void aChangedCredentialsFileTakesEffectWithoutARestart() throws Exception {
        Http carol = ANONYMOUS.authorizedBy(SecretFiles.basic("carol", "carol-password"));
        Http dave = ANONYMOUS.authorizedBy(SecretFiles.basic("dave", "dave-password"));
        assertThat(carol.get(gateway.url("/topics")).status()).isEqualTo(401);
        assertThat(dave.get(gateway.url("/topics")).status()).as("dave's credentials, now verified and cached")
                .isEqualTo(200);

        secrets.htpasswd("users.htpasswd", Map.of("operator", "operator-password", "alice", ALICE_PASSWORD, "carol",
                "carol-password"));
        Await.until(Duration.ofSeconds(30), "carol to be let in and dave out",
                () -> carol.get(gateway.url("/topics")).status() == 200
                        && dave.get(gateway.url("/topics")).status() == 401);
    }

    private static long endOffset() {
        return gateway.offsets(TOPIC, 0).json().path("end_offset").asLong();
    }

    /** {@code call}: method, path and query, content type or null, body or null. */
    private static HttpRequest.Builder request(String[] call) {
        HttpRequest.Builder request = ANONYMOUS.request(gateway.url(call[1]));
        if (call[2] != null) {
            request.header("Content-Type", call[2]);
        }
        return request.method(call[0], call[3] == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call[3]));
    }
}
