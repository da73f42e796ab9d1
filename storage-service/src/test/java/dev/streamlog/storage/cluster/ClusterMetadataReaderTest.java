package dev.streamlog.storage.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.PartitionState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ClusterMetadataReaderTest {

    private final ClusterMetadataReader reader = new ClusterMetadataReader(JsonMapper.builder().build());

    private static ChildData node(String path, String json) {
        return new ChildData(path, null, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAssignmentsAndStates() {
        ClusterMetadata metadata = reader.read(Stream.of(
                node("/brokers/topics", ""),
                node("/brokers/topics/orders", """
                        {"topic_id":"abc","partitions":{"0":[1,2],"1":[2,1]},"configs":{"retention.ms":"1000"}}"""),
                node("/brokers/topics/orders/partitions", ""),
                node("/brokers/topics/orders/partitions/0", ""),
                node("/brokers/topics/orders/partitions/0/state", """
                        {"leader":1,"leader_epoch":4,"isr":[1,2],"controller_epoch":2,"added_later":true}"""),
                node("/brokers/topics/orders/partitions/1/state", """
                        {"leader":-1,"leader_epoch":5,"isr":[],"controller_epoch":2}""")));
        assertThat(metadata.topicsRootPresent()).isTrue();
        assertThat(metadata.topics()).containsOnlyKeys("orders");
        assertThat(metadata.topics().get("orders").topicId()).isEqualTo("abc");
        assertThat(metadata.topics().get("orders").replicas(1)).containsExactly(2, 1);
        assertThat(metadata.topics().get("orders").configs()).containsEntry("retention.ms", "1000");
        assertThat(metadata.state(new TopicPartition("orders", 0)))
                .contains(new PartitionState(1, 4, List.of(1, 2), 2));
        assertThat(metadata.state(new TopicPartition("orders", 1)).orElseThrow().hasLeader()).isFalse();
        assertThat(metadata.unreadableTopics()).isEmpty();
    }

    @Test
    void emptyOrBrokenTopicsAreUnreadableNotAbsent() {
        ClusterMetadata metadata = reader.read(Stream.of(
                node("/brokers/topics", null),
                node("/brokers/topics/creating", ""),
                node("/brokers/topics/broken", "{not json"),
                node("/brokers/topics/broken/partitions/0/state", "{\"leader\":\"x\"}")));
        assertThat(metadata.topics()).isEmpty();
        assertThat(metadata.unreadableTopics()).containsExactlyInAnyOrder("creating", "broken");
        assertThat(metadata.states()).isEmpty();
    }

    @Test
    void withoutTheRootNothingIsPresent() {
        ClusterMetadata metadata = reader.read(Stream.empty());
        assertThat(metadata.topicsRootPresent()).isFalse();
        assertThat(metadata.topics()).isEmpty();
    }

    @Test
    void illegalNamesAndStrayZnodesAreIgnored() {
        ClusterMetadata metadata = reader.read(Stream.of(
                node("/brokers/topics", ""),
                node("/brokers/topics/bad name", "{\"partitions\":{\"0\":[1]}}"),
                node("/brokers/topics/ok", "{\"partitions\":{\"0\":[1]}}"),
                node("/brokers/topics/ok/partitions/x/state", "{\"leader\":1,\"leader_epoch\":0}"),
                node("/brokers/topics/ok/other", "{}")));
        assertThat(metadata.topics()).containsOnlyKeys("ok");
        assertThat(metadata.topics().get("ok").topicId()).isNull();
        assertThat(metadata.states()).isEmpty();
        assertThat(metadata.unreadableTopics()).isEmpty();
    }
}
