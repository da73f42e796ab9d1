package dev.streamlog.storage.log.checkpoint;

import dev.streamlog.storage.log.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code partition.metadata} file of a partition directory: the id of the topic the
 * replica belongs to. A topic deleted and re-created under the same name gets a new id, so
 * comparing ids tells a replica of the old topic from one of the new. Format: a
 * {@link CheckpointFile} of version 0 with one entry, the topic id (letters, digits, {@code -}
 * and {@code _}, as a UUID or its base64url form).
 *
 * <p>Thread-safety: not thread-safe; its owner serialises calls.
 */
public final class PartitionMetadataFile {

    private static final int VERSION = 0;
    private static final Pattern TOPIC_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final CheckpointFile file;

    /** @param path the file, e.g. {@code LogFiles.partitionMetadataFile(partitionDir)} */
    public PartitionMetadataFile(Path path) {
        this.file = new CheckpointFile(path);
    }

    /**
     * Stores the topic id, replacing any earlier one atomically.
     *
     * @throws InvalidArgumentException if the id is not 1 to 64 of {@code [A-Za-z0-9_-]}
     */
    public void write(String topicId) throws IOException {
        if (topicId == null || !TOPIC_ID.matcher(topicId).matches()) {
            throw new InvalidArgumentException("topic id must be 1 to 64 of [A-Za-z0-9_-], got '" + topicId + "'");
        }
        file.write(VERSION, List.of(topicId));
    }

    /** The stored topic id, or empty when the file is missing or unreadable. */
    public Optional<String> read() throws IOException {
        return file.read(VERSION)
                .filter(entries -> entries.size() == 1)
                .map(entries -> entries.get(0).trim())
                .filter(id -> TOPIC_ID.matcher(id).matches());
    }
}
