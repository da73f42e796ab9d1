package dev.streamlog.storage.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.storage.log.LogFiles;
import dev.streamlog.storage.log.errors.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionMetadataFileTest {

    @TempDir
    Path dir;

    @Test
    void storesAndReplacesTheTopicId() throws Exception {
        PartitionMetadataFile file = new PartitionMetadataFile(LogFiles.partitionMetadataFile(dir));
        assertThat(file.read()).isEmpty();
        file.write("3f2c1a9e-0b7d-4c55-9a51-6d2f0e8b7c41");
        assertThat(file.read()).contains("3f2c1a9e-0b7d-4c55-9a51-6d2f0e8b7c41");
        file.write("Zx8_q-1");
        assertThat(new PartitionMetadataFile(dir.resolve(LogFiles.PARTITION_METADATA_FILE)).read()).contains("Zx8_q-1");
    }

    @Test
    void refusesIdsThatAreNotOneToken() {
        PartitionMetadataFile file = new PartitionMetadataFile(LogFiles.partitionMetadataFile(dir));
        for (String bad : new String[]{null, "", "two words", "line\nbreak", "x".repeat(65)}) {
            assertThatThrownBy(() -> file.write(bad)).isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void aDamagedFileReadsAsNoId() throws Exception {
        Files.writeString(LogFiles.partitionMetadataFile(dir), "garbage");
        assertThat(new PartitionMetadataFile(LogFiles.partitionMetadataFile(dir)).read()).isEmpty();
        Files.writeString(LogFiles.partitionMetadataFile(dir), "0\n1\nnot a token\n");
        assertThat(new PartitionMetadataFile(LogFiles.partitionMetadataFile(dir)).read()).isEmpty();
    }
}
