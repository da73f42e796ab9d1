package dev.streamlog.storage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.storage.log.LogConfig;
import dev.streamlog.storage.log.errors.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicLogConfigsTest {

    @Test
    void engineSettingsReachTheLogConfig() {
        LogConfig config = TopicLogConfigs.logConfig(LogConfig.defaults(), Map.of(
                TopicConfigs.SEGMENT_BYTES, "1048576",
                TopicConfigs.RETENTION_MS, "86400000",
                TopicConfigs.MAX_MESSAGE_BYTES, "2048",
                TopicConfigs.FLUSH_MESSAGES, "1"));
        assertThat(config.segmentBytes()).isEqualTo(1 << 20);
        assertThat(config.retentionMs()).isEqualTo(86_400_000L);
        assertThat(config.maxMessageBytes()).isEqualTo(2048);
        assertThat(config.flushMessages()).isEqualTo(1);
        assertThat(config.segmentMs()).isEqualTo(LogConfig.defaults().segmentMs());
    }

    @Test
    void replicationSettingsStayOutOfTheEngine() {
        Map<String, String> topic = Map.of(TopicConfigs.MIN_INSYNC_REPLICAS, "2",
                TopicConfigs.UNCLEAN_LEADER_ELECTION_ENABLE, "true", "some.future.setting", "x",
                TopicConfigs.RETENTION_BYTES, "1000");
        assertThat(TopicLogConfigs.engineOverrides(topic)).containsOnlyKeys(TopicConfigs.RETENTION_BYTES);
        assertThat(TopicLogConfigs.logConfig(LogConfig.defaults(), topic))
                .isEqualTo(LogConfig.defaults().with(TopicConfigs.RETENTION_BYTES, 1000));
    }

    @Test
    void noOverridesMeansTheBase() {
        LogConfig base = LogConfig.defaults().with(TopicConfigs.SEGMENT_MS, 1000);
        assertThat(TopicLogConfigs.logConfig(base, Map.of())).isEqualTo(base);
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> TopicLogConfigs.logConfig(LogConfig.defaults(),
                Map.of(TopicConfigs.SEGMENT_BYTES, "lots"))).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> TopicLogConfigs.logConfig(LogConfig.defaults(),
                Map.of(TopicConfigs.MAX_MESSAGE_BYTES, "3"))).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void everyEngineNameIsATopicConfigName() {
        assertThat(TopicConfigs.names()).containsAll(LogConfig.NAMES);
    }
}
