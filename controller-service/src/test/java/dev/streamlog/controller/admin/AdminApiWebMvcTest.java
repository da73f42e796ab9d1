package dev.streamlog.controller.admin;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.streamlog.client.fixtures.TestClusterSignature;
import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.controller.metadata.Ids;
import dev.streamlog.controller.metadata.TopicCommands;
import dev.streamlog.controller.metadata.TopicLimits;
import dev.streamlog.controller.placement.RoundRobinReplicaPlacer;
import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.support.security.SignedRequests;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;

/** The admin routes and their error mapping, with the real commands over an in-memory image. */
@WebMvcTest(properties = "streamlog.cluster.secret=" + TestClusterSignature.SECRET)
@Import({TopicAdmin.class, AdminApiWebMvcTest.InMemory.class, SignedRequests.class})
class AdminApiWebMvcTest {

    private static final String CLUSTER = "AbCdEfGhIjKlMnOpQrStUv";
    private static final String TOPICS = "/v3/clusters/" + CLUSTER + "/topics";

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

    @BeforeEach
    void threeBrokers() {
        metadata.setActive(true);
        metadata.setImage(ClusterImage.empty(CLUSTER, 1).withBrokers(Map.of(
                1, new BrokerRegistration("127.0.0.1", 9091, null, false),
                2, new BrokerRegistration("127.0.0.1", 9092, null, false),
                3, new BrokerRegistration("127.0.0.1", 9093, "r1", false))));
    }

    private ResultActions createTopic(String json) throws Exception {
        return mvc.perform(post(TOPICS).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static ResultMatcher error(int status, int code) {
        return result -> {
            status().is(status).match(result);
            jsonPath("$.error_code").value(code).match(result);
            jsonPath("$.message").isNotEmpty().match(result);
        };
    }

    @Test
    void createsDescribesAndListsTopics() throws Exception {
        createTopic("{\"topic_name\":\"orders\",\"partitions_count\":6,\"replication_factor\":3,"
                + "\"configs\":[{\"name\":\"retention.ms\",\"value\":\"60000\"}]}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost" + TOPICS + "/orders"))
                .andExpect(jsonPath("$.kind").value("KafkaTopic"))
                .andExpect(jsonPath("$.metadata.self").value("http://localhost" + TOPICS + "/orders"))
                .andExpect(jsonPath("$.metadata.resource_name").value("crn:///kafka=" + CLUSTER + "/topic=orders"))
                .andExpect(jsonPath("$.cluster_id").value(CLUSTER))
                .andExpect(jsonPath("$.partitions_count").value(6))
                .andExpect(jsonPath("$.replication_factor").value(3))
                .andExpect(jsonPath("$.is_internal").value(false))
                .andExpect(jsonPath("$.configs.related").value("http://localhost" + TOPICS + "/orders/configs"));

        mvc.perform(get(TOPICS + "/orders")).andExpect(status().isOk())
                .andExpect(jsonPath("$.topic_name").value("orders"));
        mvc.perform(get(TOPICS)).andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("KafkaTopicList"))
                .andExpect(jsonPath("$.metadata.self").value("http://localhost" + TOPICS))
                .andExpect(jsonPath("$.data", hasSize(1)));
        mvc.perform(get(TOPICS + "/orders/configs/retention.ms")).andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value("60000"))
                .andExpect(jsonPath("$.is_default").value(false))
                .andExpect(jsonPath("$.source").value("DYNAMIC_TOPIC_CONFIG"));
        mvc.perform(get(TOPICS + "/orders/configs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("KafkaTopicConfigList"))
                .andExpect(jsonPath("$.data[?(@.name=='segment.bytes')].source").value("DEFAULT_CONFIG"));
        mvc.perform(get(TOPICS + "/-/configs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.metadata.self").value("http://localhost" + TOPICS + "/-/configs"))
                .andExpect(jsonPath("$.data[?(@.name=='retention.ms')].value", contains("60000")));
    }

    @Test
    void acceptsKafkaRestsMediaType() throws Exception {
        mvc.perform(post(TOPICS).contentType("application/vnd.kafka.v2+json").content("{\"topic_name\":\"t\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.partitions_count").value(1));
    }

    @Test
    void describesTheClusterAndItsBrokers() throws Exception {
        mvc.perform(get("/v3/clusters")).andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("KafkaClusterList"))
                .andExpect(jsonPath("$.data[0].cluster_id").value(CLUSTER));
        mvc.perform(get("/v3/clusters/" + CLUSTER)).andExpect(status().isOk())
                .andExpect(jsonPath("$.brokers.related").value("http://localhost/v3/clusters/" + CLUSTER + "/brokers"));
        mvc.perform(get("/v3/clusters/" + CLUSTER + "/brokers")).andExpect(status().isOk())
                .andExpect(jsonPath("$.data", hasSize(3)))
                .andExpect(jsonPath("$.data[2].rack").value("r1"));
        mvc.perform(get("/v3/clusters/" + CLUSTER + "/brokers/2")).andExpect(status().isOk())
                .andExpect(jsonPath("$.port").value(9092));
        mvc.perform(get("/v3/clusters/" + CLUSTER + "/brokers/7")).andExpect(error(404, 404));
        mvc.perform(get("/v3/clusters/" + CLUSTER + "/brokers/x")).andExpect(error(400, 40001));
    }

    @Test
    void unknownClusterIsNotFound() throws Exception {
        mvc.perform(get("/v3/clusters/other")).andExpect(error(404, 404));
        mvc.perform(get("/v3/clusters/other/topics")).andExpect(error(404, 404));
        mvc.perform(post("/v3/clusters/other/topics").contentType(MediaType.APPLICATION_JSON)
                .content("{\"topic_name\":\"t\"}")).andExpect(error(404, 404));
    }

    @Test
    void internalTopicsHaveTheirOwnRoute() throws Exception {
        mvc.perform(post("/internal/v1/topics").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"topic_name\":\"__consumer_offsets\",\"partitions_count\":4}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.topic_name").value("__consumer_offsets"))
                .andExpect(jsonPath("$.is_internal").value(true));
        mvc.perform(post("/internal/v1/topics").contentType(MediaType.APPLICATION_JSON)
                .content("{\"topic_name\":\"__consumer_offsets\"}")).andExpect(error(409, 40901));
        mvc.perform(post("/internal/v1/topics").contentType(MediaType.APPLICATION_JSON)
                .content("{\"topic_name\":\"orders\"}")).andExpect(error(400, 40001));
        mvc.perform(post("/internal/v1/topics").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(error(422, 42201));
        createTopic("{\"topic_name\":\"__consumer_offsets\"}").andExpect(error(400, 40001));
    }

    @Test
    void validateOnlyAnswersTheTopicItWouldCreateAndCreatesNothing() throws Exception {
        createTopic("{\"topic_name\":\"dry\",\"partitions_count\":4,\"replication_factor\":2,\"validate_only\":true}")
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.topic_name").value("dry"))
                .andExpect(jsonPath("$.partitions_count").value(4))
                .andExpect(jsonPath("$.replication_factor").value(2));
        mvc.perform(get(TOPICS + "/dry")).andExpect(error(404, 40403));
        createTopic("{\"topic_name\":\"dry\",\"replication_factor\":4,\"validate_only\":true}")
                .andExpect(error(400, 40002));
        createTopic("{\"topic_name\":\"dry\"}").andExpect(status().isCreated());
        createTopic("{\"topic_name\":\"dry\",\"validate_only\":true}").andExpect(error(400, 40002));
    }

    @Test
    void linksEveryRelatedResourceConfluentRequires() throws Exception {
        createTopic("{\"topic_name\":\"orders\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.partitions.related").value("http://localhost" + TOPICS + "/orders/partitions"))
                .andExpect(jsonPath("$.partition_reassignments.related")
                        .value("http://localhost" + TOPICS + "/orders/partitions/-/reassignment"));
        String cluster = "http://localhost/v3/clusters/" + CLUSTER;
        mvc.perform(get("/v3/clusters/" + CLUSTER)).andExpect(status().isOk())
                .andExpect(jsonPath("$.consumer_groups.related").value(cluster + "/consumer-groups"))
                .andExpect(jsonPath("$.acls.related").value(cluster + "/acls"))
                .andExpect(jsonPath("$.broker_configs.related").value(cluster + "/brokers/-/configs"))
                .andExpect(jsonPath("$.partition_reassignments.related")
                        .value(cluster + "/topics/-/partitions/-/reassignment"));
        mvc.perform(get("/v3/clusters/" + CLUSTER + "/brokers/2")).andExpect(status().isOk())
                .andExpect(jsonPath("$.configs.related").value(cluster + "/brokers/2/configs"))
                .andExpect(jsonPath("$.partition_replicas.related").value(cluster + "/brokers/2/partition-replicas"));
    }

    @Test
    void validationCodes() throws Exception {
        createTopic("{\"topic_name\":\"orders\"}").andExpect(status().isCreated());

        createTopic("{\"topic_name\":\"orders\"}").andExpect(error(400, 40002))
                .andExpect(jsonPath("$.message").value(containsString("already exists")));
        createTopic("{\"topic_name\":\"a b\"}").andExpect(error(400, 40001));
        createTopic("{\"topic_name\":\"__internal\"}").andExpect(error(400, 40001));
        createTopic("{\"topic_name\":\"t\",\"replication_factor\":4}")
                .andExpect(error(400, 40002))
                .andExpect(jsonPath("$.message").value(containsString("live brokers (3)")));
        createTopic("{\"topic_name\":\"t\",\"partitions_count\":0}").andExpect(error(400, 40002));
        createTopic("{\"topic_name\":\"t\",\"partitions_count\":51}").andExpect(error(400, 40002));
        createTopic("{\"topic_name\":\"t\",\"configs\":[{\"name\":\"retention.ms\",\"value\":\"x\"}]}")
                .andExpect(error(400, 40002));
        mvc.perform(get(TOPICS + "/missing")).andExpect(error(404, 40403));
        mvc.perform(get(TOPICS + "/bad name")).andExpect(error(400, 40001));
        mvc.perform(get(TOPICS + "/orders/configs/no.such")).andExpect(error(404, 404));
    }

    @Test
    void addsPartitionsOnlyUpwards() throws Exception {
        createTopic("{\"topic_name\":\"orders\",\"partitions_count\":2}").andExpect(status().isCreated());

        mvc.perform(patch(TOPICS + "/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"partitions_count\":5}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.partitions_count").value(5));
        mvc.perform(patch(TOPICS + "/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"partitions_count\":5}")).andExpect(error(400, 40002));
        mvc.perform(patch(TOPICS + "/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(error(422, 42201));
        mvc.perform(patch(TOPICS + "/missing").contentType(MediaType.APPLICATION_JSON)
                .content("{\"partitions_count\":5}")).andExpect(error(404, 40403));
    }

    @Test
    void minInsyncReplicasDefaultsToTwoForThreeReplicasAndNeverExceedsTheReplicationFactor() throws Exception {
        createTopic("{\"topic_name\":\"wide\",\"replication_factor\":3}").andExpect(status().isCreated());
        mvc.perform(get(TOPICS + "/wide/configs/min.insync.replicas")).andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value("2"))
                .andExpect(jsonPath("$.source").value("DYNAMIC_TOPIC_CONFIG"));

        createTopic("{\"topic_name\":\"narrow\",\"replication_factor\":2,"
                + "\"configs\":[{\"name\":\"min.insync.replicas\",\"value\":\"3\"}]}")
                .andExpect(error(400, 40002))
                .andExpect(jsonPath("$.message").value(containsString("larger than the replication factor 2")));
        mvc.perform(post(TOPICS + "/wide/configs:alter").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"data\":[{\"name\":\"min.insync.replicas\",\"value\":\"4\"}]}"))
                .andExpect(error(400, 40002));
    }

    @Test
    void altersConfigsAllOrNothing() throws Exception {
        createTopic("{\"topic_name\":\"orders\"}").andExpect(status().isCreated());
        String alter = TOPICS + "/orders/configs:alter";

        mvc.perform(post(alter).contentType(MediaType.APPLICATION_JSON).content(
                "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"1000\"},{\"name\":\"segment.ms\",\"value\":\"0\"}]}"))
                .andExpect(error(400, 40002));
        mvc.perform(get(TOPICS + "/orders/configs/retention.ms")).andExpect(jsonPath("$.is_default").value(true));

        mvc.perform(post(alter).contentType(MediaType.APPLICATION_JSON).content(
                "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"1000\"}]}"))
                .andExpect(status().isNoContent());
        mvc.perform(get(TOPICS + "/orders/configs/retention.ms")).andExpect(jsonPath("$.value").value("1000"));

        mvc.perform(post(alter).contentType(MediaType.APPLICATION_JSON).content(
                "{\"data\":[{\"name\":\"retention.ms\",\"operation\":\"DELETE\"}]}"))
                .andExpect(status().isNoContent());
        mvc.perform(get(TOPICS + "/orders/configs/retention.ms")).andExpect(jsonPath("$.is_default").value(true));

        mvc.perform(post(alter).contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(error(422, 42201));
    }

    @Test
    void setsAndResetsOneConfigWithItsSynonyms() throws Exception {
        createTopic("{\"topic_name\":\"orders\"}").andExpect(status().isCreated());
        String config = TOPICS + "/orders/configs/retention.ms";

        mvc.perform(put(config).contentType(MediaType.APPLICATION_JSON).content("{\"value\":\"1000\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get(config)).andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value("1000"))
                .andExpect(jsonPath("$.synonyms[0].name").value("retention.ms"))
                .andExpect(jsonPath("$.synonyms[0].source").value("DYNAMIC_TOPIC_CONFIG"))
                .andExpect(jsonPath("$.synonyms[1].name").value("log.retention.ms"))
                .andExpect(jsonPath("$.synonyms[1].value").value("604800000"))
                .andExpect(jsonPath("$.synonyms[1].source").value("DEFAULT_CONFIG"));
        mvc.perform(put(config).contentType(MediaType.APPLICATION_JSON).content("{\"value\":\"soon\"}"))
                .andExpect(error(400, 40002));
        mvc.perform(put(config).contentType(MediaType.APPLICATION_JSON).content("")).andExpect(error(422, 422));

        mvc.perform(delete(config)).andExpect(status().isNoContent());
        mvc.perform(get(config)).andExpect(jsonPath("$.is_default").value(true))
                .andExpect(jsonPath("$.synonyms", hasSize(1)));
        mvc.perform(delete(TOPICS + "/orders/configs/no.such")).andExpect(error(404, 404));
        mvc.perform(put(TOPICS + "/orders/configs/no.such").contentType(MediaType.APPLICATION_JSON)
                .content("{\"value\":\"1\"}")).andExpect(error(404, 404));
    }

    @Test
    void kafkasOtherTopicConfigsAreListedAndRefusedWithTheReason() throws Exception {
        createTopic("{\"topic_name\":\"orders\",\"configs\":[{\"name\":\"cleanup.policy\",\"value\":\"delete\"}]}")
                .andExpect(status().isCreated());
        mvc.perform(get(TOPICS + "/orders/configs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.data", hasSize(33)))
                .andExpect(jsonPath("$.data[?(@.name=='compression.type')].value").value("producer"));
        mvc.perform(put(TOPICS + "/orders/configs/cleanup.policy").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":\"compact\"}"))
                .andExpect(error(400, 40002))
                .andExpect(jsonPath("$.message").value(containsString("log compaction is not implemented")));
        createTopic("{\"topic_name\":\"t\",\"configs\":[{\"name\":\"compression.type\",\"value\":\"zstd\"}]}")
                .andExpect(error(400, 40002))
                .andExpect(jsonPath("$.message").value(containsString("uncompressed")));
    }

    @Test
    void deletesTopics() throws Exception {
        createTopic("{\"topic_name\":\"orders\",\"partitions_count\":3}").andExpect(status().isCreated());

        mvc.perform(delete(TOPICS + "/orders")).andExpect(status().isNoContent());

        mvc.perform(get(TOPICS + "/orders")).andExpect(error(404, 40403));
        mvc.perform(delete(TOPICS + "/orders")).andExpect(error(404, 40403));
        createTopic("{\"topic_name\":\"orders\"}").andExpect(status().isCreated());
    }

    @Test
    void malformedBodies() throws Exception {
        createTopic("{\"topic_name\":").andExpect(error(400, 40001));
        createTopic("not json").andExpect(error(400, 40001));
        createTopic("").andExpect(error(422, 422));
        createTopic("[1,2]").andExpect(error(422, 42201));
        createTopic("{\"topic_name\":\"t\",\"partitions_count\":\"many\"}").andExpect(error(422, 42201));
        createTopic("{\"topic_name\":\"t\",\"configs\":{\"a\":1}}").andExpect(error(422, 42201));
        createTopic("{\"partitions_count\":3}").andExpect(error(400, 400));
        createTopic("{}").andExpect(error(400, 400));
    }

    @Test
    void wrongMediaTypeRouteOrMethod() throws Exception {
        mvc.perform(post(TOPICS).contentType(MediaType.TEXT_PLAIN).content("{\"topic_name\":\"t\"}"))
                .andExpect(error(415, 415));
        mvc.perform(post(TOPICS).content("{\"topic_name\":\"t\"}")).andExpect(error(415, 415));
        mvc.perform(get("/v3/nothing/here")).andExpect(error(404, 404));
        mvc.perform(get("/")).andExpect(error(404, 404));
        mvc.perform(put("/v3/clusters")).andExpect(error(405, 405));
        mvc.perform(delete("/v3/clusters/" + CLUSTER)).andExpect(error(405, 405));
    }

    @Test
    void aStandbyAnswersRetriableNamingTheActiveController() throws Exception {
        metadata.setActive(false);

        mvc.perform(get("/v3/clusters")).andExpect(error(503, 50003))
                .andExpect(jsonPath("$.message").value(containsString("http://other:9192")));
        createTopic("{\"topic_name\":\"t\"}").andExpect(error(503, 50003));
    }
}
