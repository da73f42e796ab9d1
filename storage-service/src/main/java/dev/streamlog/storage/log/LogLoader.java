package dev.streamlog.storage.log;

import dev.streamlog.storage.log.checkpoint.CheckpointFile;
import dev.streamlog.storage.log.checkpoint.OffsetCheckpoint;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a partition directory and brings it to a consistent state: removes what a crash
 * left half-done (checkpoint temp files, segments marked deleted, index files without a
 * log), and, unless the last close was clean, recovers every segment from the one holding
 * the recovery point on: each batch's header, offsets and CRC are checked, the first bad or
 * partial batch and everything after it are cut off, and the indexes are rebuilt. Segments
 * before the recovery point are trusted but their indexes are checked, and rebuilt when
 * missing or damaged.
 *
 * <p>Not thread-safe: used once, by the thread opening the log, before the log is shared.
 */
final class LogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    /** What loading produced. */
    record Loaded(SegmentSet segments, LeaderEpochCache epochs, long logStartOffset, long recoveryPoint,
                  long bytesTruncated) {
    }

    private final Path dir;
    private final LogConfig config;
    private final long nowMs;
    private long bytesTruncated;

    LogLoader(Path dir, LogConfig config, long nowMs) {
        this.dir = dir;
        this.config = config;
        this.nowMs = nowMs;
    }

    Loaded load() throws IOException {
        Files.createDirectories(dir);
        boolean clean = Files.deleteIfExists(dir.resolve(LogFiles.CLEAN_SHUTDOWN_FILE));
        removeLeftovers();
        CheckpointFile.fsyncDirectory(dir);
        long recoveryPoint = new OffsetCheckpoint(dir.resolve(LogFiles.RECOVERY_POINT_FILE)).read().orElse(0);
        OptionalLong checkpointedStart = new OffsetCheckpoint(dir.resolve(LogFiles.LOG_START_OFFSET_FILE)).read();
        Path epochFile = dir.resolve(LogFiles.LEADER_EPOCH_FILE);
        LeaderEpochCache loadedEpochs = LeaderEpochCache.load(epochFile).orElse(null);
        LeaderEpochCache epochs = loadedEpochs != null ? loadedEpochs : LeaderEpochCache.empty(epochFile);

        List<Long> bases = LogFiles.segmentBaseOffsets(dir);
        SegmentSet segments = new SegmentSet();
        if (bases.isEmpty()) {
            long start = checkpointedStart.orElse(0);
            segments.add(Segment.create(dir, start, config, nowMs));
            epochs.truncateFromEnd(start);
            return new Loaded(segments, epochs, start, start, 0);
        }
        long recoverFrom = clean ? Long.MAX_VALUE : floorBase(bases, recoveryPoint);
        // With an unreadable checkpoint the cache is rebuilt from every batch below, oldest
        // first; filling it from recovered segments alone would drop the older epochs.
        Segment.EpochObserver recoveredBatches = loadedEpochs != null
                ? (epoch, offset) -> assignEpoch(epochs, epoch, offset)
                : (epoch, offset) -> { };
        boolean recovered;
        try {
            recovered = openSegments(bases, recoverFrom, segments, recoveredBatches);
            if (loadedEpochs == null) {
                rebuildEpochs(segments, epochs);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(segments, e);
            throw e;
        }
        long logEndOffset = segments.active().nextOffset();
        long logStartOffset = Math.max(segments.first().baseOffset(),
                Math.min(checkpointedStart.orElse(0), logEndOffset));
        epochs.truncateFromEnd(logEndOffset);
        epochs.truncateFromStart(logStartOffset);
        if (recovered) {
            recoveryPoint = logEndOffset;
            new OffsetCheckpoint(dir.resolve(LogFiles.RECOVERY_POINT_FILE)).write(recoveryPoint);
        }
        return new Loaded(segments, epochs, logStartOffset, Math.min(recoveryPoint, logEndOffset), bytesTruncated);
    }

    /**
     * Opens each segment, recovering (and fsyncing) those at or after {@code recoverFrom} and
     * any whose indexes or headers look wrong; drops every segment after one that was cut short or
     * does not continue its predecessor's offsets.
     *
     * @return whether any segment was recovered
     */
    private boolean openSegments(List<Long> bases, long recoverFrom, SegmentSet segments,
                                 Segment.EpochObserver recoveredBatches) throws IOException {
        boolean recovered = false;
        long expectedBase = -1;
        for (int i = 0; i < bases.size(); i++) {
            long base = bases.get(i);
            boolean last = i == bases.size() - 1;
            if (expectedBase >= 0 && base != expectedBase) {
                LOG.warn("event=recovery-dropped-segments dir={} from={} reason=offset-gap expected={}",
                        dir, base, expectedBase);
                deleteSegmentFiles(bases.subList(i, bases.size()));
                break;
            }
            Segment segment = Segment.open(dir, base, config, last, nowMs);
            segments.add(segment);
            boolean needsRecovery = base >= recoverFrom || !segment.indexesSane() || !segment.loadState();
            int cut = 0;
            if (needsRecovery) {
                cut = segment.recover(config, last, recoveredBatches);
                segment.flush();
                recovered = true;
                if (cut > 0) {
                    bytesTruncated += cut;
                    LOG.warn("event=recovery-truncated dir={} segment={} bytes={} logEndOffset={}",
                            dir, base, cut, segment.nextOffset());
                }
            }
            expectedBase = segment.nextOffset();
            if (cut > 0 && !last) {
                LOG.warn("event=recovery-dropped-segments dir={} from={} reason=truncated-predecessor",
                        dir, bases.get(i + 1));
                deleteSegmentFiles(bases.subList(i + 1, bases.size()));
                break;
            }
        }
        if (segments.active().baseOffset() != bases.get(bases.size() - 1)) {
            segments.active().reopenForAppend(config);
        }
        return recovered;
    }

    /** Closes what was opened before a failure, keeping the failure as the one reported. */
    private static void closeQuietly(SegmentSet segments, Exception failure) {
        for (Segment segment : segments.all()) {
            try {
                segment.close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static void assignEpoch(LeaderEpochCache epochs, int epoch, long offset) {
        if (epoch >= 0) {
            epochs.assign(epoch, offset);
        }
    }

    private void rebuildEpochs(SegmentSet segments, LeaderEpochCache epochs) throws IOException {
        LOG.warn("event=epoch-cache-rebuilt dir={} reason=unreadable-checkpoint", dir);
        for (Segment segment : segments.all()) {
            segment.forEachBatch((epoch, offset) -> assignEpoch(epochs, epoch, offset));
        }
        epochs.persist();
    }

    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(CheckpointFile.TEMP_SUFFIX) || name.endsWith(LogFiles.DELETED_SUFFIX)) {
                    Files.deleteIfExists(file);
                } else if (isOrphanIndex(name)) {
                    LOG.info("event=orphan-index-deleted file={}", file);
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private boolean isOrphanIndex(String name) {
        OptionalLong base = LogFiles.baseOffset(name, LogFiles.INDEX_SUFFIX);
        if (base.isEmpty()) {
            base = LogFiles.baseOffset(name, LogFiles.TIME_INDEX_SUFFIX);
        }
        return base.isPresent() && !Files.exists(LogFiles.logFile(dir, base.getAsLong()));
    }

    private void deleteSegmentFiles(List<Long> bases) throws IOException {
        for (long base : bases) {
            Files.deleteIfExists(LogFiles.logFile(dir, base));
            Files.deleteIfExists(LogFiles.offsetIndexFile(dir, base));
            Files.deleteIfExists(LogFiles.timeIndexFile(dir, base));
        }
    }

    /** The largest base offset at most {@code offset}, or the first base when all are larger. */
    private static long floorBase(List<Long> bases, long offset) {
        long floor = bases.get(0);
        for (long base : bases) {
            if (base <= offset) {
                floor = base;
            }
        }
        return floor;
    }
}
