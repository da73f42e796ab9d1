package dev.streamlog.storage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class StoragePropertiesTest {

    private static StorageProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("streamlog.storage", StorageProperties.class);
    }

    private static Map<String, String> required() {
        Map<String, String> properties = new HashMap<>();
        properties.put("streamlog.storage.node-id", "3");
        properties.put("streamlog.storage.data-dir", "/var/streamlog/storage-3");
        return properties;
    }

    @Test
    void defaultsApplyToEverythingButTheRequiredSettings() {
        StorageProperties properties = bind(required());
        assertThat(properties.nodeId()).isEqualTo(3);
        assertThat(properties.dataDir()).isEqualTo(Path.of("/var/streamlog/storage-3"));
        assertThat(properties.advertisedHost()).isEqualTo("127.0.0.1");
        assertThat(properties.rack()).isNull();
        assertThat(properties.engine().recoveryThreads()).isEqualTo(2);
        assertThat(properties.engine().retentionCheckInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.engine().flushCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.read().maxWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.read().defaultMaxBytes()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(properties.read().maxBytesLimit()).isEqualTo(DataSize.ofMegabytes(16));
    }

    @Test
    void everySettingCanBeGiven() {
        Map<String, String> given = required();
        given.put("streamlog.storage.advertised-host", "storage-3.internal");
        given.put("streamlog.storage.rack", "r2");
        given.put("streamlog.storage.engine.recovery-threads", "4");
        given.put("streamlog.storage.engine.retention-check-interval", "30s");
        given.put("streamlog.storage.read.max-wait", "5s");
        given.put("streamlog.storage.read.default-max-bytes", "64KB");
        StorageProperties properties = bind(given);
        assertThat(properties.advertisedHost()).isEqualTo("storage-3.internal");
        assertThat(properties.rack()).isEqualTo("r2");
        assertThat(properties.engine().recoveryThreads()).isEqualTo(4);
        assertThat(properties.engine().retentionCheckInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.read().maxWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.read().defaultMaxBytes()).isEqualTo(DataSize.ofKilobytes(64));
    }

    @Test
    void nodeIdAndDataDirAreRequired() {
        Map<String, String> noId = required();
        noId.remove("streamlog.storage.node-id");
        assertThatThrownBy(() -> bind(noId)).isInstanceOf(BindException.class).rootCause().hasMessageContaining("node-id");
        Map<String, String> noDir = required();
        noDir.remove("streamlog.storage.data-dir");
        assertThatThrownBy(() -> bind(noDir)).isInstanceOf(BindException.class).rootCause().hasMessageContaining("data-dir");
    }

    @Test
    void impossibleValuesAreRefused() {
        for (Map.Entry<String, String> bad : Map.of("streamlog.storage.node-id", "-1",
                "streamlog.storage.engine.recovery-threads", "0",
                "streamlog.storage.engine.flush-check-interval", "0s",
                "streamlog.storage.read.max-wait", "-1s",
                "streamlog.storage.read.max-bytes-limit", "0B").entrySet()) {
            Map<String, String> given = required();
            given.put(bad.getKey(), bad.getValue());
            assertThatThrownBy(() -> bind(given)).as(bad.getKey()).isInstanceOf(BindException.class);
        }
    }
}
