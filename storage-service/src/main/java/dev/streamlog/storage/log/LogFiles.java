package dev.streamlog.storage.log;

import dev.streamlog.model.TopicNames;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.log.errors.InvalidTopicException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every name the log engine gives a file or directory, and the only code that builds or
 * parses them.
 *
 * <pre>
 * {dataDir}/.lock                                   held while a log manager owns the dir
 * {dataDir}/{topic}-{partition}/                    one replica of one partition
 *     00000000000000000000.log                      segment: batches, named by base offset (20 digits)
 *     00000000000000000000.index                    its sparse offset index
 *     00000000000000000000.timeindex                its sparse time index
 *     *.deleted                                     segment files awaiting deletion
 *     recovery-point-checkpoint                     offset below which everything was fsynced (it may lag:
 *                                                   written at each flush check, on flush() and close)
 *     log-start-offset-checkpoint                   first offset still in the log
 *     leader-epoch-checkpoint                       leader epoch → start offset
 *     *.tmp                                         checkpoint being written
 *     .clean-shutdown                               present only after a clean close
 *     partition.metadata                            id of the topic the replica belongs to (written by the service)
 * {dataDir}/{topic}-{partition}.deleting            a partition being deleted
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LogFiles {

    /** Segment data: record batches back to back. */
    public static final String LOG_SUFFIX = ".log";
    /** Sparse offset index of a segment. */
    public static final String INDEX_SUFFIX = ".index";
    /** Sparse time index of a segment. */
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    /** Appended to a segment's files when retention or truncation removes it. */
    public static final String DELETED_SUFFIX = ".deleted";
    /** Checkpoint: offset up to which the log is known to be on disk. */
    public static final String RECOVERY_POINT_FILE = "recovery-point-checkpoint";
    /** Checkpoint: the log start offset. */
    public static final String LOG_START_OFFSET_FILE = "log-start-offset-checkpoint";
    /** Checkpoint: the leader epoch cache. */
    public static final String LEADER_EPOCH_FILE = "leader-epoch-checkpoint";
    /** Marker written last by a clean close; its absence on open means recovery. */
    public static final String CLEAN_SHUTDOWN_FILE = ".clean-shutdown";
    /**
     * The id of the topic a partition directory belongs to (see
     * {@link dev.streamlog.storage.log.checkpoint.PartitionMetadataFile}), so a topic deleted and
     * re-created under the same name is never served from the old one's files.
     */
    public static final String PARTITION_METADATA_FILE = "partition.metadata";
    /** Lock file of a data dir. */
    public static final String LOCK_FILE = ".lock";
    /** Suffix of a partition directory being deleted. */
    public static final String DELETING_SUFFIX = ".deleting";

    private static final int OFFSET_DIGITS = 20;

    private LogFiles() {
    }

    /** {@code 00000000000000000042.log} style name of a segment file. */
    public static String segmentFileName(long baseOffset, String suffix) {
        String digits = Long.toString(baseOffset);
        return "0".repeat(OFFSET_DIGITS - digits.length()) + digits + suffix;
    }

    public static Path logFile(Path dir, long baseOffset) {
        return dir.resolve(segmentFileName(baseOffset, LOG_SUFFIX));
    }

    public static Path offsetIndexFile(Path dir, long baseOffset) {
        return dir.resolve(segmentFileName(baseOffset, INDEX_SUFFIX));
    }

    public static Path timeIndexFile(Path dir, long baseOffset) {
        return dir.resolve(segmentFileName(baseOffset, TIME_INDEX_SUFFIX));
    }

    /** The {@link #PARTITION_METADATA_FILE} of a partition directory. */
    public static Path partitionMetadataFile(Path dir) {
        return dir.resolve(PARTITION_METADATA_FILE);
    }

    /** The same file with {@link #DELETED_SUFFIX} appended. */
    public static Path deletedFile(Path file) {
        return file.resolveSibling(file.getFileName() + DELETED_SUFFIX);
    }

    /** The base offset in a segment file's name if it is {@code <20 digits><suffix>}. */
    public static OptionalLong baseOffset(String fileName, String suffix) {
        if (!fileName.endsWith(suffix) || fileName.length() != OFFSET_DIGITS + suffix.length()) {
            return OptionalLong.empty();
        }
        String digits = fileName.substring(0, OFFSET_DIGITS);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Base offsets of the segments in a partition directory (its {@code .log} files), ascending. */
    public static List<Long> segmentBaseOffsets(Path dir) throws IOException {
        List<Long> bases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LOG_SUFFIX)) {
            for (Path file : files) {
                baseOffset(file.getFileName().toString(), LOG_SUFFIX).ifPresent(bases::add);
            }
        }
        bases.sort(null);
        return bases;
    }

    /**
     * The directory of a partition replica inside a data dir. The topic name is checked
     * against the shared rule first, so the result is always a direct child of
     * {@code dataDir}.
     *
     * @throws InvalidTopicException if the name or partition is illegal
     */
    public static Path partitionDir(Path dataDir, TopicPartition tp) {
        Optional<String> problem = TopicNames.problem(tp.topic());
        if (problem.isPresent()) {
            throw new InvalidTopicException(problem.get());
        }
        if (tp.partition() < 0) {
            throw new InvalidTopicException("partition must not be negative, got " + tp.partition());
        }
        Path root = dataDir.toAbsolutePath().normalize();
        Path dir = root.resolve(tp.topic() + "-" + tp.partition()).normalize();
        if (!root.equals(dir.getParent())) {
            throw new InvalidTopicException("topic name '" + tp.topic() + "' does not name a directory inside the data dir");
        }
        return dir;
    }

    /** The partition a directory name stands for, if it is {@code {legal topic}-{partition}}. */
    public static Optional<TopicPartition> parsePartitionDir(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            return Optional.empty();
        }
        String topic = name.substring(0, dash);
        String number = name.substring(dash + 1);
        if (!TopicNames.isValid(topic) || !number.chars().allMatch(c -> c >= '0' && c <= '9') || number.length() > 9) {
            return Optional.empty();
        }
        return Optional.of(new TopicPartition(topic, Integer.parseInt(number)));
    }
}
