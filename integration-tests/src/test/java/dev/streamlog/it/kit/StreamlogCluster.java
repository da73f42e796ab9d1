package dev.streamlog.it.kit;

import dev.streamlog.client.fixtures.TestCertificates;
import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.model.ZkPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A whole Streamlog platform for an integration test: an in-process ZooKeeper
 * ({@link ZooKeeperNode}) and every service as its own JVM ({@link ServiceNode}) started from
 * the jars the build produced, on free loopback ports, with data dirs under a fresh temp dir
 * and each process's output in {@code target/it-logs/<test class>/<node>.log}.
 *
 * <pre>{@code
 * cluster = StreamlogCluster.builder().controllers(2).storageNodes(3).coordinators(1).gateways(1).build();
 * http.get(cluster.gateway().baseUrl() + "/topics");
 * cluster.storageNode(2).kill();
 * cluster.close();
 * }</pre>
 *
 * <p>Start one cluster per test class ({@code @BeforeAll}/{@code @AfterAll}). {@link #build}
 * returns once every node's {@code /actuator/health} (a gateway's on its management port) is UP.
 * {@link #close} kills everything and may be called more than once; a JVM shutdown hook does the
 * same if a test run is interrupted.
 *
 * <p>Thread-safe: the node lists never change after start; each node guards its process.
 */
public final class StreamlogCluster implements AutoCloseable {

    private final String name;
    private final Path workDir;
    private final Path logDir;
    private final ZooKeeperNode zookeeper;
    private final Map<Role, List<ServiceNode>> nodes;
    private final Duration startTimeout;
    private final Thread shutdownHook;
    private final Http http;
    private final ClusterSignature signature;
    private final Path secretFile;
    private boolean closed;

    private StreamlogCluster(Builder builder) throws Exception {
        this.name = builder.name != null ? builder.name : callerName();
        this.startTimeout = builder.startTimeout;
        this.http = (builder.internalTls == null ? new Http() : new Http(builder.internalTls.trustingContext()))
                .authorizedBy(builder.authorization);
        this.workDir = Files.createTempDirectory("streamlog-it-" + name + "-");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.secretFile = Files.writeString(workDir.resolve("cluster.secret"), HexFormat.of().formatHex(secret));
        this.signature = ClusterSignature.fromFile(secretFile, Duration.ofSeconds(30));
        this.logDir = Path.of("target", "it-logs", name).toAbsolutePath();
        recreate(logDir);
        this.zookeeper = new ZooKeeperNode(builder.chroot);
        this.nodes = new EnumMap<>(Role.class);
        this.shutdownHook = new Thread(this::killAll, "streamlog-cluster-shutdown-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Set<Integer> ports = new HashSet<>();
        for (Role role : Role.values()) {
            List<ServiceNode> ofRole = new ArrayList<>();
            for (int i = 1; i <= builder.counts.getOrDefault(role, 0); i++) {
                ofRole.add(node(builder, role, i, freePort(ports), role == Role.GATEWAY ? freePort(ports) : 0));
            }
            nodes.put(role, List.copyOf(ofRole));
        }
    }

    /** A builder with no nodes at all; say how many of each role you need. */
    public static Builder builder() {
        return new Builder();
    }

    /** The first gateway. */
    public ServiceNode gateway() {
        return first(Role.GATEWAY);
    }

    /** The public API of the first gateway. */
    public GatewayApi gatewayApi() {
        return new GatewayApi(http, gateway().baseUrl());
    }

    /**
     * The HTTP client the cluster uses for health checks and {@link #gatewayApi()}, with the builder's
     * {@linkplain Builder#authorization credentials} if any (thread-safe; tests may share it).
     */
    public Http http() {
        return http;
    }

    /** The client of {@link #http()} signing every request as a member of this cluster: for internal routes. */
    public Http internalHttp() {
        return http.signedBy(signature);
    }

    /** The signature of this cluster's members (the secret every node of it was started with). */
    public ClusterSignature signature() {
        return signature;
    }

    /** The signature of this cluster's members made at {@code clock}: for calls signed at another time. */
    public ClusterSignature signature(Clock clock) {
        try {
            return new ClusterSignature(Files.readString(secretFile), Duration.ofSeconds(30), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ServiceNode> gateways() {
        return nodes.get(Role.GATEWAY);
    }

    public List<ServiceNode> controllers() {
        return nodes.get(Role.CONTROLLER);
    }

    public List<ServiceNode> coordinators() {
        return nodes.get(Role.COORDINATOR);
    }

    public List<ServiceNode> storageNodes() {
        return nodes.get(Role.STORAGE);
    }

    /** The storage node with this broker id (ids are 1..storageNodes). */
    public ServiceNode storageNode(int brokerId) {
        return storageNodes().stream().filter(node -> node.brokerId() == brokerId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no storage node with broker id " + brokerId));
    }

    public ZooKeeperNode zookeeper() {
        return zookeeper;
    }

    /**
     * The active controller: the leader of the {@code /controller} leader latch, whose
     * participant id is the controller's base URL. Waits (bounded) until a running controller
     * of this cluster holds it.
     */
    public ServiceNode activeController() {
        if (controllers().isEmpty()) {
            throw new IllegalStateException("this cluster has no controller");
        }
        return Await.value(startTimeout, "a running controller to lead " + ZkPaths.CONTROLLER, this::logFiles, () -> {
            Optional<String> leader = zookeeper.latchLeader(ZkPaths.CONTROLLER);
            return leader.flatMap(url -> controllers().stream()
                    .filter(node -> node.baseUrl().equals(url) && node.isRunning())
                    .findFirst());
        });
    }

    /** Every node's log file, one per line, for failure messages. */
    public String logFiles() {
        return allNodes().map(node -> "  " + node.name() + ": " + node.logFile())
                .collect(Collectors.joining("\n", "service logs (in " + logDir + "):\n", ""));
    }

    /** The temp dir holding every node's data dir (deleted by {@link #close}). */
    public Path workDir() {
        return workDir;
    }

    /** Kills every process, stops ZooKeeper and deletes the data; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
        try {
            zookeeper.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(workDir);
        }
    }

    private void start() {
        allNodes().forEach(ServiceNode::launch);
        allNodes().forEach(ServiceNode::awaitHealthy);
    }

    private void killAll() {
        allNodes().forEach(node -> {
            try {
                node.kill();
            } catch (AssertionError e) {
                System.err.println("could not kill " + node.describe() + ": " + e.getMessage());
            }
        });
    }

    private Stream<ServiceNode> allNodes() {
        return nodes.values().stream().flatMap(List::stream);
    }

    private ServiceNode first(Role role) {
        List<ServiceNode> ofRole = nodes.get(role);
        if (ofRole.isEmpty()) {
            throw new IllegalStateException("this cluster has no " + role.prefix());
        }
        return ofRole.get(0);
    }

    /** A node listening on {@code port}; a gateway's actuator on {@code managementPort} (0 for the other roles). */
    private ServiceNode node(Builder builder, Role role, int index, int port, int managementPort) throws IOException {
        String nodeName = role.prefix() + "-" + index;
        Path tmp = Files.createDirectories(workDir.resolve("tmp").resolve(nodeName));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(builder.jvmOptions);
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-Dstreamlog.it.node=" + nodeName);
        command.add("-jar");
        command.add(Jars.of(role).toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.add("--spring.cloud.zookeeper.connect-string=" + zookeeper.connectString());
        command.add("--streamlog.zookeeper.chroot=" + builder.chroot);
        command.add("--streamlog.cluster.secret-file=" + secretFile);
        String scheme = "http";
        if (builder.internalTls != null) {
            scheme = role == Role.GATEWAY ? "http" : "https";
            command.addAll(internalTls(builder.internalTls, role, nodeName));
        }
        Path dataDir = null;
        switch (role) {
            case CONTROLLER -> command.add("--streamlog.controller.advertised-url=" + scheme + "://127.0.0.1:" + port);
            case GATEWAY -> {
                command.add("--management.server.port=" + managementPort);
                command.add("--management.server.address=127.0.0.1");
            }
            case STORAGE -> {
                dataDir = Files.createDirectories(builder.storageDataDirs.getOrDefault(index, workDir.resolve(nodeName)));
                command.add("--streamlog.storage.node-id=" + index);
                command.add("--streamlog.storage.data-dir=" + dataDir);
                command.add("--streamlog.storage.advertised-host=127.0.0.1");
            }
            default -> {
            }
        }
        builder.properties.getOrDefault(role, Map.of()).forEach((key, value) -> command.add("--" + key + "=" + value));
        return new ServiceNode(role, index, scheme, port, managementPort == 0 ? port : managementPort, dataDir,
                logDir.resolve(nodeName + ".log"), command, startTimeout, http);
    }

    /**
     * The options for TLS between the services with certificates {@code ca} issues: the bundle {@code cluster}
     * trusting {@code ca}, with a server certificate for 127.0.0.1 of the node's own (a gateway's public port stays
     * plain HTTP; it only calls the others).
     */
    private List<String> internalTls(TestCertificates ca, Role role, String nodeName) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("tls"));
        Path authority = dir.resolve("ca.crt");
        if (!Files.exists(authority)) {
            TestCertificates.writeCertificate(ca.authority(), authority);
        }
        List<String> options = new ArrayList<>(List.of("--streamlog.cluster.tls.bundle=cluster",
                "--spring.ssl.bundle.pem.cluster.truststore.certificate=file:" + authority));
        if (role != Role.GATEWAY) {
            TestCertificates.Issued own = ca.server(nodeName);
            options.add("--spring.ssl.bundle.pem.cluster.keystore.certificate=file:"
                    + TestCertificates.writeCertificate(own.certificate(), dir.resolve(nodeName + ".crt")));
            options.add("--spring.ssl.bundle.pem.cluster.keystore.private-key=file:"
                    + TestCertificates.writeKey(own.key(), dir.resolve(nodeName + ".key")));
        }
        return options;
    }

    private static int freePort(Set<Integer> taken) throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    private static String callerName() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(type -> type != StreamlogCluster.class && type != Builder.class)
                        .findFirst()
                        .map(Class::getSimpleName)
                        .orElse("cluster"));
    }

    private static void recreate(Path dir) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete all of " + root + ": " + e);
        }
    }

    /**
     * Says what to start. Not thread-safe (use from one thread).
     */
    public static final class Builder {

        private final Map<Role, Integer> counts = new EnumMap<>(Role.class);
        private final Map<Role, Map<String, String>> properties = new EnumMap<>(Role.class);
        private final Map<Integer, Path> storageDataDirs = new HashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        private String chroot = "streamlog";
        private String authorization;
        private TestCertificates internalTls;
        private String name;
        private Duration startTimeout = Duration.ofSeconds(Long.getLong("streamlog.it.start-timeout-seconds", 240));

        private Builder() {
        }

        public Builder controllers(int count) {
            return count(Role.CONTROLLER, count);
        }

        public Builder storageNodes(int count) {
            return count(Role.STORAGE, count);
        }

        public Builder coordinators(int count) {
            return count(Role.COORDINATOR, count);
        }

        public Builder gateways(int count) {
            return count(Role.GATEWAY, count);
        }

        /** An extra Spring property for every node of the role ({@code --name=value}). */
        public Builder property(Role role, String name, String value) {
            properties.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /**
         * Puts the data of storage node {@code brokerId} in {@code dir} (a file system the test made, say) instead
         * of the cluster's work dir; the test owns it (the cluster does not delete it).
         */
        public Builder storageDataDir(int brokerId, Path dir) {
            storageDataDirs.put(brokerId, dir);
            return this;
        }

        /**
         * Coordinators that hand a dead peer's partitions over within seconds: a 4 s ZooKeeper
         * session and lease checks every 500 ms (the defaults are 10 s and 2 s).
         */
        public Builder fastCoordinatorFailover() {
            return property(Role.COORDINATOR, "spring.cloud.zookeeper.session-timeout", "4s")
                    .property(Role.COORDINATOR, "spring.cloud.zookeeper.connection-timeout", "3s")
                    .property(Role.COORDINATOR, "streamlog.coordinator.ownership-check-interval", "500ms");
        }

        /**
         * Replaces the JVM options every service starts with. The default suits tests (a small
         * heap, the serial collector, C1 only for a fast start); a benchmark wants the JIT's
         * second tier.
         */
        public Builder jvmOptions(String... options) {
            jvmOptions.clear();
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /**
         * The {@code Authorization} header value the cluster's {@link #http()} sends (health checks, the
         * {@link GatewayApi}), for gateways that authenticate their callers (default none).
         */
        public Builder authorization(String authorization) {
            this.authorization = authorization;
            return this;
        }

        /**
         * TLS between the services, as {@code streamlog.cluster.tls.bundle} turns it on: every storage node,
         * controller and coordinator listens on HTTPS only, with a certificate {@code ca} issued for 127.0.0.1, and
         * every service (gateways too) calls the others trusting {@code ca} alone. The cluster's {@link #http()}
         * trusts {@code ca}; gateways' public ports stay plain HTTP. Default: plain HTTP everywhere.
         */
        public Builder internalTls(TestCertificates ca) {
            this.internalTls = ca;
            return this;
        }

        /** The ZooKeeper chroot the services use (default {@code streamlog}). */
        public Builder chroot(String chroot) {
            this.chroot = chroot;
            return this;
        }

        /** Names the log folder {@code target/it-logs/<name>} (default: the calling test class's simple name). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** How long each node may take to become healthy (default 240 s, or {@code -Dstreamlog.it.start-timeout-seconds}). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** Starts ZooKeeper and every node and waits until all are healthy; on failure kills what it started. */
        public StreamlogCluster build() {
            StreamlogCluster cluster;
            try {
                cluster = new StreamlogCluster(this);
            } catch (Exception e) {
                throw new IllegalStateException("cannot prepare the cluster: " + e.getMessage(), e);
            }
            try {
                cluster.start();
                return cluster;
            } catch (RuntimeException | AssertionError e) {
                String logs = cluster.logFiles();
                cluster.close();
                throw new AssertionError("the cluster did not come up: " + e.getMessage() + "\n" + logs, e);
            }
        }

        private Builder count(Role role, int count) {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
            counts.put(role, count);
            return this;
        }
    }
}
