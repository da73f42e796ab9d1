package dev.streamlog.storage.log.bench;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.log.LogConfig;
import dev.streamlog.storage.log.PartitionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/** Logs, files and timing helpers the benchmark sections share. */
final class BenchIo {

    private BenchIo() {
    }

    /** Opens a log with the default configuration, flushing rolled segments on {@code flusher}. */
    static PartitionLog openLog(Path dir, ExecutorService flusher) {
        return PartitionLog.open(dir, new TopicPartition("bench", 0), LogConfig.defaults(), Clock.systemUTC(), flusher);
    }

    /** Waits until every flush already handed to {@code flusher} has finished. */
    static void drain(ExecutorService flusher) {
        try {
            flusher.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for segment flushes", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for segment flushes failed", e);
        }
    }

    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Deletes {@code root}: a file, or a directory with everything under it; a missing one is fine. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + root + " failed", e);
        }
    }
}
