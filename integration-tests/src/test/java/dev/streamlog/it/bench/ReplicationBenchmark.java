package dev.streamlog.it.bench;

import dev.streamlog.client.fixtures.TestCertificates;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.Role;
import dev.streamlog.it.kit.ServiceNode;
import dev.streamlog.it.kit.StreamlogCluster;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.ToDoubleFunction;

/**
 * What replication costs a producer: batched produce of 1 KiB records through the gateway
 * into a topic with replication factor 3 and {@code acks=all} (min ISR 2), against the same
 * load into a topic with replication factor 1 and {@code acks=1}, on one cluster in the same
 * run. The two take turns in timed rounds (which goes first alternates; each starts with every
 * replica in sync) after a warm-up of each (a minute: on two cores the
 * services' JIT needs about that long to settle), so both meet the same JIT, page cache and
 * machine load; the figure that matters is the ratio of their throughputs
 * (the replication issue's target: at least 0.5). Each round also reports the CPU time each
 * role spent per megabyte acknowledged, which says where the cost of replication goes.
 *
 * <p>The cluster is the local one's shape (1 controller, 3 storage nodes, 1 gateway), each
 * service its own JVM with the JIT's full tiers; the client and ZooKeeper run in this JVM. Every
 * answer is checked: a refused or partly failed request stops the run, so the figures only count
 * acknowledged records.
 *
 * <p>With TLS between the services ({@code -Dbench.tls=true}) every hop of both loads (gateway to leader, follower
 * fetches) goes over TLS with certificates of a test CA: runs with and without it, one after the other, say what
 * TLS between the services costs.
 *
 * <p>Run: {@code mvn -B -ntp -Preplication-bench -DskipTests verify} at the repository root
 * (see the README); {@code -Dbench.scale=0.2} for a quick run.
 */
public final class ReplicationBenchmark {

    private static final int PARTITIONS = 6;
    private static final int RECORD_BYTES = 1024;
    private static final int RECORDS_PER_REQUEST = 100;
    private static final int PRODUCERS = 8;
    private static final String FETCH_URI = "/internal/v1/replica-fetches";
    private static final String APPEND_URI = "/internal/v1/appends";
    /**
     * Bounds the disk the runs take (some 15 GB at 200 MB/s, checked every 10 s): without it, the rounds filled
     * this machine's disk and the storage nodes went offline at {@code min-free-space}.
     */
    private static final Map<String, String> RETENTION = Map.of("retention.bytes", Long.toString(512L << 20),
            "segment.bytes", Long.toString(64L << 20));
    private static final Duration ROUND = Duration.ofSeconds(20);
    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration MAX_EXTRA_WARM_UP = Duration.ofMinutes(5);
    private static final double SETTLED_JIT_SHARE = 0.02;

    private final double scale;
    private final int rounds;

    private ReplicationBenchmark(double scale, int rounds) {
        this.scale = scale;
        this.rounds = rounds;
    }

    /**
     * Arguments: the scale of every duration (default 1), the number of rounds (default 3), and whether the services
     * talk TLS to each other (default false).
     */
    public static void main(String[] args) {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean tls = args.length > 2 && Boolean.parseBoolean(args[2]);
        StreamlogCluster.Builder builder = StreamlogCluster.builder();
        if (tls) {
            builder.internalTls(new TestCertificates("replication-bench-ca"));
        }
        System.out.println("TLS between the services: " + (tls ? "on" : "off"));
        try (StreamlogCluster cluster = builder
                .name("replication-bench")
                .controllers(1).storageNodes(3).gateways(1)
                .jvmOptions("-Xmx512m", "-Xms512m")
                .property(Role.STORAGE, "management.endpoints.web.exposure.include", "health,metrics")
                .property(Role.STORAGE, "streamlog.storage.engine.retention-check-interval", "10s")
                .build()) {
            new ReplicationBenchmark(scale, rounds).run(cluster);
        }
    }

    private void run(StreamlogCluster cluster) {
        GatewayApi gateway = cluster.gatewayApi();
        String clusterId = gateway.clusterId(BOUND);
        ProduceLoad single = load(gateway, clusterId, "bench-rf1", 1, "1");
        ProduceLoad replicated = load(gateway, clusterId, "bench-rf3", 3, "all");
        CpuMeter cpu = new CpuMeter(roles(cluster));
        System.out.printf(Locale.ROOT, "%d producers, %d records of %d B per request, %d partitions, rounds of %s%n",
                PRODUCERS, RECORDS_PER_REQUEST, RECORD_BYTES, PARTITIONS, scaled(ROUND));
        JitMeter jit = warmUp(single, replicated, cpu, cluster, clusterId);
        List<Measured> singles = new ArrayList<>();
        List<Measured> replicateds = new ArrayList<>();
        long fetchesBefore = requestCount(cluster, FETCH_URI);
        long appendsBefore = requestCount(cluster, APPEND_URI);
        for (int round = 1; round <= rounds; round++) {
            Measured one;
            Measured three;
            if (round % 2 == 1) {
                one = measure(single, cpu, jit, cluster, clusterId);
                three = measure(replicated, cpu, jit, cluster, clusterId);
            } else {
                three = measure(replicated, cpu, jit, cluster, clusterId);
                one = measure(single, cpu, jit, cluster, clusterId);
            }
            singles.add(one);
            replicateds.add(three);
            System.out.printf(Locale.ROOT, "round %d: ratio %.2f, under-replicated partitions after it: %s%n"
                            + "  RF=1 acks=1   %s%n  RF=3 acks=all %s%n", round,
                    three.load().recordsPerSecond() / one.load().recordsPerSecond(),
                    underReplicated(cluster, clusterId), one, three);
        }
        long fetches = requestCount(cluster, FETCH_URI) - fetchesBefore;
        long appends = requestCount(cluster, APPEND_URI) - appendsBefore;
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ratios.add(replicateds.get(i).load().recordsPerSecond() / singles.get(i).load().recordsPerSecond());
        }
        System.out.printf(Locale.ROOT, "%nover %d rounds (min–max):%nRF=1 acks=1   %s%nRF=3 acks=all %s%n"
                        + "ratio RF=3/RF=1: %s (target >= 0.5)%n"
                        + "follower fetches answered: %,d for %,d appends requests from the gateway (both topics)%n",
                rounds, summary(singles), summary(replicateds), range(ratios, Double::doubleValue, "%.2f"),
                fetches, appends);
    }

    /**
     * Runs both loads for {@link #WARM_UP} each, then unrecorded rounds (the same waits, pauses and
     * runs as a measured one) until the services' JIT compilers spent less than
     * {@link #SETTLED_JIT_SHARE} of a round's time in one (at most {@link #MAX_EXTRA_WARM_UP} more),
     * so the recorded rounds measure the services rather than their compilers.
     */
    private JitMeter warmUp(ProduceLoad single, ProduceLoad replicated, CpuMeter cpu, StreamlogCluster cluster,
                            String clusterId) {
        JitMeter jit = new JitMeter(servicePids(cluster));
        single.run(scaled(WARM_UP));
        replicated.run(scaled(WARM_UP));
        System.out.printf(Locale.ROOT, "warm-up: JIT compilers spent %.1f s in %s%n",
                jit.lap().toMillis() / 1e3, scaled(WARM_UP).multipliedBy(2));
        long deadline = System.nanoTime() + scaled(MAX_EXTRA_WARM_UP).toNanos();
        while (true) {
            Duration compiling = measure(single, cpu, jit, cluster, clusterId).compiling()
                    .plus(measure(replicated, cpu, jit, cluster, clusterId).compiling());
            System.out.printf(Locale.ROOT, "warm-up round: JIT compilers spent %.1f s%n", compiling.toMillis() / 1e3);
            if (compiling.toMillis() < scaled(ROUND).multipliedBy(2).toMillis() * SETTLED_JIT_SHARE) {
                return jit;
            }
            if (System.nanoTime() > deadline) {
                System.out.println("warm-up: the JIT has not settled; the rounds include compilation");
                return jit;
            }
        }
    }

    private static List<Long> servicePids(StreamlogCluster cluster) {
        List<Long> pids = new ArrayList<>();
        for (List<ServiceNode> role : List.of(cluster.gateways(), cluster.storageNodes(), cluster.controllers())) {
            role.forEach(node -> pids.add(node.pid()));
        }
        return pids;
    }

    /**
     * One timed run, started once every replica is back in sync (so catch-up work from the run
     * before does not fall into this one) and after a short pause for the page cache to drain.
     */
    private Measured measure(ProduceLoad load, CpuMeter cpu, JitMeter jit, StreamlogCluster cluster,
                             String clusterId) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!"0".equals(underReplicated(cluster, clusterId))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replicas still out of sync after " + BOUND);
            }
            pause(Duration.ofMillis(200));
        }
        pause(SETTLE);
        cpu.lap();
        jit.lap();
        ProduceLoad.Result result = load.run(scaled(ROUND));
        Map<String, Double> perMegabyte = new LinkedHashMap<>();
        cpu.lap().forEach((role, spent) -> perMegabyte.put(role, spent.toNanos() / 1e6 / result.megabytes()));
        return new Measured(result, perMegabyte, jit.lap());
    }

    private static Map<String, List<ProcessHandle>> roles(StreamlogCluster cluster) {
        Map<String, List<ProcessHandle>> roles = new LinkedHashMap<>();
        roles.put("gateway", handles(cluster.gateways()));
        roles.put("storage", handles(cluster.storageNodes()));
        roles.put("controller", handles(cluster.controllers()));
        roles.put("client+zookeeper", List.of(ProcessHandle.current()));
        return roles;
    }

    private static List<ProcessHandle> handles(List<ServiceNode> nodes) {
        return nodes.stream().map(node -> ProcessHandle.of(node.pid())
                .orElseThrow(() -> new IllegalStateException(node.name() + " is not running"))).toList();
    }

    private static ProduceLoad load(GatewayApi gateway, String clusterId, String topic, int replicationFactor,
                                    String acks) {
        HttpResult created = gateway.createTopic(clusterId, topic, PARTITIONS, replicationFactor, RETENTION);
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create " + topic + ": " + created);
        }
        gateway.awaitTopicReady(topic, PARTITIONS, BOUND);
        return new ProduceLoad(gateway.url("/topics/" + topic + "?acks=" + acks), PRODUCERS, RECORDS_PER_REQUEST,
                RECORD_BYTES);
    }

    private static String underReplicated(StreamlogCluster cluster, String clusterId) {
        HttpResult answer = cluster.http().get(cluster.gatewayApi()
                .url("/v3/clusters/" + clusterId + "/partitions/under-replicated"));
        return answer.status() == 200 ? Integer.toString(answer.json().path("data").size()) : answer.toString();
    }

    /** How many requests to {@code uri} the storage nodes answered so far, summed, from Actuator's metrics. */
    private static long requestCount(StreamlogCluster cluster, String uri) {
        long total = 0;
        for (ServiceNode node : cluster.storageNodes()) {
            HttpResult answer = cluster.http().get(node.baseUrl() + "/actuator/metrics/http.server.requests?tag=uri:"
                    + URLEncoder.encode(uri, StandardCharsets.UTF_8));
            if (answer.status() == 200) {
                total += answer.json().path("measurements").path(0).path("value").asLong();
            }
        }
        return total;
    }

    private static String summary(List<Measured> rounds) {
        StringJoiner cpu = new StringJoiner(", ", "CPU ms per MB: ", "");
        rounds.get(0).cpuMillisPerMegabyte().keySet().forEach(role ->
                cpu.add(role + " " + range(rounds, round -> round.cpuMillisPerMegabyte().get(role), "%.0f")));
        return range(rounds, round -> round.load().recordsPerSecond(), "%,.0f") + " rec/s, "
                + range(rounds, round -> round.load().megabytesPerSecond(), "%.1f") + " MB/s, request p99 "
                + range(rounds, round -> round.load().p99Millis(), "%.0f") + " ms; " + cpu;
    }

    private static <T> String range(List<T> values, ToDoubleFunction<T> figure, String format) {
        double min = values.stream().mapToDouble(figure).min().orElseThrow();
        double max = values.stream().mapToDouble(figure).max().orElseThrow();
        return String.format(Locale.ROOT, format, min) + "–" + String.format(Locale.ROOT, format, max);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Duration scaled(Duration duration) {
        return Duration.ofMillis(Math.max(1_000, (long) (duration.toMillis() * scale)));
    }

    /** One timed run and the CPU each role spent per acknowledged megabyte during it. */
    private record Measured(ProduceLoad.Result load, Map<String, Double> cpuMillisPerMegabyte, Duration compiling) {

        @Override
        public String toString() {
            StringJoiner cpu = new StringJoiner(", ", "CPU ms/MB: ", "");
            cpuMillisPerMegabyte.forEach((role, millis) -> cpu.add(String.format(Locale.ROOT, "%s %.0f", role, millis)));
            return load + "; " + cpu + String.format(Locale.ROOT, " (JIT compilers %.1f s)", compiling.toMillis() / 1e3);
        }
    }
}
