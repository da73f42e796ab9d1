package dev.streamlog.storage.log.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small text file that is replaced whole and atomically: written to {@code <name>.tmp},
 * fsynced, renamed over the old file, and the directory fsynced, so after a crash the file
 * holds either the old or the new content, never a mix.
 *
 * <h2>Format</h2>
 * UTF-8 lines: the format version, the number of entries, then one entry a line. A file that
 * is missing, has another version, or does not parse reads as empty (the caller falls back
 * to a safe default, such as recovering the whole log).
 *
 * <p>Thread-safety: not thread-safe; its owner serialises calls.
 */
public final class CheckpointFile {

    /** Suffix of the file being written; a leftover one is garbage from a crash. */
    public static final String TEMP_SUFFIX = ".tmp";

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFile.class);

    private final Path path;

    public CheckpointFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Replaces the file's content with the given version and entries. */
    public void write(int version, List<String> entries) throws IOException {
        StringBuilder text = new StringBuilder().append(version).append('\n').append(entries.size()).append('\n');
        for (String entry : entries) {
            text.append(entry).append('\n');
        }
        Path temp = path.resolveSibling(path.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(path.getParent());
    }

    /**
     * Reads the entries if the file exists, has {@code expectedVersion} and parses; empty
     * otherwise.
     */
    public Optional<List<String>> read(int expectedVersion) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CharacterCodingException e) {
            LOG.warn("checkpoint {} is not UTF-8; ignoring it", path);
            return Optional.empty();
        }
        try {
            if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != expectedVersion) {
                LOG.warn("checkpoint {} has no header or another version; ignoring it", path);
                return Optional.empty();
            }
            int count = Integer.parseInt(lines.get(1).trim());
            if (count < 0 || lines.size() != count + 2) {
                LOG.warn("checkpoint {} declares {} entries but holds {}; ignoring it", path, count, lines.size() - 2);
                return Optional.empty();
            }
            return Optional.of(new ArrayList<>(lines.subList(2, lines.size())));
        } catch (NumberFormatException e) {
            LOG.warn("checkpoint {} does not parse ({}); ignoring it", path, e.getMessage());
            return Optional.empty();
        }
    }

    /** fsyncs a directory so that a rename or a new file in it survives a crash. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
