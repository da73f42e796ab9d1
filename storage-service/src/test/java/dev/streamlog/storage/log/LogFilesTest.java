package dev.streamlog.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.log.errors.InvalidTopicException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogFilesTest {

    private final Path dataDir = Path.of("/var/data");

    @Test
    void segmentNamesHaveTwentyDigits() {
        assertThat(LogFiles.segmentFileName(0, LogFiles.LOG_SUFFIX)).isEqualTo("00000000000000000000.log");
        assertThat(LogFiles.segmentFileName(Long.MAX_VALUE, LogFiles.INDEX_SUFFIX)).isEqualTo("09223372036854775807.index");
        assertThat(LogFiles.baseOffset("00000000000000000042.timeindex", LogFiles.TIME_INDEX_SUFFIX)).hasValue(42);
        assertThat(LogFiles.baseOffset("0000000000000000042.log", LogFiles.LOG_SUFFIX)).isEmpty();
        assertThat(LogFiles.baseOffset("0000000000000000004x.log", LogFiles.LOG_SUFFIX)).isEmpty();
        assertThat(LogFiles.baseOffset("99999999999999999999.log", LogFiles.LOG_SUFFIX)).isEmpty();
        assertThat(LogFiles.baseOffset("00000000000000000042.log.deleted", LogFiles.LOG_SUFFIX)).isEmpty();
    }

    @Test
    void partitionDirsAreDirectChildrenOfTheDataDir() {
        assertThat(LogFiles.partitionDir(dataDir, new TopicPartition("a.b-c_d", 7)))
                .isEqualTo(Path.of("/var/data/a.b-c_d-7"));
        assertThat(LogFiles.parsePartitionDir("a.b-c_d-7")).contains(new TopicPartition("a.b-c_d", 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../etc", "a/b", "/abs", "a\\b", "", "x\0y"})
    void hostileTopicNamesNeverBecomePaths(String topic) {
        assertThatThrownBy(() -> LogFiles.partitionDir(dataDir, new TopicPartition(topic, 0)))
                .isInstanceOf(InvalidTopicException.class);
    }

    @Test
    void negativePartitionsAreRefused() {
        assertThatThrownBy(() -> LogFiles.partitionDir(dataDir, new TopicPartition("t", -1)))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "orders-", "-1", "orders-x", "bad/name-1", "orders-1.deleting", "t-1234567890"})
    void foreignDirectoryNamesDoNotParse(String name) {
        assertThat(LogFiles.parsePartitionDir(name)).isEmpty();
    }
}
