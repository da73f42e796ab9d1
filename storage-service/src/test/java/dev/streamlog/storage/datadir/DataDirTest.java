package dev.streamlog.storage.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.log.errors.LogStorageException;
import dev.streamlog.storage.partition.TestStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Going offline: below the free-space floor at a write, or after a failure; once; what counts as a dir failure. */
class DataDirTest {

    @TempDir
    Path dir;

    private DataDir dataDir(DataSize floor) {
        StorageProperties base = TestStorage.properties(1, dir, Duration.ZERO);
        return new DataDir(new StorageProperties(base.nodeId(), base.dataDir(), base.advertisedHost(), base.rack(),
                new StorageProperties.Engine(1, Duration.ofMinutes(5), Duration.ofSeconds(1), floor), base.read(),
                base.replication(), base.produce()));
    }

    /** Waits (bounded) for the listeners, which run on the dir's own thread, then checks they ran once. */
    private static void await(AtomicInteger told) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (told.get() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(told).hasValue(1);
    }

    @Test
    void aDirWithRoomTakesWrites() {
        DataDir dataDir = dataDir(DataSize.ofBytes(1));

        dataDir.checkWritable();

        assertThat(dataDir.isOffline()).isFalse();
    }

    @Test
    void aDirBelowItsFloorGoesOfflineAtTheNextWriteAndTellsItsListenersOnce() {
        DataDir dataDir = dataDir(DataSize.ofTerabytes(1024));
        AtomicInteger told = new AtomicInteger();
        dataDir.onOffline(told::incrementAndGet);

        assertThatThrownBy(dataDir::checkWritable).isInstanceOf(DataDirOfflineException.class)
                .hasMessageContaining("data dir is offline").hasMessageNotContaining(dir.toString());
        assertThatThrownBy(dataDir::checkWritable).isInstanceOf(DataDirOfflineException.class);
        dataDir.failed("appending", new LogStorageException("again", new IOException("No space left on device")));

        assertThat(dataDir.isOffline()).isTrue();
        assertThat(dataDir.offline().orElseThrow().reason()).contains("below streamlog.storage.engine.min-free-space");
        await(told);
    }

    @Test
    void aFailedWriteTakesItOfflineAndALateListenerIsToldAtOnce() {
        DataDir dataDir = dataDir(DataSize.ofBytes(1));
        dataDir.failed("appending to t-0", new LogStorageException("append", new IOException("Input/output error")));
        AtomicInteger told = new AtomicInteger();

        dataDir.onOffline(told::incrementAndGet);

        await(told);
        assertThat(dataDir.offline().orElseThrow().reason()).contains("appending to t-0").contains("Input/output error");
        assertThatThrownBy(dataDir::checkWritable).isInstanceOf(DataDirOfflineException.class)
                .hasMessageContaining("nothing was written").hasMessageNotContaining("IOException");
    }

    @Test
    void onlyFailuresOfTheDirItselfCount() {
        assertThat(DataDir.isDirFailure(new LogStorageException("x", new IOException("full")))).isTrue();
        assertThat(DataDir.isDirFailure(new RuntimeException(new InternalError("a fault in an unsafe access")))).isTrue();
        assertThat(DataDir.isDirFailure(new DataDirOfflineException("offline"))).isTrue();
        assertThat(DataDir.isDirFailure(new IllegalStateException("the log end moved"))).isFalse();
        assertThat(DataDir.isDirFailure(new RuntimeException(new IOException("connection refused")))).isFalse();
    }
}
