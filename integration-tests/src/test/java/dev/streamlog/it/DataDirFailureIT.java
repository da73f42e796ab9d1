package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.ServiceNode;
import dev.streamlog.it.kit.StreamlogCluster;
import dev.streamlog.model.ZkPaths;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A storage node whose data dir fills up under acks=all load, handled as Kafka handles a failed log dir: storage node
 * 3 keeps its data on a 256 MB tmpfs the test mounts (it needs root or password-less sudo; without them the test is
 * skipped, unless {@code STREAMLOG_REQUIRE_DISK_FAULTS} is set, as {@code .ci/run} does). Two producers write keyed
 * records with acks=all to a 3-partition RF=3 topic ({@code min.insync.replicas=2}) through the gateway; then a
 * filler file takes the tmpfs below the node's free-space floor. The node must take its dir offline and withdraw,
 * leadership of its partition must move and it must leave every ISR within the failover window, the producers must
 * go on (no answer but 503 among the errors), and after the filler is deleted and the node restarted it must be
 * back in every ISR. Then the "nothing lost" checks of {@code testing.md}: every acknowledged record at its offset
 * with its value, a failed write at most once, offsets strictly increasing.
 */
class DataDirFailureIT {

    private static final String TOPIC = "disk-full";
    private static final int PARTITIONS = 3;
    private static final int FULL_NODE = 3;
    private static final Duration BOUND = Duration.ofSeconds(120);
    /** From the node noticing its dir is full to its partitions led and replicated elsewhere. */
    private static final Duration FAILOVER_WINDOW = Duration.ofSeconds(15);
    private static final long FLOOR_BYTES = 64L << 20;

    private static Path mount;
    private static List<String> sudo = List.of();
    private static StreamlogCluster cluster;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);
    private static GatewayApi gateway;

    private final Map<String, long[]> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final List<String> wrongAnswers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ackedCount = new AtomicLong();

    @BeforeAll
    static void mountASmallDiskAndStart() throws Exception {
        mount = Files.createTempDirectory("streamlog-small-disk-");
        boolean root = "0".equals(run(List.of("id", "-u")).trim());
        if (!root) {
            sudo = List.of("sudo", "-n");
        }
        List<String> mountCommand = new ArrayList<>(sudo);
        mountCommand.addAll(List.of("mount", "-t", "tmpfs", "-o", "size=256m,mode=0777", "tmpfs", mount.toString()));
        String mounted = run(mountCommand);
        boolean required = System.getenv("STREAMLOG_REQUIRE_DISK_FAULTS") != null;
        boolean ok = Files.getFileStore(mount).getTotalSpace() <= (256L << 20);
        if (!ok && !required) {
            Assumptions.abort("cannot mount a tmpfs (needs root or password-less sudo): " + mounted);
        }
        assertThat(ok).as("a 256 MB tmpfs at " + mount + " (" + mounted + ")").isTrue();
        cluster = StreamlogCluster.builder().controllers(1).storageNodes(3).gateways(1)
                .storageDataDir(FULL_NODE, mount)
                .build();
        gateway = cluster.gatewayApi();
        String clusterId = gateway.clusterId(BOUND);
        assertThat(gateway.createTopic(clusterId, TOPIC, PARTITIONS, 3).status()).isEqualTo(201);
        awaitIsrOfEveryPartition(3);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (mount != null) {
            List<String> umount = new ArrayList<>(sudo);
            umount.addAll(List.of("umount", "-l", mount.toString()));
            run(umount);
            Files.deleteIfExists(mount);
        }
    }

    @Test
    void aFullDataDirMovesLeadershipLosesNothingAndTheNodeRejoinsAfterARestart() throws Exception {
        ServiceNode full = cluster.storageNode(FULL_NODE);
        AtomicBoolean producing = new AtomicBoolean(true);
        List<Thread> producers = new ArrayList<>();
        AtomicInteger sequence = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            Thread producer = new Thread(() -> produceWhile(producing, sequence), "producer-" + i);
            producer.start();
            producers.add(producer);
        }
        try {
            Await.until(BOUND, "records acknowledged before the disk fills", () -> ackedCount.get() >= 300);

            Path filler = mount.resolve("filler");
            fillUntilBelow(filler, FLOOR_BYTES / 2);
            long filledAt = System.nanoTime();
            Await.until(BOUND, "storage node 3 to withdraw its registration", cluster::logFiles,
                    () -> cluster.zookeeper().curator().checkExists().forPath(ZkPaths.broker(FULL_NODE)) == null);
            Await.until(BOUND, "every partition led and replicated without node 3", cluster::logFiles,
                    () -> withoutNode(FULL_NODE));
            Duration failover = Duration.ofNanos(System.nanoTime() - filledAt);
            System.out.printf("DataDirFailureIT: node %d offline and out of every leadership and ISR %d ms after the"
                    + " disk filled%n", FULL_NODE, failover.toMillis());
            assertThat(failover).as("the failover window").isLessThan(FAILOVER_WINDOW);

            HttpResult readiness = cluster.http().get(full.baseUrl() + "/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().path("components").path("dataDir").path("details").path("offline_reason")
                    .asString()).as("%s", readiness).contains("min-free-space");

            long before = ackedCount.get();
            Await.until(BOUND, "records acknowledged while node 3 is out", () -> ackedCount.get() >= before + 300);
            System.out.printf("DataDirFailureIT: %d records acknowledged while node 3's dir was offline%n",
                    ackedCount.get() - before);

            producing.set(false);
            for (Thread producer : producers) {
                producer.join(BOUND.toMillis());
            }
            Files.delete(filler);
            full.stop();
            full.start();
            awaitIsrOfEveryPartition(3);
        } finally {
            producing.set(false);
        }
        assertThat(wrongAnswers).as("answers other than success or 503").isEmpty();
        verifyNothingLost();
    }

    private void produceWhile(AtomicBoolean producing, AtomicInteger sequence) {
        Http http = cluster.http();
        while (producing.get()) {
            List<String> values = new ArrayList<>();
            StringBuilder body = new StringBuilder("{\"records\":[");
            for (int i = 0; i < 10; i++) {
                String value = "rec-" + sequence.incrementAndGet();
                values.add(value);
                body.append(i == 0 ? "" : ",").append("{\"key\":\"").append(value).append("\",\"value\":\"")
                        .append(value).append("\"}");
            }
            HttpResult answer;
            try {
                answer = http.post(gateway.url("/topics/" + TOPIC + "?acks=all"), Http.KAFKA_JSON, body + "]}");
            } catch (RuntimeException e) {
                failed.addAll(values);
                continue;
            }
            if (answer.status() == 200) {
                JsonNode offsets = answer.json().path("offsets");
                for (int i = 0; i < values.size(); i++) {
                    JsonNode offset = offsets.path(i);
                    if (offset.path("offset").isIntegralNumber()) {
                        acknowledged.put(values.get(i), new long[] {offset.path("partition").asInt(),
                                offset.path("offset").asLong()});
                        ackedCount.incrementAndGet();
                    } else {
                        failed.add(values.get(i));
                    }
                }
            } else if (answer.status() == 503) {
                failed.addAll(values);
            } else {
                failed.addAll(values);
                wrongAnswers.add(answer.toString());
            }
        }
    }

    /** Every acknowledged record at its offset with its value; a failed one at most once; offsets increasing. */
    private void verifyNothingLost() {
        Map<String, Integer> seen = new HashMap<>();
        Map<Integer, Map<Long, String>> logs = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            Map<Long, String> log = new HashMap<>();
            long next = 0;
            long previous = -1;
            long end = gateway.offsets(TOPIC, partition).json().path("end_offset").asLong();
            while (next < end) {
                HttpResult read = gateway.records(TOPIC, partition, next, 1 << 20);
                assertThat(read.status()).as("%s", read).isEqualTo(200);
                for (JsonNode record : read.json()) {
                    long offset = record.path("offset").asLong();
                    assertThat(offset).as("offsets strictly increase in partition %d", partition).isGreaterThan(previous);
                    previous = offset;
                    String value = record.path("value").asString();
                    log.put(offset, value);
                    seen.merge(value, 1, Integer::sum);
                    next = offset + 1;
                }
            }
            logs.put(partition, log);
        }
        acknowledged.forEach((value, at) -> {
            assertThat(logs.get((int) at[0]).get(at[1])).as("acknowledged %s at %d/%d", value, at[0], at[1])
                    .isEqualTo(value);
            assertThat(seen.get(value)).as("acknowledged %s appears once", value).isEqualTo(1);
        });
        for (String value : failed) {
            assertThat(seen.getOrDefault(value, 0)).as("failed write %s appears at most once", value).isLessThanOrEqualTo(1);
        }
        System.out.printf("DataDirFailureIT: %d records acknowledged, %d failed or unanswered, all acknowledged read"
                + " back at their offsets%n", acknowledged.size(), failed.size());
    }

    private static boolean withoutNode(int node) {
        HttpResult topic = cluster.http().get(gateway.url("/topics/" + TOPIC), Http.KAFKA_V2);
        if (topic.status() != 200) {
            return false;
        }
        for (JsonNode partition : topic.json().path("partitions")) {
            if (partition.path("leader").asInt() == node || partition.path("leader").asInt() < 0) {
                return false;
            }
            for (JsonNode replica : partition.path("replicas")) {
                if (replica.path("broker").asInt() == node && replica.path("in_sync").asBoolean()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void awaitIsrOfEveryPartition(int size) {
        Await.until(BOUND, "every partition of " + TOPIC + " with " + size + " in-sync replicas", cluster::logFiles,
                () -> {
                    HttpResult topic = cluster.http().get(gateway.url("/topics/" + TOPIC), Http.KAFKA_V2);
                    if (topic.status() != 200) {
                        return false;
                    }
                    for (JsonNode partition : topic.json().path("partitions")) {
                        long inSync = 0;
                        for (JsonNode replica : partition.path("replicas")) {
                            inSync += replica.path("in_sync").asBoolean() ? 1 : 0;
                        }
                        if (inSync != size || partition.path("leader").asInt() < 0) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    /** Writes {@code filler} until the file system has less than {@code free} usable bytes. */
    private static void fillUntilBelow(Path filler, long free) throws IOException {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (Files.getFileStore(mount).getUsableSpace() >= free) {
                out.write(chunk);
                out.flush();
            }
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timed out: " + command;
        }
        return new String(process.getInputStream().readAllBytes()) + (process.exitValue() == 0 ? ""
                : " (exit " + process.exitValue() + ")");
    }
}
