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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Consumer groups through the public v2 routes, end to end: 3 storage nodes, 2 coordinators, 2
 * gateways, every service its own process. Membership and assignment (three instances on six
 * partitions get two each, a fourth rebalances, a quiet one loses its partitions), an instance
 * served alternately by both gateways across a gateway restart, two groups reading one topic
 * independently, the v3 group, group list and lag views, the bad-input codes, seeks by time and
 * offset, and a coordinator SIGKILL after which the same instance
 * resumes from its committed offsets. The tests run in order and share the cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerGroupsIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String CREATE_BODY = "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\","
            + "\"auto.commit.enable\":\"false\",\"session.timeout.ms\":\"3000\"%s}";

    private static StreamlogCluster cluster;
    private static GatewayApi gateway;
    private static String clusterId;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);

    @BeforeAll
    static void startCluster() {
        cluster = StreamlogCluster.builder().name("consumer-groups").controllers(1).storageNodes(3).coordinators(2)
                .gateways(2).fastCoordinatorFailover().build();
        gateway = cluster.gatewayApi();
        clusterId = gateway.clusterId(BOUND);
    }


    @Test
    @Order(1)
    void threeInstancesShareSixPartitionsAFourthRebalancesAndAQuietOneLosesItsShare() {
        createTopic("events", 6);
        List<String> instances = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            instances.add(createInstance(gatewayUrl(0), "workers", "w" + i, ""));
            assertStatus(subscribe(gatewayUrl(0), "workers", "w" + i, "{\"topics\":[\"events\"]}"), 204);
        }
        Map<String, List<String>> assignment = assignments(gatewayUrl(0), "workers", instances);
        assertThat(assignment.values()).allSatisfy(partitions -> assertThat(partitions).hasSize(2));
        assertThat(union(assignment)).hasSize(6);

        instances.add(createInstance(gatewayUrl(1), "workers", "w4", ""));
        assertStatus(subscribe(gatewayUrl(1), "workers", "w4", "{\"topics\":[\"events\"]}"), 204);
        assignment = assignments(gatewayUrl(1), "workers", instances);
        assertThat(assignment.values().stream().mapToInt(List::size).sorted().toArray()).containsExactly(1, 1, 2, 2);
        assertThat(union(assignment)).hasSize(6);

        Await.until(BOUND, "w4 to lose its partitions after 3 s without a call", cluster::logFiles, () -> {
            for (String instance : List.of("w1", "w2", "w3")) {
                poll(gatewayUrl(0), "workers", instance, 0);
            }
            Map<String, List<String>> now = assignments(gatewayUrl(0), "workers", List.of("w1", "w2", "w3"));
            return union(now).size() == 6;
        });
    }

    @Test
    @Order(2)
    void oneInstanceServedByBothGatewaysReadsEverythingAcrossAGatewayRestart() {
        createTopic("ledger", 3);
        Set<String> produced = produce("ledger", 0, 300);
        String name = createInstance(gatewayUrl(0), "auditors", "a1", "");
        assertStatus(subscribe(gatewayUrl(1), "auditors", name, "{\"topics\":[\"ledger\"]}"), 204);

        Set<String> read = readUntil(name, "auditors", produced.size(), 0);
        assertThat(read).isEqualTo(produced);
        assertStatus(cluster.http().post(instanceUrl(gatewayUrl(0), "auditors", name) + "/offsets", Http.KAFKA_V2,
                ""), 200);
        JsonNode committed = cluster.http().send(cluster.http().request(instanceUrl(gatewayUrl(1), "auditors", name)
                + "/offsets").header("Accept", Http.KAFKA_V2).GET()).json().path("offsets");
        assertThat(committed.size()).isEqualTo(3);
        long total = 0;
        for (JsonNode offset : committed) {
            total += offset.path("offset").asLong();
        }
        assertThat(total).as("committed offsets sum to the records read").isEqualTo(300);
        JsonNode lags = cluster.http().get(gateway.url("/v3/clusters/" + clusterId + "/consumer-groups/auditors/lags"))
                .json();
        assertThat(lags.path("kind").asString()).isEqualTo("KafkaConsumerLagList");
        assertThat(lags.path("data").size()).isEqualTo(3);
        for (JsonNode lag : lags.path("data")) {
            assertThat(lag.path("lag").asLong()).as("%s", lag).isZero();
            assertThat(lag.path("consumer_id").asString()).isEqualTo(name);
            assertThat(lag.path("current_offset").asLong()).isEqualTo(lag.path("log_end_offset").asLong());
        }
        JsonNode group = cluster.http().get(gateway.url("/v3/clusters/" + clusterId + "/consumer-groups/auditors"))
                .json();
        assertThat(group.path("state").asString()).isEqualTo("STABLE");
        assertThat(group.path("partition_assignor").asString()).isEqualTo("range");
        JsonNode member = cluster.http().get(group.path("consumers").path("related").asString()).json()
                .path("data").path(0);
        assertThat(cluster.http().get(member.path("assignments").path("related").asString()).json().path("data")
                .size()).isEqualTo(3);
        JsonNode groups = cluster.http().get(gateway.url("/v3/clusters/" + clusterId + "/consumer-groups")).json();
        List<String> ids = new ArrayList<>();
        groups.path("data").forEach(entry -> ids.add(entry.path("consumer_group_id").asString()));
        assertThat(ids).containsExactly("auditors", "workers");
        ErrorBodies.assertError(cluster.http().get(gateway.url("/v3/clusters/" + clusterId
                + "/consumer-groups/nobody")), 404, 404);

        ServiceNode first = cluster.gateways().get(0);
        first.stop();
        first.start();
        first.awaitHealthy();
        Set<String> more = produce("ledger", 300, 30);
        assertThat(readUntil(name, "auditors", more.size(), 0)).isEqualTo(more);
        assertStatus(cluster.http().post(instanceUrl(gatewayUrl(1), "auditors", name) + "/offsets", Http.KAFKA_V2,
                ""), 200);

        ServiceNode second = cluster.gateways().get(1);
        second.stop();
        second.start();
        second.awaitHealthy();
        Set<String> last = produce("ledger", 330, 20);
        assertThat(readUntil(name, "auditors", last.size(), 1)).isEqualTo(last);
    }

    @Test
    @Order(3)
    void twoGroupsReadTheSameTopicIndependently() {
        Set<String> produced = new HashSet<>();
        produced.addAll(produce("ledger", 1_000, 20));
        for (String group : List.of("group-a", "group-b")) {
            String name = createInstance(gatewayUrl(1), group, "only", "");
            assertStatus(cluster.http().post(instanceUrl(gatewayUrl(1), group, name) + "/assignments", Http.KAFKA_V2,
                    "{\"partitions\":[{\"topic\":\"ledger\",\"partition\":0},{\"topic\":\"ledger\",\"partition\":1},"
                            + "{\"topic\":\"ledger\",\"partition\":2}]}"), 204);
            Set<String> read = readUntil(name, group, 370, 1);
            assertThat(read).as(group).containsAll(produced).hasSize(370);
        }
    }

    @Test
    @Order(4)
    void badInputGetsTheDocumentedCodes() {
        String base = gatewayUrl(0);
        String name = createInstance(base, "picky", "p1", "");
        ErrorBodies.assertError(cluster.http().post(base + "/consumers/picky", Http.KAFKA_V2,
                String.format(CREATE_BODY, ",\"name\":\"p1\"")), 409, 40902);
        ErrorBodies.assertError(cluster.http().get(instanceUrl(base, "picky", "nobody") + "/assignments"), 404, 40403);
        ErrorBodies.assertError(subscribe(base, "picky", name, "{\"topic_pattern\":\"(unclosed\"}"), 422, 42204);
        ErrorBodies.assertError(cluster.http().post(base + "/consumers/picky", Http.KAFKA_V2,
                "{\"format\":\"avro\"}"), 422, 42204);
        assertStatus(cluster.http().post(instanceUrl(base, "picky", name) + "/assignments", Http.KAFKA_V2,
                "{\"partitions\":[{\"topic\":\"ledger\",\"partition\":0}]}"), 204);
        ErrorBodies.assertError(subscribe(base, "picky", name, "{\"topics\":[\"ledger\"]}"), 409, 40903);
        ErrorBodies.assertError(cluster.http().post(instanceUrl(base, "picky", name) + "/offsets", Http.KAFKA_V2,
                "{\"offsets\":[{\"topic\":\"ledger\",\"partition\":1,\"offset\":1}]}"), 409, 40903);
        ErrorBodies.assertError(cluster.http().post(instanceUrl(base, "picky", name) + "/positions", Http.KAFKA_V2,
                "{\"timestamps\":[{\"topic\":\"ledger\",\"partition\":0,\"timestamp\":1},"
                        + "{\"topic\":\"ledger\",\"partition\":0,\"timestamp\":2}]}"), 400, 40001);
        ErrorBodies.assertError(cluster.http().post(base + "/consumers/picky", Http.KAFKA_V2,
                "{\"session.timeout.ms\":\"0\"}"), 422, 42204);
        ErrorBodies.assertError(cluster.http().post(instanceUrl(base, "picky", name) + "/offsets", Http.KAFKA_V2,
                "{\"offsets\":[{\"topic\":\"ledger\",\"partition\":0,\"offset\":999999}]}"), 400, 40001);
        ErrorBodies.assertError(cluster.http().get(instanceUrl(base, "picky", name) + "/records",
                "application/vnd.kafka.binary.v2+json"), 406, 40601);
        ErrorBodies.assertError(cluster.http().post(base + "/consumers/bad%20group", Http.KAFKA_V2, "{}"), 400, 40001);
        assertStatus(cluster.http().send(cluster.http().request(instanceUrl(base, "picky", name)).DELETE()), 204);
        ErrorBodies.assertError(cluster.http().get(instanceUrl(base, "picky", name) + "/assignments"), 404, 40403);
    }

    @Test
    @Order(5)
    void commitAfterProcessingIsAtLeastOnceAcrossRebalances() {
        createTopic("stream", 4);
        Set<String> produced = new HashSet<>(produce("stream", 0, 200));
        Map<String, List<String>> processed = new HashMap<>();
        List<String> members = new ArrayList<>(List.of("m1", "m2"));
        for (String member : members) {
            createInstance(gatewayUrl(0), "processors", member, "");
            assertStatus(subscribe(gatewayUrl(0), "processors", member, "{\"topics\":[\"stream\"]}"), 204);
            processed.put(member, new ArrayList<>());
        }
        for (int round = 0; round < 4; round++) {
            members.forEach(member -> processAndCommit("processors", member, processed.get(member)));
        }
        createInstance(gatewayUrl(1), "processors", "m3", "");
        assertStatus(subscribe(gatewayUrl(1), "processors", "m3", "{\"topics\":[\"stream\"]}"), 204);
        members.add("m3");
        processed.put("m3", new ArrayList<>());
        produced.addAll(produce("stream", 200, 200));
        for (int round = 0; round < 3; round++) {
            members.forEach(member -> processAndCommit("processors", member, processed.get(member)));
        }
        members.remove("m1");
        produced.addAll(produce("stream", 400, 200));

        Await.until(BOUND, "m2 and m3 to process everything after m1 went quiet", cluster::logFiles, () -> {
            members.forEach(member -> processAndCommit("processors", member, processed.get(member)));
            Set<String> all = new HashSet<>();
            processed.values().forEach(all::addAll);
            return all.containsAll(produced);
        });

        Map<String, Integer> timesSeen = new HashMap<>();
        processed.forEach((member, ids) -> {
            assertThat(ids).as("%s never gets a record it already processed", member).doesNotHaveDuplicates();
            ids.forEach(id -> timesSeen.merge(id, 1, Integer::sum));
        });
        long duplicates = timesSeen.values().stream().filter(times -> times > 1).count();
        System.out.printf("at-least-once: %d records, %d processed by two members (around the rebalances)%n",
                produced.size(), duplicates);
        assertThat(timesSeen.keySet()).containsAll(produced);
    }

    /** One poll of {@code member}; what it returns is processed (recorded), then committed. */
    private static void processAndCommit(String group, String member, List<String> processed) {
        HttpResult answer = poll(gatewayUrl(0), group, member, 200);
        if (answer.status() != 200) {
            return;
        }
        for (JsonNode record : answer.json()) {
            processed.add(record.path("value").path("id").asString());
        }
        cluster.http().post(instanceUrl(gatewayUrl(0), group, member) + "/offsets", Http.KAFKA_V2, "");
    }

    @Test
    @Order(6)
    void seeksByTimeOffsetBeginningAndEndAndAResetOutOfRange() {
        createTopic("timeline", 1);
        StringBuilder body = new StringBuilder("{\"records\":[");
        for (int i = 1; i <= 5; i++) {
            body.append(i == 1 ? "" : ",").append("{\"value\":{\"id\":\"t").append(i)
                    .append("\"},\"timestamp\":").append(i * 1_000).append('}');
        }
        assertStatus(gateway.produce("timeline", 0, Http.KAFKA_JSON, body.append("]}").toString()), 200);
        String base = gatewayUrl(0);
        String name = createInstance(base, "historians", "h1", "");
        assertStatus(cluster.http().post(instanceUrl(base, "historians", name) + "/assignments", Http.KAFKA_V2,
                "{\"partitions\":[{\"topic\":\"timeline\",\"partition\":0}]}"), 204);

        assertStatus(cluster.http().post(instanceUrl(base, "historians", name) + "/positions", Http.KAFKA_V2,
                "{\"timestamps\":[{\"topic\":\"timeline\",\"partition\":0,\"timestamp\":2500}]}"), 204);
        JsonNode records = poll(base, "historians", name, 1_000).json();
        assertThat(records.size()).isEqualTo(3);
        assertThat(records.get(0).path("value").path("id").asString()).isEqualTo("t3");
        assertThat(records.get(0).path("timestamp").asLong()).isEqualTo(3_000);

        assertStatus(cluster.http().post(instanceUrl(base, "historians", name) + "/positions", Http.KAFKA_V2,
                "{\"offsets\":[{\"topic\":\"timeline\",\"partition\":0,\"offset\":1}]}"), 204);
        assertThat(poll(base, "historians", name, 1_000).json().get(0).path("value").path("id").asString())
                .isEqualTo("t2");
        ErrorBodies.assertError(cluster.http().post(instanceUrl(base, "historians", name) + "/positions",
                Http.KAFKA_V2, "{\"timestamps\":[{\"topic\":\"ledger\",\"partition\":0,\"timestamp\":1}]}"),
                409, 40903);

        String partitions = "{\"partitions\":[{\"topic\":\"timeline\",\"partition\":0}]}";
        assertStatus(cluster.http().post(instanceUrl(base, "historians", name) + "/positions/beginning",
                Http.KAFKA_V2, partitions), 204);
        assertThat(poll(base, "historians", name, 1_000).json().get(0).path("value").path("id").asString())
                .isEqualTo("t1");
        assertStatus(cluster.http().post(instanceUrl(base, "historians", name) + "/positions/end",
                Http.KAFKA_V2, partitions), 204);
        assertThat(poll(base, "historians", name, 200).json().size()).as("nothing after the end").isZero();

        assertStatus(cluster.http().post(instanceUrl(base, "historians", name) + "/positions", Http.KAFKA_V2,
                "{\"offsets\":[{\"topic\":\"timeline\",\"partition\":0,\"offset\":999}]}"), 204);
        assertThat(poll(base, "historians", name, 200).json().size()).as("past the end: reset, nothing yet").isZero();
        assertThat(poll(base, "historians", name, 1_000).json().get(0).path("value").path("id").asString())
                .as("auto.offset.reset=earliest after the position fell out of range").isEqualTo("t1");
    }

    /**
     * Kafka's auto-commit: with {@code auto.commit.interval.ms} of ten minutes no poll commits, but a rebalance
     * commits the positions of the member losing partitions first (so the new owner does not get those records
     * again), and deleting an instance commits its positions (a consumer's close); with 0, each poll commits what
     * the earlier ones returned.
     */
    @Test
    @Order(7)
    void autoCommitCommitsAtItsIntervalBeforeARebalanceAndOnDelete() {
        createTopic("autos", 2);
        Set<String> first = produce("autos", 0, 20);
        String base = gatewayUrl(0);
        createAutoCommitting(base, "autos-g", "ac1", 600_000);
        assertStatus(subscribe(base, "autos-g", "ac1", "{\"topics\":[\"autos\"]}"), 204);
        assertThat(readUntil("ac1", "autos-g", first.size(), 0)).isEqualTo(first);
        poll(base, "autos-g", "ac1", 0);
        assertThat(committedSum(base, "autos-g", "ac1")).as("no poll commits within the interval").isZero();

        createAutoCommitting(base, "autos-g", "ac2", 600_000);
        assertStatus(subscribe(base, "autos-g", "ac2", "{\"topics\":[\"autos\"]}"), 204);
        Await.until(BOUND, "ac1's positions committed by the rebalance ac2 caused", cluster::logFiles,
                () -> committedSum(base, "autos-g", "ac2") + committedSum(base, "autos-g", "ac1") == 20);
        Set<String> second = produce("autos", 20, 10);
        Set<String> read = new HashSet<>();
        Await.until(BOUND, "both members to read the 10 new records", cluster::logFiles, () -> {
            for (String member : List.of("ac1", "ac2")) {
                HttpResult answer = poll(base, "autos-g", member, 200);
                if (answer.status() == 200) {
                    answer.json().forEach(record -> read.add(record.path("value").path("id").asString()));
                }
            }
            return read.containsAll(second);
        });
        assertThat(read).as("nothing ac1 was handed before the rebalance comes again").isEqualTo(second);

        for (String member : List.of("ac1", "ac2")) {
            assertStatus(cluster.http().send(cluster.http().request(instanceUrl(base, "autos-g", member)).DELETE()),
                    204);
        }
        createInstance(base, "autos-g", "reader", "");
        assertStatus(cluster.http().post(instanceUrl(base, "autos-g", "reader") + "/assignments", Http.KAFKA_V2,
                "{\"partitions\":[{\"topic\":\"autos\",\"partition\":0},{\"topic\":\"autos\",\"partition\":1}]}"),
                204);
        Await.until(BOUND, "the deleted members' positions committed", cluster::logFiles,
                () -> committedSum(base, "autos-g", "reader") == 30);

        createAutoCommitting(base, "every-poll", "ep1", 0);
        assertStatus(cluster.http().post(instanceUrl(base, "every-poll", "ep1") + "/assignments", Http.KAFKA_V2,
                "{\"partitions\":[{\"topic\":\"autos\",\"partition\":0},{\"topic\":\"autos\",\"partition\":1}]}"),
                204);
        assertThat(readUntil("ep1", "every-poll", 30, 0)).hasSize(30);
        poll(base, "every-poll", "ep1", 0);
        assertThat(committedSum(base, "every-poll", "ep1")).as("the next poll committed what the earlier returned")
                .isEqualTo(30);
    }

    private static void createAutoCommitting(String base, String group, String name, long intervalMs) {
        HttpResult created = Await.value(BOUND, "instance " + name + " of " + group, cluster::logFiles, () -> {
            HttpResult answer = cluster.http().post(base + "/consumers/" + group, Http.KAFKA_V2, "{\"name\":\""
                    + name + "\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\","
                    + "\"auto.commit.enable\":\"true\",\"auto.commit.interval.ms\":\"" + intervalMs + "\"}");
            return answer.status() == 503 ? Optional.empty() : Optional.of(answer);
        });
        assertStatus(created, 200);
    }

    /** The sum of the group's committed offsets in the partitions the instance reads. */
    private static long committedSum(String base, String group, String instance) {
        HttpResult answer = cluster.http().send(cluster.http().request(instanceUrl(base, group, instance)
                + "/offsets").header("Accept", Http.KAFKA_V2).GET());
        assertStatus(answer, 200);
        long sum = 0;
        for (JsonNode offset : answer.json().path("offsets")) {
            sum += offset.path("offset").asLong();
        }
        return sum;
    }

    @Test
    @Order(8)
    void afterACoordinatorSigkillTheSameInstanceResumesFromItsCommittedOffsets() {
        String name = createInstance(gatewayUrl(0), "survivors", "s1", "");
        assertStatus(subscribe(gatewayUrl(0), "survivors", name, "{\"topics\":[\"ledger\"]}"), 204);
        Set<String> before = readUntil(name, "survivors", 370, 0);
        assertThat(before).hasSize(370);
        assertStatus(cluster.http().post(instanceUrl(gatewayUrl(0), "survivors", name) + "/offsets", Http.KAFKA_V2,
                ""), 200);
        ServiceNode owner = coordinatorOf("survivors");

        owner.kill();
        Set<String> after = produce("ledger", 2_000, 40);
        Set<String> resumed = readUntil(name, "survivors", after.size(), 1);

        assertThat(resumed).as("only what came after the commit").isEqualTo(after);
        owner.start();
        owner.awaitHealthy();
    }

    private static ServiceNode coordinatorOf(String group) {
        for (ServiceNode node : cluster.coordinators()) {
            if (cluster.internalHttp().get(node.baseUrl() + "/internal/v1/groups/" + group + "/offsets").status()
                    == 200) {
                return node;
            }
        }
        throw new AssertionError("no coordinator serves " + group);
    }

    /** Polls (through the given gateway, then alternating) until {@code count} records were read. */
    private static Set<String> readUntil(String instance, String group, int count, int gatewayIndex) {
        Set<String> read = new HashSet<>();
        int[] turn = {gatewayIndex};
        Await.until(BOUND, count + " records for " + group + "/" + instance, cluster::logFiles, () -> {
            HttpResult answer = poll(gatewayUrl(turn[0]++ % 2), group, instance, 500);
            if (answer.status() == 200) {
                for (JsonNode record : answer.json()) {
                    read.add(record.path("value").path("id").asString());
                }
            } else if (answer.status() != 503) {
                throw new AssertionError("poll answered " + answer);
            }
            return read.size() >= count;
        });
        return read;
    }

    private static HttpResult poll(String base, String group, String instance, int timeoutMs) {
        return cluster.http().get(instanceUrl(base, group, instance) + "/records?timeout=" + timeoutMs,
                Http.KAFKA_JSON);
    }

    private static Set<String> produce(String topic, int first, int count) {
        StringBuilder body = new StringBuilder("{\"records\":[");
        Set<String> ids = new HashSet<>();
        for (int i = first; i < first + count; i++) {
            body.append(i == first ? "" : ",").append("{\"value\":{\"id\":\"r").append(i).append("\"}}");
            ids.add("r" + i);
        }
        HttpResult produced = gateway.produce(topic, Http.KAFKA_JSON, body.append("]}").toString());
        assertStatus(produced, 200);
        return ids;
    }

    private static void createTopic(String topic, int partitions) {
        assertStatus(gateway.createTopic(clusterId, topic, partitions, 3), 201);
        gateway.awaitTopicReady(topic, partitions, BOUND);
    }

    private static String createInstance(String base, String group, String name, String extra) {
        HttpResult created = Await.value(BOUND, "instance " + name + " of " + group, cluster::logFiles, () -> {
            HttpResult answer = cluster.http().post(base + "/consumers/" + group, Http.KAFKA_V2,
                    String.format(CREATE_BODY, ",\"name\":\"" + name + "\"" + extra));
            if (answer.status() == 503) {
                return Optional.empty();
            }
            return Optional.of(answer);
        });
        assertStatus(created, 200);
        assertThat(created.json().path("base_uri").asString()).isEqualTo(instanceUrl(base, group, name));
        return created.json().path("instance_id").asString();
    }

    private static HttpResult subscribe(String base, String group, String instance, String body) {
        return cluster.http().post(instanceUrl(base, group, instance) + "/subscription", Http.KAFKA_V2, body);
    }

    private static Map<String, List<String>> assignments(String base, String group, List<String> instances) {
        Map<String, List<String>> assignment = new HashMap<>();
        for (String instance : instances) {
            HttpResult answer = cluster.http().get(instanceUrl(base, group, instance) + "/assignments", Http.KAFKA_V2);
            assertStatus(answer, 200);
            List<String> partitions = new ArrayList<>();
            answer.json().path("partitions").forEach(partition -> partitions.add(partition.path("topic").asString()
                    + "-" + partition.path("partition").asInt()));
            assignment.put(instance, partitions);
        }
        return assignment;
    }

    private static Set<String> union(Map<String, List<String>> assignment) {
        Set<String> all = new HashSet<>();
        assignment.values().forEach(all::addAll);
        return all;
    }

    private static String gatewayUrl(int index) {
        return cluster.gateways().get(index).baseUrl();
    }

    private static String instanceUrl(String base, String group, String instance) {
        return base + "/consumers/" + group + "/instances/" + instance;
    }

    private static void assertStatus(HttpResult answer, int status) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    }
}
