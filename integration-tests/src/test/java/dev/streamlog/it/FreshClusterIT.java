package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.StreamlogCluster;
import dev.streamlog.model.OffsetsTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * What a user meets first on a cluster started as {@code bin/cluster up} starts it (every node at once: 1
 * controller, 3 storage nodes, 2 coordinators, 1 gateway): {@code __consumer_offsets} gets its full replication
 * factor even though the coordinators may come up before the storage nodes; every group is served the moment every
 * node is healthy (a consumer joins at the first try, whichever coordinator owns its group); and a topic is usable
 * the moment its create answers: records produced right after it get no in-band errors, whatever the replication
 * factor.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshClusterIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final int CYCLES = 20;
    private static final int PARTITIONS = 6;
    private static final int RECORDS = 100;
    /** Groups {@code first-0..first-63}: their homes cover all 16 {@code __consumer_offsets} partitions. */
    private static final int GROUPS = 64;

    private static StreamlogCluster cluster;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);
    private static GatewayApi gateway;

    @BeforeAll
    static void startCluster() {
        cluster = StreamlogCluster.builder().controllers(1).storageNodes(3).coordinators(2).gateways(1).build();
        gateway = cluster.gatewayApi();
    }

    @Test
    void everyOffsetsPartitionHasThreeReplicas() {
        JsonNode partitions = Await.value(BOUND, "__consumer_offsets to exist", cluster::logFiles, () -> {
            HttpResult topic = cluster.http().get(gateway.url("/topics/__consumer_offsets"), Http.KAFKA_V2);
            return topic.status() == 200 ? Optional.of(topic.json().path("partitions")) : Optional.empty();
        });

        assertThat(partitions).hasSize(16);
        for (JsonNode partition : partitions) {
            assertThat(partition.path("replicas")).as("replicas of %s", partition).hasSize(3);
        }
    }

    @Test
    @Order(1)
    void consumersOfEveryGroupJoinAtTheFirstTryOnceEveryNodeIsHealthy() {
        assertThat(IntStream.range(0, GROUPS).map(group -> OffsetsTopic.partitionFor("first-" + group, 16)).distinct()
                .count()).as("offsets partitions the groups live in").isEqualTo(16);
        for (int group = 0; group < GROUPS; group++) {
            HttpResult created = cluster.http().post(gateway.url("/consumers/first-" + group), Http.KAFKA_V2,
                    "{\"name\":\"c1\",\"format\":\"json\"}");

            assertThat(created.status()).as("group first-%d: %s\n%s", group, created, cluster.logFiles())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "replication factor {0}")
    @ValueSource(ints = {1, 3})
    void aNewTopicTakesKeyedRecordsAtOnce(int replicationFactor) {
        String clusterId = gateway.clusterId(BOUND);
        List<String> inBand = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            String topic = "fresh-rf" + replicationFactor + "-" + cycle;
            HttpResult created = gateway.createTopic(clusterId, topic, PARTITIONS, replicationFactor);
            assertThat(created.status()).as("%s", created).isEqualTo(201);

            HttpResult produced = gateway.produce(topic, Http.KAFKA_JSON, keyedRecords(cycle));

            assertThat(produced.status()).as("%s\n%s", produced, cluster.logFiles()).isEqualTo(200);
            JsonNode offsets = produced.json().path("offsets");
            assertThat(offsets).hasSize(RECORDS);
            for (JsonNode offset : offsets) {
                if (!offset.path("error_code").isNull() && !offset.path("error_code").isMissingNode()) {
                    inBand.add(topic + ": " + offset);
                }
            }
        }
        assertThat(inBand).as("in-band errors of %d cycles of %d records", CYCLES, RECORDS).isEmpty();
    }

    private static String keyedRecords(int cycle) {
        StringBuilder body = new StringBuilder("{\"records\":[");
        for (int i = 0; i < RECORDS; i++) {
            body.append(i == 0 ? "" : ",").append("{\"key\":\"key-").append(i).append("\",\"value\":{\"cycle\":")
                    .append(cycle).append(",\"n\":").append(i).append("}}");
        }
        return body.append("]}").toString();
    }
}
