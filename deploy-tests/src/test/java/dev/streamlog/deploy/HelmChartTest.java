package dev.streamlog.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart in {@code helm/streamlog}, checked with the real {@code helm} binary (no
 * Kubernetes needed): {@code helm lint --strict}, then {@code helm template} with the default
 * values and with overrides, and the rendered objects inspected (kinds, replica counts, probes,
 * volume claims, environment, ingress, disruption budgets, TLS from Secrets); values the schema forbids are refused.
 * Skipped when no {@code helm} is found, unless {@code STREAMLOG_REQUIRE_HELM} is set (as
 * {@code .ci/run} does after installing it), where a missing helm fails.
 */
class HelmChartTest {

    private static final Path CHART = Path.of(System.getProperty("streamlog.root", ".."), "helm", "streamlog")
            .toAbsolutePath().normalize();

    private static Path helm;

    @BeforeAll
    static void findHelm() {
        Optional<Path> found = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                        Stream.of(System.getProperty("user.home") + "/.local/bin"))
                .map(dir -> Path.of(dir, "helm")).filter(Files::isExecutable).findFirst();
        if (System.getenv("STREAMLOG_REQUIRE_HELM") != null) {
            assertThat(found).as("helm on the PATH or in ~/.local/bin (../shared/tools/get-helm.sh)").isPresent();
        }
        assumeTrue(found.isPresent(), "no helm here (../shared/tools/get-helm.sh installs one)");
        helm = found.get();
    }

    @Test
    void lintsStrictly() throws Exception {
        Result lint = run("lint", "--strict", CHART.toString());
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @Test
    void defaultValuesRenderTheWholePlatform() throws Exception {
        List<Map<String, Object>> objects = template();

        assertThat(kinds(objects)).containsExactlyInAnyOrder("Secret", "Secret", "Service", "Service", "Service",
                "Service", "Service",
                "StatefulSet", "StatefulSet", "Deployment", "Deployment", "Deployment",
                "PodDisruptionBudget", "PodDisruptionBudget", "PodDisruptionBudget", "PodDisruptionBudget",
                "PodDisruptionBudget");
        assertThat(replicas(objects, "StatefulSet", "t-zookeeper")).isEqualTo(3);
        assertThat(replicas(objects, "StatefulSet", "t-storage")).isEqualTo(3);
        assertThat(replicas(objects, "Deployment", "t-controller")).isEqualTo(2);
        assertThat(replicas(objects, "Deployment", "t-coordinator")).isEqualTo(2);
        assertThat(replicas(objects, "Deployment", "t-gateway")).isEqualTo(2);

        Map<String, Object> storage = find(objects, "StatefulSet", "t-storage");
        assertThat(path(storage, "spec", "serviceName")).isEqualTo("t-storage-headless");
        Map<String, Object> claim = first(path(storage, "spec", "volumeClaimTemplates"));
        assertThat(path(claim, "spec", "resources", "requests", "storage")).isEqualTo("10Gi");
        Map<String, Object> container = first(path(storage, "spec", "template", "spec", "containers"));
        assertThat(container.get("image")).isEqualTo("streamlog/storage-service:latest");
        assertThat(String.join(" ", list(container.get("command")))).contains("STREAMLOG_STORAGE_NODE_ID=${HOSTNAME##*-}");
        assertThat(env(container)).containsEntry("SPRING_CLOUD_ZOOKEEPER_CONNECT_STRING",
                        "t-zookeeper-0.t-zookeeper-headless:2181,t-zookeeper-1.t-zookeeper-headless:2181,"
                                + "t-zookeeper-2.t-zookeeper-headless:2181")
                .containsEntry("STREAMLOG_STORAGE_ADVERTISED_HOST", "$(POD_NAME).t-storage-headless")
                .containsEntry("STREAMLOG_STORAGE_DATA_DIR", "/var/lib/streamlog");

        for (String[] workload : new String[][] {{"StatefulSet", "t-storage"}, {"Deployment", "t-controller"},
                {"Deployment", "t-coordinator"}, {"Deployment", "t-gateway"}}) {
            Map<String, Object> service = first(path(find(objects, workload[0], workload[1]),
                    "spec", "template", "spec", "containers"));
            assertThat(path(service, "livenessProbe", "httpGet", "path")).as(workload[1])
                    .isEqualTo("/livez");
            assertThat(path(service, "readinessProbe", "httpGet", "path")).as(workload[1])
                    .isEqualTo("/readyz");
            assertThat(secretRef(service, "STREAMLOG_CLUSTER_SECRET")).as(workload[1])
                    .isEqualTo("t-cluster-secret/secret");
        }
        String secret = path(find(objects, "Secret", "t-cluster-secret"), "data", "secret").toString();
        assertThat(new String(Base64.getDecoder().decode(secret), StandardCharsets.US_ASCII))
                .as("a generated cluster secret").matches("[A-Za-z0-9]{64}");
        assertThat(env(first(path(find(objects, "Deployment", "t-controller"), "spec", "template", "spec",
                "containers")))).containsEntry("STREAMLOG_CONTROLLER_ADVERTISED_URL", "http://$(POD_IP):9191");
        assertThat(env(first(path(find(objects, "Deployment", "t-coordinator"), "spec", "template", "spec",
                "containers")))).containsEntry("STREAMLOG_COORDINATOR_OFFSETS_TOPIC_REPLICATION_FACTOR", "3");

        Map<String, Object> gateway = first(path(find(objects, "Deployment", "t-gateway"), "spec", "template", "spec",
                "containers"));
        assertThat(path(gateway, "ports").toString()).as("the gateway's ports").contains("name=management")
                .contains("containerPort=9480");
        assertThat(path(find(objects, "Service", "t-gateway"), "spec", "ports").toString())
                .as("the gateway's Service routes no traffic to its actuator").doesNotContain("9480");

        assertThat(env(gateway)).as("secure by default: Basic and ACLs")
                .containsEntry("STREAMLOG_GATEWAY_AUTH_METHODS", "basic")
                .containsEntry("STREAMLOG_GATEWAY_AUTH_BASIC_CREDENTIALS_FILE",
                        "/etc/streamlog/credentials/users.htpasswd")
                .containsEntry("STREAMLOG_GATEWAY_AUTHORIZATION_ENABLED", "true")
                .containsEntry("STREAMLOG_GATEWAY_AUTHORIZATION_SUPER_USERS", "User:admin");
        assertThat(path(gateway, "volumeMounts").toString()).contains("mountPath=/etc/streamlog/credentials");
        assertThat(path(find(objects, "Deployment", "t-gateway"), "spec", "template", "spec", "volumes").toString())
                .contains("secretName=t-gateway-credentials");
        Map<String, Object> credentials = find(objects, "Secret", "t-gateway-credentials");
        String users = new String(Base64.getDecoder().decode(path(credentials, "data", "users.htpasswd").toString()),
                StandardCharsets.UTF_8);
        assertThat(users).as("a bcrypt line, as the gateway takes them")
                .matches("admin:\\$2[aby]\\$10\\$[./A-Za-z0-9]{53}\n");
        assertThat(new String(Base64.getDecoder().decode(path(credentials, "data", "admin-password").toString()),
                StandardCharsets.UTF_8)).matches("[A-Za-z0-9]{24}");
    }

    @Test
    void authenticationCanBeTurnedOffOrTakeTheOperatorsSecret() throws Exception {
        List<Map<String, Object>> off = template("--set", "gateway.auth.enabled=false");
        Map<String, Object> open = first(path(find(off, "Deployment", "t-gateway"), "spec", "template", "spec",
                "containers"));
        assertThat(env(open)).doesNotContainKey("STREAMLOG_GATEWAY_AUTH_METHODS");
        assertThat(off).noneMatch(object -> path(object, "metadata", "name").toString().contains("credentials"));

        List<Map<String, Object>> theirs = template("--set", "gateway.auth.existingSecret=our-users");
        assertThat(theirs).noneMatch(object -> path(object, "metadata", "name").toString().contains("credentials"));
        assertThat(path(find(theirs, "Deployment", "t-gateway"), "spec", "template", "spec", "volumes").toString())
                .contains("secretName=our-users");
    }

    @Test
    void theOffsetsTopicIsReplicatedOnAtMostThreeAndAtMostEveryStorageNode() throws Exception {
        for (String[] storageAndFactor : new String[][] {{"1", "1"}, {"2", "2"}, {"5", "3"}}) {
            List<Map<String, Object>> objects = template("--set", "storage.replicas=" + storageAndFactor[0]);
            assertThat(env(first(path(find(objects, "Deployment", "t-coordinator"), "spec", "template", "spec",
                    "containers")))).as("storage.replicas=" + storageAndFactor[0])
                    .containsEntry("STREAMLOG_COORDINATOR_OFFSETS_TOPIC_REPLICATION_FACTOR", storageAndFactor[1]);
        }
    }

    @Test
    void overriddenValuesChangeWhatTheySay() throws Exception {
        List<Map<String, Object>> objects = template("--set", "zookeeper.enabled=false",
                "--set", "zookeeper.externalConnectString=zk-a:2181\\,zk-b:2181",
                "--set", "storage.replicas=5", "--set", "storage.persistence.storageClass=fast",
                "--set", "image.registry=registry.example.com/", "--set", "image.tag=1.2.3",
                "--set", "gateway.ingress.enabled=true", "--set", "gateway.ingress.host=log.example.com",
                "--set", "podDisruptionBudget.enabled=false", "--set", "clusterSecret.existingSecret=ours",
                "--set", "gateway.auth.existingSecret=our-users");

        assertThat(kinds(objects)).doesNotContain("PodDisruptionBudget", "Secret").contains("Ingress");
        assertThat(objects).noneMatch(object -> path(object, "metadata", "name").toString().contains("zookeeper"));
        Map<String, Object> storage = find(objects, "StatefulSet", "t-storage");
        assertThat(path(storage, "spec", "replicas")).isEqualTo(5);
        assertThat(path(first(path(storage, "spec", "volumeClaimTemplates")), "spec", "storageClassName"))
                .isEqualTo("fast");
        Map<String, Object> gateway = first(path(find(objects, "Deployment", "t-gateway"),
                "spec", "template", "spec", "containers"));
        assertThat(gateway.get("image")).isEqualTo("registry.example.com/streamlog/gateway-service:1.2.3");
        assertThat(env(gateway)).containsEntry("SPRING_CLOUD_ZOOKEEPER_CONNECT_STRING", "zk-a:2181,zk-b:2181");
        assertThat(secretRef(gateway, "STREAMLOG_CLUSTER_SECRET")).isEqualTo("ours/secret");
        assertThat(path(first(path(find(objects, "Ingress", "t-gateway"), "spec", "rules")), "host"))
                .isEqualTo("log.example.com");
    }

    @Test
    void tlsBetweenTheServicesIsOffByDefaultAndOnWithTheChartsOwnCaOrTheOperators() throws Exception {
        for (String[] workload : WORKLOADS) {
            Map<String, Object> plain = container(template(), workload);
            assertThat(path(plain, "readinessProbe", "httpGet", "scheme")).as(workload[1]).isEqualTo("HTTP");
            assertThat(env(plain)).as(workload[1]).doesNotContainKey("STREAMLOG_CLUSTER_TLS_BUNDLE");
        }

        List<Map<String, Object>> objects = template("--set", "clusterTls.enabled=true");
        for (String[] workload : WORKLOADS) {
            Map<String, Object> service = container(objects, workload);
            assertThat(env(service)).as(workload[1])
                    .containsEntry("STREAMLOG_CLUSTER_TLS_BUNDLE", "cluster")
                    .containsEntry("STREAMLOG_CLUSTER_TLS_VERIFYHOSTNAME", "false")
                    .containsEntry("SPRING_SSL_BUNDLE_PEM_CLUSTER_TRUSTSTORE_CERTIFICATE",
                            "file:/etc/streamlog/cluster-tls/ca.crt");
            assertThat(path(service, "volumeMounts").toString()).as(workload[1])
                    .contains("mountPath=/etc/streamlog/cluster-tls");
            String volumes = path(find(objects, workload[0], workload[1]), "spec", "template", "spec", "volumes")
                    .toString();
            assertThat(volumes).as(workload[1]).contains("secretName=t-cluster-tls");
            if (workload[1].equals("t-gateway")) {
                assertThat(env(service)).as("a gateway only calls: it gets the CA, not the key")
                        .doesNotContainKey("SPRING_SSL_BUNDLE_PEM_CLUSTER_KEYSTORE_PRIVATEKEY");
                assertThat(volumes).contains("items=[{key=ca.crt, path=ca.crt}]");
            } else {
                assertThat(env(service)).as(workload[1]).containsEntry(
                        "SPRING_SSL_BUNDLE_PEM_CLUSTER_KEYSTORE_PRIVATEKEY", "file:/etc/streamlog/cluster-tls/tls.key");
                assertThat(volumes).as(workload[1]).doesNotContain("items=");
            }
            assertThat(path(service, "readinessProbe", "httpGet", "scheme")).as(workload[1])
                    .isEqualTo(workload[1].equals("t-gateway") ? "HTTP" : "HTTPS");
        }
        assertThat(env(container(objects, new String[] {"Deployment", "t-controller"})))
                .containsEntry("STREAMLOG_CONTROLLER_ADVERTISED_URL", "https://$(POD_IP):9191");
        Map<String, Object> secret = find(objects, "Secret", "t-cluster-tls");
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate ca = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(
                Base64.getDecoder().decode(path(secret, "data", "ca.crt").toString())));
        X509Certificate member = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(
                Base64.getDecoder().decode(path(secret, "data", "tls.crt").toString())));
        member.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        assertThat(new String(Base64.getDecoder().decode(path(secret, "data", "tls.key").toString()),
                StandardCharsets.US_ASCII)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        List<Map<String, Object>> theirs = template("--set", "clusterTls.enabled=true",
                "--set", "clusterTls.existingSecret=our-ca");
        assertThat(theirs).noneMatch(object -> path(object, "metadata", "name").toString().contains("cluster-tls"));
        assertThat(path(find(theirs, "StatefulSet", "t-storage"), "spec", "template", "spec", "volumes").toString())
                .contains("secretName=our-ca");
    }

    @Test
    void thePublicListenerServesTheOperatorsCertificate() throws Exception {
        List<Map<String, Object>> objects = template("--set", "gateway.tls.existingSecret=public-cert");
        Map<String, Object> gateway = container(objects, new String[] {"Deployment", "t-gateway"});
        assertThat(env(gateway)).containsEntry("SERVER_SSL_BUNDLE", "public")
                .containsEntry("SPRING_SSL_BUNDLE_PEM_PUBLIC_KEYSTORE_CERTIFICATE", "file:/etc/streamlog/tls/tls.crt")
                .containsEntry("SPRING_SSL_BUNDLE_PEM_PUBLIC_KEYSTORE_PRIVATEKEY", "file:/etc/streamlog/tls/tls.key")
                .containsEntry("SPRING_SSL_BUNDLE_PEM_PUBLIC_RELOADONUPDATE", "true");
        assertThat(path(gateway, "livenessProbe", "httpGet", "scheme")).isEqualTo("HTTPS");
        assertThat(path(gateway, "volumeMounts").toString()).contains("mountPath=/etc/streamlog/tls")
                .contains("mountPath=/etc/streamlog/credentials");
        assertThat(path(find(objects, "Deployment", "t-gateway"), "spec", "template", "spec", "volumes").toString())
                .contains("secretName=public-cert");
        assertThat(path(container(objects, new String[] {"StatefulSet", "t-storage"}), "livenessProbe", "httpGet",
                "scheme")).isEqualTo("HTTP");
    }

    @Test
    void valuesTheSchemaForbidsAreRefused() throws Exception {
        for (String bad : List.of("storage.replicas=0", "gateway.service.type=Bogus", "image.pullPolicy=Sometimes",
                "zookeeper.chroot=a/b", "gateway.auth.superUsers=admin")) {
            Result rendered = run("template", "t", CHART.toString(), "--set", bad);
            assertThat(rendered.exitCode()).as(bad + ": " + rendered.output()).isNotZero();
            assertThat(rendered.output()).as(bad).contains("schema");
        }
        Result noEnsemble = run("template", "t", CHART.toString(), "--set", "zookeeper.enabled=false");
        assertThat(noEnsemble.exitCode()).isNotZero();
        assertThat(noEnsemble.output()).contains("zookeeper.externalConnectString is required");
    }

    private static final String[][] WORKLOADS = {{"StatefulSet", "t-storage"}, {"Deployment", "t-controller"},
            {"Deployment", "t-coordinator"}, {"Deployment", "t-gateway"}};

    /** The first container of {@code workload} (kind and name). */
    private static Map<String, Object> container(List<Map<String, Object>> objects, String[] workload) {
        return first(path(find(objects, workload[0], workload[1]), "spec", "template", "spec", "containers"));
    }

    private static List<Map<String, Object>> template(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("template", "t", CHART.toString()));
        args.addAll(List.of(extra));
        Result rendered = run(args.toArray(String[]::new));
        assertThat(rendered.exitCode()).as(rendered.output()).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered.output())) {
            if (document instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                objects.add(object);
            }
        }
        return objects;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(helm.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("helm", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("helm " + String.join(" ", args) + " took more than 60 s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static List<String> kinds(List<Map<String, Object>> objects) {
        return objects.stream().map(object -> (String) object.get("kind")).toList();
    }

    private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))
                        && name.equals(path(object, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Object replicas(List<Map<String, Object>> objects, String kind, String name) {
        return path(find(objects, kind, name), "spec", "replicas");
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> object, String... keys) {
        Object current = object;
        for (String key : keys) {
            current = current instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Object list) {
        return (Map<String, Object>) ((List<Object>) list).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object list) {
        return (List<String>) list;
    }

    /** The {@code secret/key} a container's variable {@code name} is taken from, or null. */
    @SuppressWarnings("unchecked")
    private static String secretRef(Map<String, Object> container, String name) {
        for (Object entry : (List<Object>) container.get("env")) {
            Map<String, Object> variable = (Map<String, Object>) entry;
            if (name.equals(variable.get("name")) && variable.get("valueFrom") != null) {
                Map<String, Object> ref = (Map<String, Object>) path(variable, "valueFrom", "secretKeyRef");
                return ref.get("name") + "/" + ref.get("key");
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object entry : (List<Object>) container.get("env")) {
            Map<String, Object> variable = (Map<String, Object>) entry;
            if (variable.get("value") != null) {
                env.put((String) variable.get("name"), variable.get("value").toString());
            }
        }
        return env;
    }
}
