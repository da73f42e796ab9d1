package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.ServiceNode;
import dev.streamlog.it.kit.StreamlogCluster;
import dev.streamlog.model.Partitioner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform end to end, every service its own process (2 controllers, 3 storage nodes,
 * 1 coordinator, 1 gateway, real ZooKeeper): a 6-partition topic gets 10,000 keyed JSON
 * records through the gateway and every partition is read back and checked (count, order,
 * key to partition, content at the acknowledged offsets); then again after a storage node is
 * killed with SIGKILL and restarted; then the active controller is stopped and the standby
 * must take over and create a topic. The tests run in order and share the cluster and the
 * acknowledged records.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private static final String TOPIC = "platform-it";
    private static final int PARTITIONS = 6;
    private static final int RECORDS = 10_000;
    private static final int BATCH = 100;
    private static final int KEYS = 1_000;
    private static final int MAX_BYTES = 256 * 1024;
    private static final Duration BOUND = Duration.ofSeconds(120);

    private static StreamlogCluster cluster;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);
    private static GatewayApi gateway;
    private static String clusterId;
    /** partition -> offset -> record number, as the produce answers acknowledged them. */
    private static final Map<Integer, TreeMap<Long, Integer>> acknowledged = new HashMap<>();
    private static Map<Integer, List<JsonNode>> firstRead;

    @BeforeAll
    static void startCluster() {
        cluster = StreamlogCluster.builder().controllers(2).storageNodes(3).coordinators(1).gateways(1).build();
        gateway = cluster.gatewayApi();
        clusterId = gateway.clusterId(BOUND);
    }


    @Test
    @Order(1)
    void producesTenThousandKeyedRecordsAndReadsEveryPartitionBack() {
        HttpResult created = gateway.createTopic(clusterId, TOPIC, PARTITIONS, 1);
        assertThat(created.status()).as("%s\n%s", created, cluster.logFiles()).isEqualTo(201);
        gateway.awaitTopicReady(TOPIC, PARTITIONS, BOUND);

        for (int first = 0; first < RECORDS; first += BATCH) {
            HttpResult produced = gateway.produce(TOPIC, Http.KAFKA_JSON, batch(first, BATCH));
            assertThat(produced.status()).as("%s\n%s", produced, cluster.logFiles()).isEqualTo(200);
            JsonNode offsets = produced.json().path("offsets");
            assertThat(offsets.size()).as("one offset per record: %s", produced).isEqualTo(BATCH);
            for (int i = 0; i < BATCH; i++) {
                acknowledge(first + i, offsets.get(i), produced);
            }
        }
        assertThat(acknowledged.values().stream().mapToInt(Map::size).sum()).isEqualTo(RECORDS);

        firstRead = readEveryPartition();
        verify(firstRead);
    }

    @Test
    @Order(2)
    void everyRecordIsStillThereAfterAStorageNodeIsKilledAndRestarted() {
        assertThat(firstRead).as("the records of the first test").isNotNull();
        JsonNode partitions = gateway.awaitTopicReady(TOPIC, PARTITIONS, BOUND);
        ServiceNode victim = cluster.storageNode(partitions.get(0).path("leader").asInt());

        victim.kill();
        victim.start();

        Map<Integer, List<JsonNode>> again = readEveryPartition();
        verify(again);
        assertThat(again).as("the same records as before the kill").isEqualTo(firstRead);
    }

    @Test
    @Order(3)
    void theStandbyControllerTakesOverWhenTheActiveOneStopsAndCanCreateTopics() {
        ServiceNode active = cluster.activeController();
        ServiceNode standby = cluster.controllers().stream().filter(node -> node != active).findFirst().orElseThrow();
        HttpResult standbyAnswer = cluster.internalHttp().get(standby.baseUrl() + "/v3/clusters");
        ErrorBodies.assertError(standbyAnswer, 503, 50003);

        active.stop();

        Await.until(BOUND, standby.name() + " to lead /controller", cluster::logFiles,
                () -> cluster.activeController() == standby);
        Await.until(BOUND, standby.name() + " to serve the admin API", cluster::logFiles,
                () -> cluster.internalHttp().get(standby.baseUrl() + "/v3/clusters").status() == 200);

        String topic = "after-failover";
        boolean[] attempted = {false};
        HttpResult created = Await.value(BOUND, "the gateway to create " + topic + " through the new controller",
                cluster::logFiles, () -> {
                    HttpResult answer = gateway.createTopic(clusterId, topic, 3, 1);
                    boolean retry = attempted[0];
                    attempted[0] = true;
                    if (answer.status() == 201 || (retry && answer.status() == 409)) {
                        return Optional.of(answer);
                    }
                    if (answer.status() == 503) {
                        throw new IllegalStateException(answer.toString());
                    }
                    return fail("unexpected answer: %s", answer);
                });
        assertThat(created.status()).isIn(201, 409);
        gateway.awaitTopicReady(topic, 3, BOUND);
        HttpResult produced = gateway.produce(topic, Http.KAFKA_JSON, batch(0, 10));
        assertThat(produced.status()).as("%s", produced).isEqualTo(200);

        active.start();
        assertThat(cluster.activeController()).as("the restarted controller stays a standby").isSameAs(standby);
        ErrorBodies.assertError(cluster.internalHttp().get(active.baseUrl() + "/v3/clusters"), 503, 50003);
    }

    private static String batch(int first, int count) {
        ObjectNode body = Http.json().createObjectNode();
        ArrayNode records = body.putArray("records");
        for (int i = first; i < first + count; i++) {
            ObjectNode record = records.addObject();
            record.put("key", key(i));
            ObjectNode value = record.putObject("value");
            value.put("n", i);
            value.put("text", "record " + i);
        }
        return Http.json().writeValueAsString(body);
    }

    private static String key(int record) {
        return "key-" + (record % KEYS);
    }

    /** The partition Kafka's default partitioner picks: murmur2 of the key's bytes, i.e. its JSON text. */
    private static int kafkaPartition(int record) {
        byte[] keyBytes = ("\"" + key(record) + "\"").getBytes(StandardCharsets.UTF_8);
        return Partitioner.partitionForKey(keyBytes, PARTITIONS);
    }

    private static void acknowledge(int record, JsonNode offset, HttpResult answer) {
        assertThat(offset.path("error_code").isMissingNode() || offset.path("error_code").isNull())
                .as("record %d failed: %s", record, offset).isTrue();
        int partition = offset.path("partition").asInt(-1);
        long at = offset.path("offset").asLong(-1);
        assertThat(partition).as("partition of record %d (key %s) in %s", record, key(record), answer)
                .isEqualTo(kafkaPartition(record));
        assertThat(at).as("offset of record %d", record).isNotNegative();
        Integer earlier = acknowledged.computeIfAbsent(partition, p -> new TreeMap<>()).put(at, record);
        assertThat(earlier).as("partition %d offset %d acknowledged for records %s and %d", partition, at, earlier, record)
                .isNull();
    }

    private static Map<Integer, List<JsonNode>> readEveryPartition() {
        Map<Integer, List<JsonNode>> read = new TreeMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            read.put(partition, readPartition(partition));
        }
        return read;
    }

    /** Every record of the partition from its beginning to its end offset, paging by offset. */
    private static List<JsonNode> readPartition(int partition) {
        JsonNode offsets = fetch("offsets of partition " + partition, () -> gateway.offsets(TOPIC, partition));
        long end = offsets.path("end_offset").asLong();
        long next = offsets.path("beginning_offset").asLong();
        List<JsonNode> records = new ArrayList<>();
        for (int page = 0; next < end; page++) {
            assertThat(page).as("pages read from partition %d", partition).isLessThan(RECORDS);
            long from = next;
            JsonNode got = fetch("records of partition " + partition + " from offset " + from,
                    () -> gateway.records(TOPIC, partition, from, MAX_BYTES));
            assertThat(got.isArray() && !got.isEmpty()).as("records at offset %d < end %d of partition %d: %s",
                    from, end, partition, got).isTrue();
            for (JsonNode record : got) {
                records.add(record);
                next = record.path("offset").asLong() + 1;
            }
        }
        return records;
    }

    /** Answers 200 with a JSON body, retrying (bounded) while a partition is between leaders. */
    private static JsonNode fetch(String what, java.util.function.Supplier<HttpResult> call) {
        return Await.value(BOUND, what, cluster::logFiles, () -> {
            HttpResult answer = call.get();
            if (answer.status() == 200) {
                return Optional.of(answer.json());
            }
            boolean transientError = answer.status() == 503
                    || (answer.status() == 404 && answer.json().path("error_code").asInt() == 40404);
            if (transientError) {
                throw new IllegalStateException(answer.toString());
            }
            return fail("%s: %s", what, answer);
        });
    }

    private static void verify(Map<Integer, List<JsonNode>> read) {
        int total = 0;
        for (int partition = 0; partition < PARTITIONS; partition++) {
            TreeMap<Long, Integer> expected = acknowledged.getOrDefault(partition, new TreeMap<>());
            List<JsonNode> records = read.get(partition);
            assertThat(records).as("records in partition %d", partition).hasSize(expected.size());
            long previousOffset = -1;
            int previousRecord = -1;
            for (JsonNode record : records) {
                long offset = record.path("offset").asLong();
                assertThat(offset).as("offsets increase in partition %d", partition).isGreaterThan(previousOffset);
                Integer number = expected.get(offset);
                assertThat(number).as("partition %d offset %d was acknowledged: %s", partition, offset, record).isNotNull();
                assertThat(number).as("order within partition %d", partition).isGreaterThan(previousRecord);
                assertThat(record.path("partition").asInt()).isEqualTo(partition);
                assertThat(record.path("key").asString("")).as("key at %d/%d", partition, offset).isEqualTo(key(number));
                assertThat(record.path("value").path("n").asInt(-1)).as("value at %d/%d", partition, offset).isEqualTo(number);
                assertThat(record.path("value").path("text").asString("")).isEqualTo("record " + number);
                previousOffset = offset;
                previousRecord = number;
            }
            total += records.size();
        }
        assertThat(total).isEqualTo(RECORDS);
    }
}
