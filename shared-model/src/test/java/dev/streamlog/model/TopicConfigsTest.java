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
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(TopicConfigs.problem("cleanup.policy", "compact")).get().asString().contains("unknown topic config");
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
