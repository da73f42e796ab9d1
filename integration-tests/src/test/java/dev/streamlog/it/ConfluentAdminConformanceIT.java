package dev.streamlog.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.ClusterWatcher;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.StreamlogCluster;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Confluent REST Proxy conformance of the v3 admin API, checked against a real cluster through the gateway: each test
 * makes the checks of the Confluent integration test it names (confluentinc/kafka-rest,
 * {@code kafka-rest/src/test/java/io/confluent/kafkarest/integration/v3/}) with Confluent's requests and Confluent's
 * expected answers, and the fields {@code api/v3/openapi.yaml} requires. Where Streamlog differs on purpose (it has no
 * compaction, so Confluent's {@code cleanup.policy=compact} update is made with {@code retention.ms} here), the
 * README's compatibility table says so.
 */
class ConfluentAdminConformanceIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String TOPIC_1 = "topic-1";
    private static final String GROUP = "consumer-group-1";
    private static final String MEMBER = "consumer-1";

    private static StreamlogCluster cluster;

    @RegisterExtension
    static final ClusterWatcher WATCHER = new ClusterWatcher(() -> cluster);
    private static GatewayApi gateway;
    private static Http http;
    private static String clusterId;
    private static boolean groupReady;

    @BeforeAll
    static void start() {
        cluster = StreamlogCluster.builder().controllers(1).storageNodes(3).coordinators(1).gateways(1).build();
        gateway = cluster.gatewayApi();
        http = cluster.http();
        clusterId = gateway.clusterId(BOUND);
        assertThat(gateway.createTopic(clusterId, TOPIC_1, 2, 3).status()).isEqualTo(201);
        gateway.awaitTopicReady(TOPIC_1, 2, BOUND);
    }

    // ---- TopicsResourceIntegrationTest ---------------------------------------------------------------------

    /** createTopic_nonExistingTopic_returnsCreatedTopic: 201 and Confluent's TopicData, every link openapi requires. */
    @Test
    void createTopicReturnsTheCreatedTopic() {
        HttpResult answer = http.post(v3("/topics"), Http.JSON_TYPE,
                "{\"topic_name\":\"topic-4\",\"partitions_count\":1,\"replication_factor\":1}");

        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        JsonNode topic = answer.json();
        String self = v3("/topics/topic-4");
        assertThat(topic.path("kind").asString()).isEqualTo("KafkaTopic");
        assertThat(topic.path("metadata").path("self").asString()).isEqualTo(self);
        assertThat(topic.path("metadata").path("resource_name").asString())
                .isEqualTo("crn:///kafka=" + clusterId + "/topic=topic-4");
        assertThat(topic.path("cluster_id").asString()).isEqualTo(clusterId);
        assertThat(topic.path("topic_name").asString()).isEqualTo("topic-4");
        assertThat(topic.path("is_internal").asBoolean(true)).isFalse();
        assertThat(topic.path("replication_factor").asInt()).isEqualTo(1);
        assertThat(topic.path("partitions_count").asInt()).isEqualTo(1);
        assertThat(topic.path("partitions").path("related").asString()).isEqualTo(self + "/partitions");
        assertThat(topic.path("configs").path("related").asString()).isEqualTo(self + "/configs");
        assertThat(topic.path("partition_reassignments").path("related").asString())
                .isEqualTo(self + "/partitions/-/reassignment");
        assertThat(http.get(self).status()).as("getTopicNames contains it").isEqualTo(200);
    }

    /**
     * validateOnlyCreateTopic_nonExistingTopic_returnsNonCreatedTopic (200, the topic, not created) and
     * validateOnlyCreateTopic_existingTopic_returnsBadRequest.
     */
    @Test
    void validateOnlyAnswersTheTopicAndCreatesNothing() {
        HttpResult answer = http.post(v3("/topics"), Http.JSON_TYPE, "{\"topic_name\":\"topic-dry\","
                + "\"partitions_count\":1,\"replication_factor\":1,\"validate_only\":true}");

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("topic_name").asString()).isEqualTo("topic-dry");
        assertThat(answer.json().path("partitions_count").asInt()).isEqualTo(1);
        assertThat(http.get(v3("/topics/topic-dry")).status()).as("not created").isEqualTo(404);
        assertThat(http.post(v3("/topics"), Http.JSON_TYPE, "{\"topic_name\":\"" + TOPIC_1
                + "\",\"partitions_count\":1,\"replication_factor\":1,\"validate_only\":true}").status()).isEqualTo(400);
    }

    /**
     * createTopic_existingTopic_returnsBadRequest (400, Kafka's TopicExistsException as Confluent's 40002),
     * createTopic_withoutRequestBody_returnsInvalidPayload (422), createTopic_nonExistingCluster_returnsNotFound.
     */
    @Test
    void createTopicRefusals() {
        ErrorBodies.assertError(http.post(v3("/topics"), Http.JSON_TYPE, "{\"topic_name\":\"" + TOPIC_1
                + "\",\"partitions_count\":2,\"replication_factor\":1}"), 400, 40002);
        assertThat(http.send(http.request(v3("/topics")).header("Content-Type", Http.JSON_TYPE)
                .POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(422);
        assertThat(http.post(gateway.url("/v3/clusters/foobar/topics"), Http.JSON_TYPE,
                "{\"topic_name\":\"topic-5\",\"partitions_count\":1,\"replication_factor\":1}").status()).isEqualTo(404);
    }

    /**
     * listTopics_nonExistingCluster_returnsNotFound, getTopic_nonExistingCluster_returnsNotFound,
     * getTopic_nonExistingTopic_returnsNotFound, deleteTopic_nonExistingTopic_returnsNotFound and
     * deleteTopic_nonExistingCluster_returnsNotFound.
     */
    @Test
    void unknownTopicsAndClustersAreNotFound() {
        assertThat(http.get(gateway.url("/v3/clusters/foobar/topics")).status()).isEqualTo(404);
        assertThat(http.get(gateway.url("/v3/clusters/foobar/topics/" + TOPIC_1)).status()).isEqualTo(404);
        ErrorBodies.assertError(http.get(v3("/topics/foobar")), 404, 40403);
        assertThat(delete(v3("/topics/foobar")).status()).isEqualTo(404);
        assertThat(delete(gateway.url("/v3/clusters/foobar/topics/" + TOPIC_1)).status()).isEqualTo(404);
    }

    /** createAndDelete_nonExisting_returnsNotFoundCreatedAndNotFound and deleteTopic_existingTopic_deletesTopic. */
    @Test
    void createThenDelete() {
        String url = v3("/topics/topic-gone");
        assertThat(http.get(url).status()).isEqualTo(404);
        assertThat(http.post(v3("/topics"), Http.JSON_TYPE,
                "{\"topic_name\":\"topic-gone\",\"partitions_count\":1,\"replication_factor\":1}").status())
                .isEqualTo(201);
        assertThat(http.get(url).status()).isEqualTo(200);
        assertThat(http.get(url + "/configs/cleanup.policy").status()).isEqualTo(200);
        assertThat(delete(url).status()).isEqualTo(204);
        assertThat(http.get(url).status()).isEqualTo(404);
    }

    /**
     * updateTopicPartitions_IncreasePartitionsCount_returnsTopicWithIncreasedPartitions,
     * updateTopicPartitions_decreasePartitionsCount_returns40002, updateTopicPartitions_samePartitionsCount_returns40002
     * and updateTopicPartitions_topicDoesntExist_returns404.
     */
    @Test
    void updatePartitionsCount() {
        assertThat(http.post(v3("/topics"), Http.JSON_TYPE,
                "{\"topic_name\":\"topic-grow\",\"partitions_count\":2,\"replication_factor\":1}").status())
                .isEqualTo(201);
        HttpResult grown = patch(v3("/topics/topic-grow"), "{\"partitions_count\":3}");
        assertThat(grown.status()).as("%s", grown).isEqualTo(200);
        assertThat(grown.json().path("partitions_count").asInt()).isEqualTo(3);
        ErrorBodies.assertError(patch(v3("/topics/topic-grow"), "{\"partitions_count\":1}"), 400, 40002);
        ErrorBodies.assertError(patch(v3("/topics/topic-grow"), "{\"partitions_count\":3}"), 400, 40002);
        assertThat(patch(v3("/topics/topic-none"), "{\"partitions_count\":1}").status()).isEqualTo(404);
    }

    // ---- TopicConfigsResourceIntegrationTest -----------------------------------------------------------------

    /** getTopicConfig_existingConfig_returnsConfig: cleanup.policy with its default and its broker-level synonym. */
    @Test
    void getTopicConfigReturnsTheConfigWithItsSynonyms() {
        HttpResult answer = http.get(v3("/topics/" + TOPIC_1 + "/configs/cleanup.policy"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode config = answer.json();
        assertThat(config.path("kind").asString()).isEqualTo("KafkaTopicConfig");
        assertThat(config.path("metadata").path("self").asString())
                .isEqualTo(v3("/topics/" + TOPIC_1 + "/configs/cleanup.policy"));
        assertThat(config.path("metadata").path("resource_name").asString())
                .isEqualTo("crn:///kafka=" + clusterId + "/topic=" + TOPIC_1 + "/config=cleanup.policy");
        assertThat(config.path("topic_name").asString()).isEqualTo(TOPIC_1);
        assertThat(config.path("value").asString()).isEqualTo("delete");
        assertThat(config.path("is_default").asBoolean()).isTrue();
        assertThat(config.path("is_read_only").asBoolean(true)).isFalse();
        assertThat(config.path("is_sensitive").asBoolean(true)).isFalse();
        assertThat(config.path("source").asString()).isEqualTo("DEFAULT_CONFIG");
        assertThat(config.path("synonyms").toString())
                .isEqualTo("[{\"name\":\"log.cleanup.policy\",\"value\":\"delete\",\"source\":\"DEFAULT_CONFIG\"}]");
    }

    /**
     * listTopicConfigs_existingTopic_returnsConfigs (Kafka's topic configs, each a KafkaTopicConfig),
     * listTopicConfigs_nonExistingTopic_throwsNotFound, listTopicConfigs_nonExistingCluster_throwsNotFound,
     * getTopicConfig_nonExistingConfig_throwsNotFound, getTopicConfig_nonExistingTopic_throwsNotFound and
     * getTopicConfig_nonExistingCluster_throwsNotFound.
     */
    @Test
    void listTopicConfigsAndWhatIsNotFound() {
        HttpResult list = http.get(v3("/topics/" + TOPIC_1 + "/configs"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("kind").asString()).isEqualTo("KafkaTopicConfigList");
        assertThat(list.json().path("data").valueStream().map(c -> c.path("name").asString()))
                .contains("cleanup.policy", "compression.type", "delete.retention.ms", "max.message.bytes",
                        "min.insync.replicas", "retention.ms", "segment.bytes");
        assertThat(http.get(v3("/topics/foobar/configs")).status()).isEqualTo(404);
        assertThat(http.get(gateway.url("/v3/clusters/foobar/topics/" + TOPIC_1 + "/configs")).status())
                .isEqualTo(404);
        assertThat(http.get(v3("/topics/" + TOPIC_1 + "/configs/foobar")).status()).isEqualTo(404);
        assertThat(http.get(v3("/topics/foobar/configs/cleanup.policy")).status()).isEqualTo(404);
        assertThat(http.get(gateway.url("/v3/clusters/foobar/topics/" + TOPIC_1 + "/configs/cleanup.policy"))
                .status()).isEqualTo(404);
    }

    /**
     * getUpdateReset_withExistingConfig: PUT {"value"} 204 then the value from the topic (DYNAMIC_TOPIC_CONFIG, the
     * override first among the synonyms); DELETE 204 then the default again.
     */
    @Test
    void updateThenResetOneConfig() {
        String url = v3("/topics/" + TOPIC_1 + "/configs/retention.ms");
        assertThat(put(url, "{\"value\":\"3600000\"}").status()).isEqualTo(204);
        JsonNode updated = http.get(url).json();
        assertThat(updated.path("value").asString()).isEqualTo("3600000");
        assertThat(updated.path("is_default").asBoolean(true)).isFalse();
        assertThat(updated.path("source").asString()).isEqualTo("DYNAMIC_TOPIC_CONFIG");
        assertThat(updated.path("synonyms").path(0).path("source").asString()).isEqualTo("DYNAMIC_TOPIC_CONFIG");
        assertThat(updated.path("synonyms").path(1).path("name").asString()).isEqualTo("log.retention.ms");

        assertThat(delete(url).status()).isEqualTo(204);
        JsonNode reset = http.get(url).json();
        assertThat(reset.path("value").asString()).isEqualTo("604800000");
        assertThat(reset.path("is_default").asBoolean()).isTrue();
        assertThat(reset.path("source").asString()).isEqualTo("DEFAULT_CONFIG");
    }

    /**
     * updateTopicConfig_nonExistingConfig_throwsNotFound, updateTopicConfig_nonExistingTopic_throwsNotFound,
     * updateTopicConfig_nonExistingCluster_throwsNotFound, resetTopicConfig_nonExistingConfig_throwsNotFound,
     * resetTopicConfig_nonExistingTopic_throwsNotFound and resetTopicConfig_nonExistingCluster_throwsNotFound.
     */
    @Test
    void updateOrResetWhatDoesNotExist() {
        String other = gateway.url("/v3/clusters/foobar/topics/" + TOPIC_1 + "/configs/cleanup.policy");
        assertThat(put(v3("/topics/" + TOPIC_1 + "/configs/foobar"), "{\"value\":\"compact\"}").status())
                .isEqualTo(404);
        assertThat(put(v3("/topics/foobar/configs/cleanup.policy"), "{\"value\":\"delete\"}").status())
                .isEqualTo(404);
        assertThat(put(other, "{\"value\":\"delete\"}").status()).isEqualTo(404);
        assertThat(delete(v3("/topics/" + TOPIC_1 + "/configs/foobar")).status()).isEqualTo(404);
        assertThat(delete(v3("/topics/foobar/configs/cleanup.policy")).status()).isEqualTo(404);
        assertThat(delete(other).status()).isEqualTo(404);
    }

    /** alterConfigBatch_withExistingConfig: configs:alter sets several at once, 204, then each reads back. */
    @Test
    void alterConfigsInABatch() {
        HttpResult altered = http.post(v3("/topics/" + TOPIC_1 + "/configs:alter"), Http.JSON_TYPE,
                "{\"data\":[{\"name\":\"retention.bytes\",\"value\":\"1048576000\"},"
                        + "{\"name\":\"max.message.bytes\",\"value\":\"2097152\"}]}");
        assertThat(altered.status()).as("%s", altered).isEqualTo(204);
        assertThat(http.get(v3("/topics/" + TOPIC_1 + "/configs/retention.bytes")).json().path("value").asString())
                .isEqualTo("1048576000");
        assertThat(http.get(v3("/topics/" + TOPIC_1 + "/configs/max.message.bytes")).json().path("value")
                .asString()).isEqualTo("2097152");
    }

    /**
     * ListAllTopicsConfigsActionIntegrationTest.listTopicConfigs_existingTopics_returnsConfigs (every topic's configs
     * under {@code topics/-/configs}, cleanup.policy among them with its synonym) and
     * listTopicConfigs_nonExistingCluster_returnsNotFound.
     */
    @Test
    void everyTopicsConfigs() {
        HttpResult answer = http.get(v3("/topics/-/configs"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("kind").asString()).isEqualTo("KafkaTopicConfigList");
        assertThat(answer.json().path("metadata").path("self").asString()).isEqualTo(v3("/topics/-/configs"));
        JsonNode cleanup = answer.json().path("data").valueStream()
                .filter(c -> c.path("topic_name").asString().equals(TOPIC_1) && c.path("name").asString()
                        .equals("cleanup.policy")).findFirst().orElseThrow();
        assertThat(cleanup.path("value").asString()).isEqualTo("delete");
        assertThat(cleanup.path("synonyms").path(0).path("name").asString()).isEqualTo("log.cleanup.policy");
        assertThat(http.get(gateway.url("/v3/clusters/foobar/topics/-/configs")).status()).isEqualTo(404);
    }

    // ---- PartitionsResourceIntegrationTest, ReplicasResourceIntegrationTest, SearchReplicasByBroker… ---------

    /**
     * ListPartitionOffsetsActionIntegrationTest: listPartitionOffsets_existingPartitionWithOffsets_returnsPartitionWithOffsets
     * and …WithDefaultOffsetType_returnsEarliestAndLatestOffsets (KafkaPartitionWithOffsets, its self and resource
     * name), listPartitionOffsets_nonExistingPartition_returnsNotFound, getPartition_nonExistingTopic_returnsNotFound,
     * getPartition_nonExistingCluster_returnsNotFound and getPartition_InvalidOffsetType_returnsNotFound (400).
     */
    @Test
    void partitionOffsets() {
        assertThat(gateway.createTopic(clusterId, "topic-offsets", 1, 1).status()).isEqualTo(201);
        gateway.awaitTopicReady("topic-offsets", 1, BOUND);
        assertThat(gateway.produce("topic-offsets", 0, Http.KAFKA_JSON,
                "{\"records\":[{\"value\":1},{\"value\":2},{\"value\":3}]}").status()).isEqualTo(200);
        String url = v3("/topics/topic-offsets/partitions/0/offset");

        for (String query : List.of("?offset_type=earliest_and_latest", "")) {
            HttpResult answer = http.get(url + query);
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            JsonNode offsets = answer.json();
            assertThat(offsets.path("kind").asString()).isEqualTo("KafkaPartitionWithOffsets");
            assertThat(offsets.path("metadata").path("self").asString()).isEqualTo(url);
            assertThat(offsets.path("metadata").path("resource_name").asString()).isEqualTo("crn:///kafka="
                    + clusterId + "/topic=topic-offsets/partition=0/offset_type=earliest_and_latest");
            assertThat(offsets.path("partition_id").asInt()).isZero();
            assertThat(offsets.path("earliest_offset").asLong()).isZero();
            assertThat(offsets.path("latest_offset").asLong()).isEqualTo(3);
        }
        assertThat(http.get(v3("/topics/topic-offsets/partitions/1/offset?offset_type=earliest_and_latest"))
                .status()).isEqualTo(404);
        assertThat(http.get(v3("/topics/foobar/partitions/0/offset?offset_type=earliest_and_latest")).status())
                .isEqualTo(404);
        assertThat(http.get(gateway.url("/v3/clusters/foobar/topics/topic-offsets/partitions/0/offset")).status())
                .isEqualTo(404);
        assertThat(http.get(url + "?offset_type=foobar").status()).isEqualTo(400);
    }

    /**
     * listPartitions_existingTopic_returnPartitions and getPartition_existingPartition_returnPartition: Confluent's
     * PartitionData, its leader, replicas and reassignment as links.
     */
    @Test
    void partitionsLinkTheirLeaderReplicasAndReassignment() {
        HttpResult list = http.get(v3("/topics/" + TOPIC_1 + "/partitions"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("kind").asString()).isEqualTo("KafkaPartitionList");
        assertThat(list.json().path("data").size()).isEqualTo(2);

        JsonNode partition = http.get(v3("/topics/" + TOPIC_1 + "/partitions/1")).json();
        String self = v3("/topics/" + TOPIC_1 + "/partitions/1");
        assertThat(partition.path("kind").asString()).isEqualTo("KafkaPartition");
        assertThat(partition.path("metadata").path("self").asString()).isEqualTo(self);
        assertThat(partition.path("metadata").path("resource_name").asString())
                .isEqualTo("crn:///kafka=" + clusterId + "/topic=" + TOPIC_1 + "/partition=1");
        assertThat(partition.path("partition_id").asInt()).isEqualTo(1);
        assertThat(partition.path("leader").path("related").asString()).startsWith(self + "/replicas/");
        assertThat(partition.path("replicas").path("related").asString()).isEqualTo(self + "/replicas");
        assertThat(partition.path("reassignment").path("related").asString()).isEqualTo(self + "/reassignment");
    }

    /**
     * listReplicas_existingPartition_returnsReplicas and getReplica_existingReplica_returnsReplica: a KafkaReplica for
     * each replica, one the leader, all in sync, each linking its broker.
     */
    @Test
    void replicasOfAPartition() {
        HttpResult list = http.get(v3("/topics/" + TOPIC_1 + "/partitions/0/replicas"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("kind").asString()).isEqualTo("KafkaReplicaList");
        JsonNode replicas = list.json().path("data");
        assertThat(replicas.size()).isEqualTo(3);
        assertThat(replicas.valueStream().filter(r -> r.path("is_leader").asBoolean()).count()).isEqualTo(1);
        assertThat(replicas.valueStream().allMatch(r -> r.path("is_in_sync").asBoolean())).isTrue();

        int broker = replicas.path(0).path("broker_id").asInt();
        JsonNode replica = http.get(v3("/topics/" + TOPIC_1 + "/partitions/0/replicas/" + broker)).json();
        assertThat(replica.path("kind").asString()).isEqualTo("KafkaReplica");
        assertThat(replica.path("broker_id").asInt()).isEqualTo(broker);
        assertThat(replica.path("broker").path("related").asString()).isEqualTo(v3("/brokers/" + broker));
    }

    /**
     * listPartitions_nonExistingTopic_returnsNotFound, getPartition_nonExistingPartition_returnsNotFound,
     * listReplicas_nonExistingPartition_returnsNotFound, getReplica_nonExistingReplica_returnsNotFound and
     * searchReplicasByBroker_nonExistingBroker_returnsNotFound.
     */
    @Test
    void unknownPartitionsReplicasAndBrokersAreNotFound() {
        assertThat(http.get(v3("/topics/foobar/partitions")).status()).isEqualTo(404);
        ErrorBodies.assertError(http.get(v3("/topics/" + TOPIC_1 + "/partitions/100")), 404, 40403);
        assertThat(http.get(v3("/topics/" + TOPIC_1 + "/partitions/100/replicas")).status()).isEqualTo(404);
        assertThat(http.get(v3("/topics/" + TOPIC_1 + "/partitions/0/replicas/100")).status()).isEqualTo(404);
        assertThat(http.get(v3("/brokers/100/partition-replicas")).status()).isEqualTo(404);
    }

    /** searchReplicasByBroker_existingBroker_returnsReplicas: the replicas a broker holds, each of that broker. */
    @Test
    void replicasOfABroker() {
        int broker = http.get(v3("/brokers")).json().path("data").path(0).path("broker_id").asInt();
        HttpResult answer = http.get(v3("/brokers/" + broker + "/partition-replicas"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("kind").asString()).isEqualTo("KafkaReplicaList");
        assertThat(answer.json().path("data").valueStream().filter(r -> r.path("topic_name").asString()
                .equals(TOPIC_1)).count()).as("RF 3 on 3 brokers: both partitions").isEqualTo(2);
        assertThat(answer.json().path("data").valueStream().allMatch(r -> r.path("broker_id").asInt() == broker))
                .isTrue();
    }

    // ---- ClustersResourceIntegrationTest, BrokersResourceIntegrationTest ------------------------------------

    /**
     * listClusters_returnsArrayWithOwnCluster, getCluster_ownCluster_returnsOwnCluster (every link openapi's
     * ClusterData requires) and getCluster_differentCluster_returnsNotFound (404, error_code 404).
     */
    @Test
    void theClusterAndItsLinks() {
        JsonNode list = http.get(gateway.url("/v3/clusters")).json();
        assertThat(list.path("kind").asString()).isEqualTo("KafkaClusterList");
        assertThat(list.path("data").size()).isEqualTo(1);

        JsonNode own = http.get(v3("")).json();
        String self = v3("");
        assertThat(own.path("kind").asString()).isEqualTo("KafkaCluster");
        assertThat(own.path("metadata").path("resource_name").asString()).isEqualTo("crn:///kafka=" + clusterId);
        assertThat(own.path("brokers").path("related").asString()).isEqualTo(self + "/brokers");
        assertThat(own.path("topics").path("related").asString()).isEqualTo(self + "/topics");
        assertThat(own.path("consumer_groups").path("related").asString()).isEqualTo(self + "/consumer-groups");
        assertThat(own.path("acls").path("related").asString()).isEqualTo(self + "/acls");
        assertThat(own.path("broker_configs").path("related").asString()).isEqualTo(self + "/brokers/-/configs");
        assertThat(own.path("partition_reassignments").path("related").asString())
                .isEqualTo(self + "/topics/-/partitions/-/reassignment");
        ErrorBodies.assertError(http.get(gateway.url("/v3/clusters/foobar")), 404, 404);
    }

    /**
     * listBrokers_existingCluster_returnsBrokers, getBroker_existingClusterExistingBroker_returnsBroker,
     * listBrokers_nonExistingCluster_returnsNotFound, getBroker_nonExistingCluster_returnsNotFound and
     * getBroker_nonExistingBroker_returnsNotFound.
     */
    @Test
    void brokers() {
        JsonNode list = http.get(v3("/brokers")).json();
        assertThat(list.path("kind").asString()).isEqualTo("KafkaBrokerList");
        assertThat(list.path("data").size()).isEqualTo(3);
        int id = list.path("data").path(0).path("broker_id").asInt();

        JsonNode broker = http.get(v3("/brokers/" + id)).json();
        assertThat(broker.path("kind").asString()).isEqualTo("KafkaBroker");
        assertThat(broker.path("metadata").path("resource_name").asString())
                .isEqualTo("crn:///kafka=" + clusterId + "/broker=" + id);
        assertThat(broker.path("host").asString()).isNotEmpty();
        assertThat(broker.path("configs").path("related").asString()).isEqualTo(v3("/brokers/" + id + "/configs"));
        assertThat(broker.path("partition_replicas").path("related").asString())
                .isEqualTo(v3("/brokers/" + id + "/partition-replicas"));
        assertThat(http.get(gateway.url("/v3/clusters/foobar/brokers")).status()).isEqualTo(404);
        assertThat(http.get(gateway.url("/v3/clusters/foobar/brokers/" + id)).status()).isEqualTo(404);
        assertThat(http.get(v3("/brokers/100")).status()).isEqualTo(404);
    }

    // ---- ConsumerGroupsResourceIntegrationTest, ConsumersResource…, ConsumerAssignmentsResource…,
    //      ConsumerLagsResource… and ConsumerGroupLagSummariesResourceIntegrationTest -------------------------

    /**
     * getConsumerGroup_returnsConsumerGroup (state STABLE, type CLASSIC, its consumers and lag summary linked),
     * listConsumerGroups_returnsConsumerGroups, listConsumerGroups_nonExistingCluster_returnsNotFound,
     * getConsumerGroup_nonExistingCluster_returnsNotFound and getConsumerGroup_nonExistingConsumerGroup_returnsNotFound.
     */
    @Test
    void aConsumerGroup() {
        String group = groupWithOneMemberThatReadEverything();

        JsonNode data = http.get(v3("/consumer-groups/" + group)).json();
        assertThat(data.path("kind").asString()).isEqualTo("KafkaConsumerGroup");
        assertThat(data.path("metadata").path("resource_name").asString())
                .isEqualTo("crn:///kafka=" + clusterId + "/consumer-group=" + group);
        assertThat(data.path("consumer_group_id").asString()).isEqualTo(group);
        assertThat(data.path("is_simple").asBoolean(true)).isFalse();
        assertThat(data.path("partition_assignor").asString()).isEqualTo("range");
        assertThat(data.path("state").asString()).isEqualTo("STABLE");
        assertThat(data.path("type").asString()).isEqualTo("CLASSIC");
        assertThat(data.path("is_mixed_consumer_group").asBoolean(true)).isFalse();
        assertThat(data.path("consumers").path("related").asString()).isEqualTo(v3("/consumer-groups/" + group
                + "/consumers"));
        assertThat(data.path("lag_summary").path("related").asString()).isEqualTo(v3("/consumer-groups/" + group
                + "/lag-summary"));
        JsonNode list = http.get(v3("/consumer-groups")).json();
        assertThat(list.path("kind").asString()).isEqualTo("KafkaConsumerGroupList");
        assertThat(list.path("data").valueStream().map(g -> g.path("consumer_group_id").asString())).contains(group);
        assertThat(http.get(gateway.url("/v3/clusters/foobar/consumer-groups")).status()).isEqualTo(404);
        assertThat(http.get(gateway.url("/v3/clusters/foobar/consumer-groups/" + group)).status()).isEqualTo(404);
        ErrorBodies.assertError(http.get(v3("/consumer-groups/foobar")), 404, 404);
    }

    /**
     * listConsumers_returnsConsumers, getConsumer_returnsConsumer, getConsumer_nonExistingConsumer_returnsNotFound,
     * listConsumerAssignments_returnsConsumerAssignments, getConsumerAssignment_returnsConsumerAssignment and
     * getConsumerAssignment_nonExistingConsumerAssignment_returnsNotFound.
     */
    @Test
    void consumersAndWhatEachReads() {
        String group = groupWithOneMemberThatReadEverything();
        String consumers = v3("/consumer-groups/" + group + "/consumers");

        JsonNode list = http.get(consumers).json();
        assertThat(list.path("kind").asString()).isEqualTo("KafkaConsumerList");
        assertThat(list.path("data").size()).isEqualTo(1);
        JsonNode consumer = http.get(consumers + "/" + MEMBER).json();
        assertThat(consumer.path("kind").asString()).isEqualTo("KafkaConsumer");
        assertThat(consumer.path("consumer_id").asString()).isEqualTo(MEMBER);
        assertThat(consumer.path("client_id").asString()).isEqualTo(MEMBER);
        assertThat(consumer.path("assignments").path("related").asString())
                .isEqualTo(consumers + "/" + MEMBER + "/assignments");
        assertThat(http.get(consumers + "/foobar").status()).isEqualTo(404);

        JsonNode assignments = http.get(consumers + "/" + MEMBER + "/assignments").json();
        assertThat(assignments.path("kind").asString()).isEqualTo("KafkaConsumerAssignmentList");
        assertThat(assignments.path("data").size()).as("both partitions of " + TOPIC_1).isEqualTo(2);
        JsonNode assignment = http.get(consumers + "/" + MEMBER + "/assignments/" + TOPIC_1 + "/partitions/1").json();
        assertThat(assignment.path("kind").asString()).isEqualTo("KafkaConsumerAssignment");
        assertThat(assignment.path("partition").path("related").asString())
                .isEqualTo(v3("/topics/" + TOPIC_1 + "/partitions/1"));
        assertThat(assignment.path("lag").path("related").asString())
                .isEqualTo(v3("/consumer-groups/" + group + "/lags/" + TOPIC_1 + "/partitions/1"));
        assertThat(http.get(consumers + "/" + MEMBER + "/assignments/foobar/partitions/0").status()).isEqualTo(404);
    }

    /**
     * listConsumerLags_returnsConsumerLags and getConsumerLag_returnsConsumerLag (all read and committed: current
     * offset at the log end, lag 0, the member and its client id), getConsumerLag_nonExistingOffsets_returnsNotFound,
     * listConsumerLags_nonExistingConsumerGroup_returnsNotFound, getConsumerGroupLagSummary_returnsConsumerGroupLagSummary
     * (max_lag and total_lag 0) and getConsumerGroupLagSummary_nonExistingConsumerGroup_returnsNotFound.
     */
    @Test
    void lagsAndTheirSummary() {
        String group = groupWithOneMemberThatReadEverything();
        String lags = v3("/consumer-groups/" + group + "/lags");

        JsonNode list = http.get(lags).json();
        assertThat(list.path("kind").asString()).isEqualTo("KafkaConsumerLagList");
        assertThat(list.path("data").size()).isEqualTo(2);
        JsonNode lag = http.get(lags + "/" + TOPIC_1 + "/partitions/0").json();
        assertThat(lag.path("kind").asString()).isEqualTo("KafkaConsumerLag");
        assertThat(lag.path("current_offset").asLong()).isEqualTo(lag.path("log_end_offset").asLong());
        assertThat(lag.path("log_end_offset").asLong()).isPositive();
        assertThat(lag.path("lag").asLong()).isZero();
        assertThat(lag.path("consumer_id").asString()).isEqualTo(MEMBER);
        assertThat(lag.path("client_id").asString()).isEqualTo(MEMBER);
        assertThat(http.get(lags + "/foobar/partitions/0").status()).isEqualTo(404);
        assertThat(http.get(v3("/consumer-groups/foo/lags")).status()).isEqualTo(404);

        JsonNode summary = http.get(v3("/consumer-groups/" + group + "/lag-summary")).json();
        assertThat(summary.path("kind").asString()).isEqualTo("KafkaConsumerGroupLagSummary");
        assertThat(summary.path("max_lag").asLong()).isZero();
        assertThat(summary.path("total_lag").asLong()).isZero();
        assertThat(summary.path("max_lag_topic_name").asString()).isEqualTo(TOPIC_1);
        assertThat(http.get(v3("/consumer-groups/foo/lag-summary")).status()).isEqualTo(404);
        assertThat(http.get(gateway.url("/v3/clusters/foo/consumer-groups/" + group + "/lag-summary")).status())
                .isEqualTo(404);
    }

    // ---- openapi.yaml servers -----------------------------------------------------------------------------

    /**
     * openapi.yaml's servers: the v3 API is also at {@code /kafka/v3} (Confluent Server and Confluent Cloud), admin,
     * consumer groups and offsets alike.
     */
    @Test
    void theV3ApiIsAlsoUnderTheKafkaPrefix() {
        String prefixed = gateway.url("/kafka/v3/clusters/" + clusterId);
        assertThat(http.get(gateway.url("/kafka/v3/clusters")).json().path("data").path(0).path("cluster_id")
                .asString()).isEqualTo(clusterId);
        assertThat(http.get(prefixed + "/topics/" + TOPIC_1).json().path("topic_name").asString()).isEqualTo(TOPIC_1);
        assertThat(http.get(prefixed + "/topics/" + TOPIC_1 + "/configs/cleanup.policy").status()).isEqualTo(200);
        assertThat(http.get(prefixed + "/topics/" + TOPIC_1 + "/partitions/0/offset").status()).isEqualTo(200);
        assertThat(http.get(prefixed + "/consumer-groups").status()).isEqualTo(200);
        assertThat(http.get(prefixed + "/topics/foobar").status()).isEqualTo(404);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /**
     * {@value #GROUP}, whose one v2 consumer instance {@value #MEMBER} subscribed to {@value #TOPIC_1}, read the two
     * records on each partition and committed what it read (made once for the tests that need it).
     */
    private static synchronized String groupWithOneMemberThatReadEverything() {
        if (groupReady) {
            return GROUP;
        }
        for (int p = 0; p < 2; p++) {
            assertThat(gateway.produce(TOPIC_1, p, Http.KAFKA_JSON, "{\"records\":[{\"value\":1},{\"value\":2}]}")
                    .status()).isEqualTo(200);
        }
        HttpResult created = Await.value(BOUND, "a consumer instance", () -> "", () -> {
            HttpResult answer = http.post(gateway.url("/consumers/" + GROUP), Http.KAFKA_V2, "{\"name\":\"" + MEMBER
                    + "\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
            return answer.status() == 503 ? Optional.empty() : Optional.of(answer);
        });
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        String instance = gateway.url("/consumers/" + GROUP + "/instances/" + MEMBER);
        assertThat(http.post(instance + "/subscription", Http.KAFKA_V2, "{\"topics\":[\"" + TOPIC_1 + "\"]}")
                .status()).isEqualTo(204);
        int[] read = {0};
        Await.until(BOUND, "the member to read all 4 records", () -> "read " + read[0], () -> {
            HttpResult poll = http.get(instance + "/records?timeout=1000", Http.KAFKA_JSON);
            read[0] += poll.status() == 200 ? poll.json().size() : 0;
            return read[0] >= 4;
        });
        assertThat(http.post(instance + "/offsets", Http.KAFKA_V2, "").status()).isEqualTo(200);
        groupReady = true;
        return GROUP;
    }

    /** A path under this cluster's v3 URL through the gateway. */
    private static String v3(String path) {
        return gateway.url("/v3/clusters/" + clusterId + path);
    }

    private static HttpResult put(String url, String body) {
        return http.send(http.request(url).header("Content-Type", Http.JSON_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResult patch(String url, String body) {
        return http.send(http.request(url).header("Content-Type", Http.JSON_TYPE)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResult delete(String url) {
        return http.send(http.request(url).DELETE());
    }
}
