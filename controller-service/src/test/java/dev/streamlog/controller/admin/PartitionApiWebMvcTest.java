package dev.streamlog.controller.admin;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.streamlog.client.fixtures.TestClusterSignature;
import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.controller.metadata.Ids;
import dev.streamlog.controller.metadata.PartitionImage;
import dev.streamlog.controller.metadata.TopicCommands;
import dev.streamlog.controller.metadata.TopicLimits;
import dev.streamlog.controller.metadata.ZkWrite;
import dev.streamlog.controller.metadata.ZnodeCodec;
import dev.streamlog.controller.placement.RoundRobinReplicaPlacer;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import dev.streamlog.support.security.SignedRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * The partition routes: replication health from the partition states as "ZooKeeper" holds them
 * now (set apart from the controller's image, as partition leaders change ISRs behind its back).
 */
@WebMvcTest(properties = "streamlog.cluster.secret=" + TestClusterSignature.SECRET)
@Import({TopicAdmin.class, PartitionApiWebMvcTest.InMemory.class, SignedRequests.class})
class PartitionApiWebMvcTest {

    private static final String CLUSTER = "AbCdEfGhIjKlMnOpQrStUv";
    private static final String BASE = "http://localhost/v3/clusters/" + CLUSTER;
    private static final String ORDERS = "/v3/clusters/" + CLUSTER + "/topics/orders/partitions";
    private final ZnodeCodec codec = new ZnodeCodec();

    @TestConfiguration
    static class InMemory {
        @Bean
        InMemoryClusterMetadata clusterMetadata() {
            return new InMemoryClusterMetadata(ClusterImage.empty(CLUSTER, 1));
        }

        @Bean
        TopicCommands topicCommands() {
            return new TopicCommands(new TopicLimits(1, 1, 50), new RoundRobinReplicaPlacer(new Random(3)), Ids::random);
        }
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private InMemoryClusterMetadata metadata;

    /** Topics {@code orders} (p0 on 1,2,3; p1 on 2,3,1) and {@code clean} (p0 on 3,1), all fully in sync. */
    @BeforeEach
    void twoTopicsInSync() {
        List<ZkWrite> writes = new ArrayList<>();
        writes.addAll(topic("orders", List.of(1, 2, 3), List.of(2, 3, 1)));
        writes.addAll(topic("clean", List.of(3, 1)));
        metadata.setActive(true);
        metadata.setImage(ClusterImage.empty(CLUSTER, 1).replay(writes).withBrokers(Map.of(
                1, new BrokerRegistration("127.0.0.1", 9091, null, false),
                2, new BrokerRegistration("127.0.0.1", 9092, null, false),
                3, new BrokerRegistration("127.0.0.1", 9093, null, false))));
    }

    /** As ZooKeeper has it now: orders-0's leader dropped 3 from its ISR, orders-1 lost every ISR member. */
    private void ordersDegraded() {
        TreeMap<Integer, PartitionImage> states = new TreeMap<>();
        states.put(0, new PartitionImage(new PartitionState(1, 0, List.of(1, 2), 1), 1));
        states.put(1, new PartitionImage(new PartitionState(-1, 3, List.of(2), 1), 3));
        metadata.setCurrentStates("orders", states);
    }

    private List<ZkWrite> topic(String name, List<Integer>... replicas) {
        Map<String, List<Integer>> partitions = new TreeMap<>();
        for (int p = 0; p < replicas.length; p++) {
            partitions.put(Integer.toString(p), replicas[p]);
        }
        List<ZkWrite> writes = new ArrayList<>(List.of(
                new ZkWrite.Create("/brokers/topics/" + name,
                        codec.writeAssignment(new TopicAssignment("id", partitions, Map.of()))),
                new ZkWrite.Create("/brokers/topics/" + name + "/partitions", "")));
        for (int p = 0; p < replicas.length; p++) {
            writes.add(new ZkWrite.Create("/brokers/topics/" + name + "/partitions/" + p, ""));
            writes.add(new ZkWrite.Create("/brokers/topics/" + name + "/partitions/" + p + "/state",
                    codec.writeState(new PartitionState(replicas[p].get(0), 0, replicas[p], 1))));
        }
        return writes;
    }

    private static ResultMatcher error(int status, int code) {
        return result -> {
            status().is(status).match(result);
            jsonPath("$.error_code").value(code).match(result);
            jsonPath("$.message").isNotEmpty().match(result);
        };
    }

    @Test
    void healthyPartitionsAreInSyncWithTheirLeader() throws Exception {
        mvc.perform(get(ORDERS)).andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("KafkaPartitionList"))
                .andExpect(jsonPath("$.metadata.self").value(BASE + "/topics/orders/partitions"))
                .andExpect(jsonPath("$.data", hasSize(2)))
                .andExpect(jsonPath("$.data[1].partition_id").value(1))
                .andExpect(jsonPath("$.data[1].leader_id").value(2))
                .andExpect(jsonPath("$.data[1].leader_epoch").value(0))
                .andExpect(jsonPath("$.data[1].leader.related").value("http://localhost" + ORDERS + "/1/replicas/2"))
                .andExpect(jsonPath("$.data[1].replicas.related").value("http://localhost" + ORDERS + "/1/replicas"))
                .andExpect(jsonPath("$.data[1].reassignment.related").value("http://localhost" + ORDERS + "/1/reassignment"))
                .andExpect(jsonPath("$.data[1].isr", contains(2, 3, 1)))
                .andExpect(jsonPath("$.data[1].under_replicated").value(false))
                .andExpect(jsonPath("$.data[1].offline").value(false));
        mvc.perform(get(BASE + "/partitions/under-replicated")).andExpect(status().isOk())
                .andExpect(jsonPath("$.data", hasSize(0)));
        mvc.perform(get(ORDERS + "/1/replicas")).andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("KafkaReplicaList"))
                .andExpect(jsonPath("$.data[*].broker_id", contains(2, 3, 1)))
                .andExpect(jsonPath("$.data[*].is_leader", contains(true, false, false)))
                .andExpect(jsonPath("$.data[*].is_in_sync", contains(true, true, true)));
        mvc.perform(get(ORDERS + "/1/replicas/3")).andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("KafkaReplica"))
                .andExpect(jsonPath("$.metadata.resource_name")
                        .value("crn:///kafka=" + CLUSTER + "/topic=orders/partition=1/replica=3"))
                .andExpect(jsonPath("$.broker.related").value(BASE + "/brokers/3"));
        mvc.perform(get(BASE + "/brokers/1/partition-replicas")).andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].topic_name", contains("clean", "orders", "orders")))
                .andExpect(jsonPath("$.data[*].partition_id", contains(0, 0, 1)));
    }

    @Test
    void partitionsShowTheCurrentStatesNotTheControllersImage() throws Exception {
        ordersDegraded();

        mvc.perform(get(ORDERS)).andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0].leader_id").value(1))
                .andExpect(jsonPath("$.data[0].isr", hasSize(2)))
                .andExpect(jsonPath("$.data[0].under_replicated").value(true))
                .andExpect(jsonPath("$.data[0].offline").value(false))
                .andExpect(jsonPath("$.data[1].leader_id").value(nullValue()))
                .andExpect(jsonPath("$.data[1].leader").value(nullValue()))
                .andExpect(jsonPath("$.data[1].offline").value(true));
    }

    @Test
    void describesOnePartition() throws Exception {
        ordersDegraded();

        mvc.perform(get(ORDERS + "/1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("KafkaPartition"))
                .andExpect(jsonPath("$.metadata.self").value(BASE + "/topics/orders/partitions/1"))
                .andExpect(jsonPath("$.metadata.resource_name")
                        .value("crn:///kafka=" + CLUSTER + "/topic=orders/partition=1"))
                .andExpect(jsonPath("$.cluster_id").value(CLUSTER))
                .andExpect(jsonPath("$.topic_name").value("orders"))
                .andExpect(jsonPath("$.partition_id").value(1))
                .andExpect(jsonPath("$.leader_id").value(nullValue()))
                .andExpect(jsonPath("$.leader_epoch").value(3))
                .andExpect(jsonPath("$.replicas.related").value("http://localhost" + ORDERS + "/1/replicas"))
                .andExpect(jsonPath("$.under_replicated").value(true))
                .andExpect(jsonPath("$.offline").value(true));
    }

    @Test
    void listsUnderReplicatedAndOfflinePartitionsAcrossTopics() throws Exception {
        ordersDegraded();

        mvc.perform(get(BASE + "/partitions/under-replicated")).andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("KafkaPartitionList"))
                .andExpect(jsonPath("$.metadata.self").value(BASE + "/partitions/under-replicated"))
                .andExpect(jsonPath("$.data[*].topic_name", contains("orders", "orders")))
                .andExpect(jsonPath("$.data[*].partition_id", contains(0, 1)));
        mvc.perform(get(BASE + "/partitions/offline")).andExpect(status().isOk())
                .andExpect(jsonPath("$.metadata.self").value(BASE + "/partitions/offline"))
                .andExpect(jsonPath("$.data", hasSize(1)))
                .andExpect(jsonPath("$.data[0].topic_name").value("orders"))
                .andExpect(jsonPath("$.data[0].partition_id").value(1));
    }

    @Test
    void unknownTopicsPartitionsAndClustersAreNotFound() throws Exception {
        mvc.perform(get("/v3/clusters/" + CLUSTER + "/topics/nope/partitions")).andExpect(error(404, 40403));
        mvc.perform(get("/v3/clusters/" + CLUSTER + "/topics/nope/partitions/0")).andExpect(error(404, 40403));
        mvc.perform(get(ORDERS + "/2")).andExpect(error(404, 40403));
        mvc.perform(get(ORDERS + "/-1")).andExpect(error(404, 40403));
        mvc.perform(get(ORDERS + "/x")).andExpect(error(400, 40001));
        mvc.perform(get(ORDERS + "/0/replicas/9")).andExpect(error(404, 404));
        mvc.perform(get(BASE + "/brokers/9/partition-replicas")).andExpect(error(404, 404));
        mvc.perform(get("/v3/clusters/other/topics/orders/partitions")).andExpect(error(404, 404));
        mvc.perform(get("/v3/clusters/other/partitions/offline")).andExpect(error(404, 404));
    }

    @Test
    void aStandbyAnswersRetriable() throws Exception {
        metadata.setActive(false);

        mvc.perform(get(ORDERS)).andExpect(error(503, 50003));
        mvc.perform(get(ORDERS + "/0")).andExpect(error(503, 50003));
        mvc.perform(get(BASE + "/partitions/under-replicated")).andExpect(error(503, 50003));
    }
}
