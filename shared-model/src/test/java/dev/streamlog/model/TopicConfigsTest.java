package dev.streamlog.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigsTest {

    @Test
    void acceptsKnownNamesWithValuesInRange() {
        assertThat(TopicConfigs.problem("retention.ms", "-1")).isEmpty();
        assertThat(TopicConfigs.problem("segment.bytes", "16777216")).isEmpty();
        assertThat(TopicConfigs.problem("segment.ms", "600000")).isEmpty();
        assertThat(TopicConfigs.problem("segment.index.bytes", "1048576")).isEmpty();
        assertThat(TopicConfigs.problem("unclean.leader.election.enable", "true")).isEmpty();
        assertThat(TopicConfigs.problem("cleanup.policy", "delete")).isEmpty();
        assertThat(TopicConfigs.problem("compression.type", "uncompressed")).isEmpty();
        assertThat(TopicConfigs.problem("min.cleanable.dirty.ratio", "0.25")).isEmpty();
        assertThat(TopicConfigs.problem("leader.replication.throttled.replicas", "")).isEmpty();
    }

    @Test
    void knowsEveryTopicConfigKafkaDocumentsWithItsBrokerSynonym() {
        assertThat(TopicConfigs.names()).hasSize(33).contains("cleanup.policy", "compression.type",
                "message.timestamp.type", "remote.storage.enable", "segment.jitter.ms");
        assertThat(TopicConfigs.serverName("retention.ms")).contains("log.retention.ms");
        assertThat(TopicConfigs.serverName("max.message.bytes")).contains("message.max.bytes");
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(TopicConfigs.problem("cleanup.policy", "compact")).get().asString()
                .contains("not supported: log compaction is not implemented");
        assertThat(TopicConfigs.problem("segment-bytes", "1")).get().asString().contains("unknown topic config");
        assertThat(TopicConfigs.problem("compression.type", "gzip")).get().asString()
                .contains("accepted: 'producer' or 'uncompressed'");
        assertThat(TopicConfigs.problem("min.cleanable.dirty.ratio", "1.5")).get().asString().contains("outside");
        assertThat(TopicConfigs.problem("min.cleanable.dirty.ratio", "NaN")).get().asString().contains("outside");
        assertThat(TopicConfigs.problem("retention.ms", "soon")).get().asString().contains("not a whole number");
        assertThat(TopicConfigs.problem("retention.ms", "-2")).get().asString().contains("outside");
        assertThat(TopicConfigs.problem("segment.bytes", "3000000000")).get().asString().contains("outside");
        assertThat(TopicConfigs.problem("segment.bytes", "61")).get().asString().contains("outside");
        assertThat(TopicConfigs.problem("segment.bytes", "1048576")).get().asString().contains("outside");
        assertThat(TopicConfigs.problem("segment.ms", "1")).get().asString().contains("outside");
        assertThat(TopicConfigs.problem("segment.index.bytes", "24")).get().asString().contains("outside");
        assertThat(TopicConfigs.problem("segment.index.bytes", "1073741824")).get().asString().contains("outside");
        assertThat(TopicConfigs.problem("unclean.leader.election.enable", "yes")).get().asString().contains("true or false");
        assertThat(TopicConfigs.problem("retention.ms", null)).get().asString().contains("needs a value");
        assertThat(TopicConfigs.problem(null, "1")).isPresent();
    }

    @Test
    void effectiveConfigIsDefaultsWithOverrides() {
        Map<String, String> all = TopicConfigs.effective(Map.of("retention.ms", "1000"));
        assertThat(all).containsEntry("retention.ms", "1000").containsEntry("max.message.bytes", "1048576");
        assertThat(all.keySet()).isEqualTo(TopicConfigs.names());
        assertThat(all.keySet().stream().toList()).isSorted();
    }
}
