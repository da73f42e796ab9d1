package dev.streamlog.storage.log.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * A checkpoint holding one offset (the recovery point or the log start offset of a
 * partition). Format: a {@link CheckpointFile} of version 0 with one entry, the offset in
 * decimal.
 *
 * <p>Thread-safety: not thread-safe; its owner serialises calls.
 */
public final class OffsetCheckpoint {

    private static final int VERSION = 0;

    private final CheckpointFile file;

    public OffsetCheckpoint(Path path) {
        this.file = new CheckpointFile(path);
    }

    public void write(long offset) throws IOException {
        file.write(VERSION, List.of(Long.toString(offset)));
    }

    /** The stored offset, or empty when the file is missing or unreadable. */
    public OptionalLong read() throws IOException {
        return file.read(VERSION)
                .filter(entries -> entries.size() == 1)
                .map(entries -> parse(entries.get(0)))
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong parse(String text) {
        try {
            long offset = Long.parseLong(text.trim());
            return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
