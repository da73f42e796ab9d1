package dev.streamlog.storage.log;

import static dev.streamlog.storage.log.TestBatches.batch;
import static dev.streamlog.storage.log.TestBatches.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.log.errors.InvalidTopicException;
import dev.streamlog.storage.log.errors.LogStorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogManagerTest {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(1_000_000);

    private LogManager.Settings settings(Path... dirs) {
        return new LogManager.Settings(List.of(dirs), LogConfig.defaults(), 2, Duration.ofHours(1), Duration.ofHours(1));
    }

    @Test
    void reopensEveryPartitionFromEveryDataDir() {
        Path a = root.resolve("a");
        Path b = root.resolve("b");
        try (LogManager manager = LogManager.start(settings(a, b), clock)) {
            for (int p = 0; p < 6; p++) {
                manager.getOrCreate(new TopicPartition("t", p), LogConfig.defaults()).append(batch("p" + p, p + 1, 10), 0);
            }
            assertThat(Files.isDirectory(a.resolve("t-0"))).isTrue();
            assertThat(Files.isDirectory(b.resolve("t-1"))).isTrue();
        }
        try (LogManager manager = LogManager.start(settings(a, b), clock)) {
            assertThat(manager.logs()).hasSize(6);
            for (int p = 0; p < 6; p++) {
                PartitionLog log = manager.get(new TopicPartition("t", p)).orElseThrow();
                assertThat(log.logEndOffset()).isEqualTo(p + 1);
                assertThat(records(log.read(0, 1 << 20, Long.MAX_VALUE))).hasSize(p + 1);
            }
        }
    }

    @Test
    void hostileTopicNamesTouchNothingOutsideTheDataDir() throws Exception {
        Path data = root.resolve("data");
        try (LogManager manager = LogManager.start(settings(data), clock)) {
            for (String name : List.of("..", "../escape", "a/b", ".", "")) {
                assertThatThrownBy(() -> manager.getOrCreate(new TopicPartition(name, 0), LogConfig.defaults()))
                        .isInstanceOf(InvalidTopicException.class);
            }
            assertThatThrownBy(() -> manager.getOrCreate(new TopicPartition("ok", -3), LogConfig.defaults()))
                    .isInstanceOf(InvalidTopicException.class);
        }
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.map(root::relativize).map(Path::toString))
                    .containsExactlyInAnyOrder("", "data", "data/" + LogFiles.LOCK_FILE);
        }
    }

    @Test
    void aSecondManagerCannotTakeALockedDataDir() {
        Path data = root.resolve("data");
        try (LogManager ignored = LogManager.start(settings(data), clock)) {
            assertThatThrownBy(() -> LogManager.start(settings(data), clock))
                    .isInstanceOf(LogStorageException.class).hasMessageContaining("in use");
        }
    }

    @Test
    void deletesPartitionsAndSkipsForeignDirectories() throws Exception {
        Path data = root.resolve("data");
        Files.createDirectories(data.resolve("not a partition"));
        Files.createDirectories(data.resolve("old-0" + LogFiles.DELETING_SUFFIX));
        TopicPartition tp = new TopicPartition("gone", 0);
        try (LogManager manager = LogManager.start(settings(data), clock)) {
            assertThat(Files.exists(data.resolve("old-0" + LogFiles.DELETING_SUFFIX))).isFalse();
            manager.getOrCreate(tp, LogConfig.defaults()).append(batch("x", 1, 10), 0);
            assertThat(manager.delete(tp)).isTrue();
            assertThat(manager.delete(tp)).isFalse();
            assertThat(manager.get(tp)).isEmpty();
            assertThat(Files.exists(data.resolve("gone-0"))).isFalse();
        }
        assertThat(Files.isDirectory(data.resolve("not a partition"))).isTrue();
    }

    @Test
    void retentionRunsOverEveryLogWithItsOwnConfig() {
        Path data = root.resolve("data");
        LogConfig small = LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 512)
                .with(TopicConfigs.RETENTION_BYTES, 600).with(TopicConfigs.FILE_DELETE_DELAY_MS, 0);
        try (LogManager manager = LogManager.start(settings(data), clock)) {
            PartitionLog limited = manager.getOrCreate(new TopicPartition("limited", 0), small);
            PartitionLog unlimited = manager.getOrCreate(new TopicPartition("unlimited", 0),
                    LogConfig.defaults().with(TopicConfigs.SEGMENT_BYTES, 512));
            for (int i = 0; i < 40; i++) {
                limited.append(batch("l", 3, 10), 0);
                unlimited.append(batch("u", 3, 10), 0);
            }
            manager.runRetention();
            assertThat(limited.logStartOffset()).isPositive();
            assertThat(unlimited.logStartOffset()).isZero();
        }
    }
}
