package dev.streamlog.storage.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

    @TempDir
    Path dir;

    @Test
    void writesAtomicallyAndReadsBack() throws Exception {
        CheckpointFile file = new CheckpointFile(dir.resolve("cp"));
        file.write(0, List.of("1 10", "2 20"));
        file.write(0, List.of("3 30"));
        assertThat(file.read(0)).contains(List.of("3 30"));
        assertThat(Files.readString(dir.resolve("cp"))).isEqualTo("0\n1\n3 30\n");
        assertThat(Files.exists(dir.resolve("cp" + CheckpointFile.TEMP_SUFFIX))).isFalse();
    }

    @Test
    void missingWrongVersionOrMalformedFilesReadAsEmpty() throws Exception {
        Path path = dir.resolve("cp");
        CheckpointFile file = new CheckpointFile(path);
        assertThat(file.read(0)).isEmpty();
        Files.writeString(path, "1\n0\n");
        assertThat(file.read(0)).isEmpty();
        Files.writeString(path, "0\n3\na\n");
        assertThat(file.read(0)).isEmpty();
        Files.writeString(path, "zero\n");
        assertThat(file.read(0)).isEmpty();
        Files.write(path, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThat(file.read(0)).isEmpty();
    }

    @Test
    void offsetCheckpointRejectsNegativeAndGarbage() throws Exception {
        Path path = dir.resolve("offset");
        OffsetCheckpoint checkpoint = new OffsetCheckpoint(path);
        checkpoint.write(123);
        assertThat(checkpoint.read()).hasValue(123);
        Files.writeString(path, "0\n1\n-4\n");
        assertThat(checkpoint.read()).isEmpty();
        Files.writeString(path, "0\n1\nlots\n");
        assertThat(checkpoint.read()).isEmpty();
    }
}
