package dev.streamlog.storage.log.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MappingLeakCheck.class)
class MappedIndexFileTest {

    @TempDir
    Path dir;

    @Test
    void writableFileIsPreallocatedAndBigEndian() throws Exception {
        Path path = dir.resolve("a.index");
        try (MappedIndexFile file = MappedIndexFile.openWritable(path, 1000)) {
            assertThat(Files.size(path)).isEqualTo(1000);
            file.writeInt(0, 0x01020304);
            file.writeLong(8, 0x0102030405060708L);
            assertThat(file.readInt(0)).isEqualTo(0x01020304);
            assertThat(file.readLong(8)).isEqualTo(0x0102030405060708L);
        }
        byte[] bytes = Files.readAllBytes(path);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(bytes[3]).isEqualTo((byte) 4);
        assertThat(bytes[15]).isEqualTo((byte) 8);
    }

    @Test
    void remapTrimsAndGrowsTheFileKeepingContent() throws Exception {
        Path path = dir.resolve("b.index");
        try (MappedIndexFile file = MappedIndexFile.openWritable(path, 4096)) {
            file.writeInt(4, 42);
            file.remap(8, false);
            assertThat(Files.size(path)).isEqualTo(8);
            assertThat(file.isWritable()).isFalse();
            assertThat(file.readInt(4)).isEqualTo(42);
            assertThatThrownBy(() -> file.writeInt(0, 1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> file.readInt(8)).isInstanceOf(IndexOutOfBoundsException.class);
            file.remap(64, true);
            assertThat(Files.size(path)).isEqualTo(64);
            assertThat(file.readInt(4)).isEqualTo(42);
            assertThat(file.readInt(60)).isZero();
        }
    }

    @Test
    void readOnlyMappingLeavesTheFileAsItIs() throws Exception {
        Path path = dir.resolve("c.index");
        try (MappedIndexFile file = MappedIndexFile.openWritable(path, 12)) {
            file.writeLong(0, 7);
        }
        try (MappedIndexFile file = MappedIndexFile.openReadOnly(path)) {
            assertThat(file.length()).isEqualTo(12);
            assertThat(file.readLong(0)).isEqualTo(7);
        }
        assertThat(Files.size(path)).isEqualTo(12);
    }

    @Test
    void emptyFilesMapToNothing() throws Exception {
        Path path = dir.resolve("d.index");
        Files.createFile(path);
        try (MappedIndexFile file = MappedIndexFile.openReadOnly(path)) {
            assertThat(file.length()).isZero();
            assertThatThrownBy(() -> file.readInt(0)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void closingUnmapsTheMemory() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "needs /proc/self/maps (Linux)");
        for (int i = 0; i < 100; i++) {
            Path path = dir.resolve("m" + i + ".index");
            try (MappedIndexFile file = MappedIndexFile.openWritable(path, 4096)) {
                file.writeInt(0, i);
                file.remap(8, false);
                file.remap(4096, true);
            }
            try (MappedIndexFile file = MappedIndexFile.openReadOnly(path)) {
                assertThat(file.readInt(0)).isEqualTo(i);
            }
        }
        BackgroundResourceReleaser.releasePendingResources();
        String dirName = dir.toString();
        try (Stream<String> lines = Files.lines(maps)) {
            assertThat(lines.filter(line -> line.contains(dirName))).isEmpty();
        }
    }

    @Test
    void renameKeepsTheMappingUsable() throws Exception {
        Path path = dir.resolve("e.index");
        Path renamed = dir.resolve("e.index.deleted");
        try (MappedIndexFile file = MappedIndexFile.openWritable(path, 16)) {
            file.writeInt(0, 5);
            file.renameTo(renamed);
            assertThat(file.path()).isEqualTo(renamed);
            assertThat(file.readInt(0)).isEqualTo(5);
            file.force();
        }
        assertThat(Files.exists(path)).isFalse();
        assertThat(Files.size(renamed)).isEqualTo(16);
    }
}
