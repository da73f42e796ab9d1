package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.client.fixtures.TestCertificates;
import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.Role;
import dev.streamlog.it.kit.SecretFiles;
import dev.streamlog.it.kit.StreamlogCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The public listener on TLS, as a deployment turns it on with Spring Boot's SSL bundle properties: real handshakes
 * against a gateway whose certificate a test CA issued, clients authenticated by their certificates (mutual TLS, the
 * subject's DN as principal, as Kafka's default mapping) or by Basic credentials over the same TLS, a certificate of
 * another CA refused in the handshake, and the server certificate replaced on disk taking effect without a restart.
 * The management port stays plain HTTP (the kit's health checks use it). Real processes.
 */
class TlsIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final TestCertificates CA = new TestCertificates("streamlog-test-ca");

    private static SecretFiles secrets;
    private static Path serverCertificate;
    private static Path serverKey;
    private static StreamlogCluster cluster;
    private static String base;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);

    @BeforeAll
    static void startCluster() throws Exception {
        secrets = SecretFiles.create("streamlog-tls-");
        TestCertificates.Issued server = CA.server("gateway-1");
        serverCertificate = TestCertificates.writeCertificate(server.certificate(), secrets.resolve("tls.crt"));
        serverKey = TestCertificates.writeKey(server.key(), secrets.resolve("tls.key"));
        Path ca = TestCertificates.writeCertificate(CA.authority(), secrets.resolve("ca.crt"));
        Path users = secrets.htpasswd("users.htpasswd", Map.of("carol", "carol-password"));
        cluster = StreamlogCluster.builder().name("tls").controllers(1).storageNodes(1).coordinators(1).gateways(1)
                .property(Role.COORDINATOR, "streamlog.coordinator.offsets-topic-replication-factor", "1")
                .property(Role.GATEWAY, "server.ssl.bundle", "public")
                .property(Role.GATEWAY, "server.ssl.client-auth", "want")
                .property(Role.GATEWAY, "spring.ssl.bundle.pem.public.keystore.certificate",
                        "file:" + serverCertificate)
                .property(Role.GATEWAY, "spring.ssl.bundle.pem.public.keystore.private-key", "file:" + serverKey)
                .property(Role.GATEWAY, "spring.ssl.bundle.pem.public.truststore.certificate", "file:" + ca)
                .property(Role.GATEWAY, "spring.ssl.bundle.pem.public.reload-on-update", "true")
                .property(Role.GATEWAY, "spring.ssl.bundle.watch.file.quiet-period", "1s")
                .property(Role.GATEWAY, "streamlog.gateway.auth.methods", "mtls,basic")
                .property(Role.GATEWAY, "streamlog.gateway.auth.basic.credentials-file", users.toString())
                .property(Role.GATEWAY, "streamlog.gateway.authorization.enabled", "true")
                .property(Role.GATEWAY, "streamlog.gateway.authorization.super-users", "User:CN=operator,O=Acme")
                .build();
        base = "https://127.0.0.1:" + cluster.gateway().port();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        secrets.close();
    }

    @Test
    void aClientCertificateNamesItsCallerAndBasicWorksOverTheSameTls() {
        Http operator = new Http(CA.clientContext(CA.client("CN=operator,O=Acme")));
        String clusterId = Await.value(BOUND, "GET /v3/clusters over TLS", () -> "", () -> {
            HttpResult clusters = operator.get(base + "/v3/clusters");
            return clusters.status() == 200
                    ? Optional.of(clusters.json().path("data").get(0).path("cluster_id").asString())
                    : Optional.empty();
        });
        HttpResult created = operator.post(base + "/v3/clusters/" + clusterId + "/topics", Http.JSON_TYPE,
                "{\"topic_name\":\"over-tls\",\"partitions_count\":1,\"replication_factor\":1}");
        assertThat(created.status()).as("the operator's certificate names a super user: %s", created).isEqualTo(201);

        Http alice = new Http(CA.clientContext(CA.client("CN=alice,O=Acme")));
        HttpResult denied = alice.get(base + "/topics/over-tls", Http.KAFKA_V2);
        assertThat(denied.status()).as("%s", denied).isEqualTo(403);
        assertThat(denied.body()).contains("User:CN=alice,O=Acme is not allowed DESCRIBE on topic 'over-tls'");

        Http anonymous = new Http(CA.trustingContext());
        HttpResult refused = anonymous.get(base + "/topics", Http.KAFKA_V2);
        assertThat(refused.status()).as("no certificate, no credentials: %s", refused).isEqualTo(401);
        assertThat(refused.body()).contains("a client certificate (TLS)");
        HttpResult carol = anonymous.authorizedBy(SecretFiles.basic("carol", "carol-password"))
                .get(base + "/topics", Http.KAFKA_V2);
        assertThat(carol.status()).as("Basic over TLS: %s", carol).isEqualTo(200);
        assertThat(carol.body()).as("carol may describe nothing").isEqualTo("[]");
    }

    @Test
    void anotherAuthoritysCertificatesAndPlainHttpGetNowhere() {
        TestCertificates stranger = new TestCertificates("stranger-ca");
        Http foreign = new Http(stranger.clientContext(stranger.client("CN=operator,O=Acme")));
        assertThatThrownBy(() -> foreign.get(base + "/topics", Http.KAFKA_V2))
                .as("the gateway's certificate is not the stranger's CA's").isInstanceOf(RuntimeException.class);
        Http impostor = new Http(CA.clientContext(stranger.client("CN=operator,O=Acme")));
        HttpResult unverified = impostor.get(base + "/topics", Http.KAFKA_V2);
        assertThat(unverified.status()).as("the JDK client holds back a certificate the server's CAs did not issue:"
                + " %s", unverified).isEqualTo(401);
        Http insisting = new Http(CA.insistingClientContext(stranger.client("CN=operator,O=Acme")));
        assertThatThrownBy(() -> insisting.get(base + "/topics", Http.KAFKA_V2))
                .as("a client that presents a foreign certificate anyway fails the handshake")
                .isInstanceOf(RuntimeException.class);
        HttpResult plain = new Http().get(base.replace("https:", "http:") + "/topics", Http.KAFKA_V2);
        assertThat(plain.status()).as("plain HTTP to the TLS port: %s", plain).isEqualTo(400);
        assertThat(new Http().get(cluster.gateway().managementUrl() + "/actuator/health").status())
                .as("the management port stays plain HTTP").isEqualTo(200);
    }

    @Test
    void aReplacedServerCertificateIsServedWithoutARestart() throws Exception {
        assertThat(serverSubject()).isEqualTo("CN=gateway-1");
        TestCertificates.Issued renewed = CA.server("gateway-1-renewed");
        Path key = TestCertificates.writeKey(renewed.key(), secrets.resolve("tls.key.next"));
        Path certificate = TestCertificates.writeCertificate(renewed.certificate(), secrets.resolve("tls.crt.next"));
        Files.move(key, serverKey, StandardCopyOption.REPLACE_EXISTING);
        Files.move(certificate, serverCertificate, StandardCopyOption.REPLACE_EXISTING);
        Await.until(BOUND, "the gateway to serve the renewed certificate", TlsIT::serverSubject,
                () -> serverSubject().equals("CN=gateway-1-renewed"));
    }

    /** The subject of the certificate a new handshake with the gateway presents. */
    private static String serverSubject() {
        HttpClient client = HttpClient.newBuilder().sslContext(CA.trustingContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(base + "/livez"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            return ((X509Certificate) answer.sslSession().orElseThrow().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName();
        } catch (IOException e) {
            return "no handshake: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
