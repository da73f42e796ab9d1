package dev.streamlog.it.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a replica's log straight from a storage node's data dir, independently of the
 * product's code: the {@code .log} segment files of {@code <data-dir>/<topic>-<partition>} in
 * offset order, cut into record batches by their headers (base offset: 8 bytes, then the
 * length of the rest: 4 bytes; the last offset delta is the int at byte 23). Used to compare
 * replicas byte for byte. Stateless.
 */
public final class ReplicaLogs {

    private static final int LOG_OVERHEAD = 12;
    private static final int LAST_OFFSET_DELTA = 23;

    private ReplicaLogs() {
    }

    /** The bytes of every whole batch whose last offset is below {@code endOffset}. */
    public static byte[] batchesBelow(Path dataDir, String topic, int partition, long endOffset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Path segment : segments(dataDir.resolve(topic + "-" + partition))) {
            ByteBuffer bytes = ByteBuffer.wrap(read(segment));
            while (bytes.remaining() >= LOG_OVERHEAD) {
                int start = bytes.position();
                long baseOffset = bytes.getLong(start);
                int size = LOG_OVERHEAD + bytes.getInt(start + 8);
                if (size <= LOG_OVERHEAD || size > bytes.remaining()) {
                    break;
                }
                long lastOffset = baseOffset + bytes.getInt(start + LAST_OFFSET_DELTA);
                if (lastOffset >= endOffset) {
                    return out.toByteArray();
                }
                out.write(bytes.array(), start, size);
                bytes.position(start + size);
            }
        }
        return out.toByteArray();
    }

    private static List<Path> segments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
