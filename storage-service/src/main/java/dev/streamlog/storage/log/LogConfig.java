package dev.streamlog.storage.log;

import static dev.streamlog.model.TopicConfigs.FILE_DELETE_DELAY_MS;
import static dev.streamlog.model.TopicConfigs.FLUSH_MESSAGES;
import static dev.streamlog.model.TopicConfigs.FLUSH_MS;
import static dev.streamlog.model.TopicConfigs.INDEX_INTERVAL_BYTES;
import static dev.streamlog.model.TopicConfigs.MAX_MESSAGE_BYTES;
import static dev.streamlog.model.TopicConfigs.RETENTION_BYTES;
import static dev.streamlog.model.TopicConfigs.RETENTION_MS;
import static dev.streamlog.model.TopicConfigs.SEGMENT_BYTES;
import static dev.streamlog.model.TopicConfigs.SEGMENT_INDEX_BYTES;
import static dev.streamlog.model.TopicConfigs.SEGMENT_MS;

import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.storage.log.errors.InvalidConfigException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The configuration of one partition log, with Kafka's topic-level property names and
 * defaults. Immutable and thread-safe; a changed configuration is a new instance.
 *
 * @param segmentBytes       {@code segment.bytes}: roll the active segment before it grows past this (default 1 GiB)
 * @param segmentMs          {@code segment.ms}: roll the active segment once it is this old (default 7 days)
 * @param segmentIndexBytes  {@code segment.index.bytes}: preallocated size of each index file; a full index rolls (default 10 MiB)
 * @param indexIntervalBytes {@code index.interval.bytes}: log bytes between two offset index entries (default 4096)
 * @param retentionMs        {@code retention.ms}: delete a segment whose newest record is older than this; -1 keeps forever (default 7 days)
 * @param retentionBytes     {@code retention.bytes}: delete the oldest segments while the log is larger than this; -1 for no limit (default)
 * @param maxMessageBytes    {@code max.message.bytes}: largest record batch accepted, in bytes (default 1 MiB)
 * @param flushMessages      {@code flush.messages}: fsync after this many records (default: never, rely on replication)
 * @param flushMs            {@code flush.ms}: fsync when unflushed data is this old (default: never, rely on replication)
 * @param fileDeleteDelayMs  {@code file.delete.delay.ms}: how long a deleted segment's files stay open for reads already under way (default 60 s)
 */
public record LogConfig(int segmentBytes, long segmentMs, int segmentIndexBytes, int indexIntervalBytes,
                        long retentionMs, long retentionBytes, int maxMessageBytes, long flushMessages,
                        long flushMs, long fileDeleteDelayMs) {

    /** Every property name this record understands; the names are defined in {@link dev.streamlog.model.TopicConfigs}. */
    public static final Set<String> NAMES = Set.of(SEGMENT_BYTES, SEGMENT_MS, SEGMENT_INDEX_BYTES,
            INDEX_INTERVAL_BYTES, RETENTION_MS, RETENTION_BYTES, MAX_MESSAGE_BYTES, FLUSH_MESSAGES, FLUSH_MS,
            FILE_DELETE_DELAY_MS);

    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    /** Smallest index file: room for two time index entries. */
    private static final int MIN_INDEX_BYTES = 24;

    public LogConfig {
        atLeast(SEGMENT_BYTES, segmentBytes, RecordBatch.HEADER_SIZE);
        atLeast(SEGMENT_MS, segmentMs, 1);
        atLeast(SEGMENT_INDEX_BYTES, segmentIndexBytes, MIN_INDEX_BYTES);
        atLeast(INDEX_INTERVAL_BYTES, indexIntervalBytes, 0);
        atLeast(RETENTION_MS, retentionMs, -1);
        atLeast(RETENTION_BYTES, retentionBytes, -1);
        atLeast(MAX_MESSAGE_BYTES, maxMessageBytes, RecordBatch.HEADER_SIZE);
        atLeast(FLUSH_MESSAGES, flushMessages, 1);
        atLeast(FLUSH_MS, flushMs, 0);
        atLeast(FILE_DELETE_DELAY_MS, fileDeleteDelayMs, 0);
    }

    /** Kafka's defaults, except {@code max.message.bytes} which is exactly 1 MiB. */
    public static LogConfig defaults() {
        return new LogConfig(1 << 30, 7 * DAY_MS, 10 << 20, 4096, 7 * DAY_MS, -1, 1 << 20,
                Long.MAX_VALUE, Long.MAX_VALUE, 60_000);
    }

    /** This configuration with one property changed; see {@link #withOverrides}. */
    public LogConfig with(String name, Object value) {
        return withOverrides(Map.of(name, String.valueOf(value)));
    }

    /**
     * This configuration with the given properties changed. Names outside {@link #NAMES}
     * are not this record's concern and are ignored (topics carry other settings too).
     *
     * @throws InvalidConfigException if a value does not parse or is out of range
     */
    public LogConfig withOverrides(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(overrides);
        return new LogConfig(
                intValue(values, SEGMENT_BYTES, segmentBytes),
                longValue(values, SEGMENT_MS, segmentMs),
                intValue(values, SEGMENT_INDEX_BYTES, segmentIndexBytes),
                intValue(values, INDEX_INTERVAL_BYTES, indexIntervalBytes),
                longValue(values, RETENTION_MS, retentionMs),
                longValue(values, RETENTION_BYTES, retentionBytes),
                intValue(values, MAX_MESSAGE_BYTES, maxMessageBytes),
                longValue(values, FLUSH_MESSAGES, flushMessages),
                longValue(values, FLUSH_MS, flushMs),
                longValue(values, FILE_DELETE_DELAY_MS, fileDeleteDelayMs));
    }

    private static int intValue(Map<String, String> values, String name, int current) {
        long value = longValue(values, name, current);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new InvalidConfigException(name + "=" + value + " is outside the range of a 32-bit integer");
        }
        return (int) value;
    }

    private static long longValue(Map<String, String> values, String name, long current) {
        String text = values.get(name);
        if (text == null) {
            return current;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(name + "='" + text + "' is not a whole number");
        }
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new InvalidConfigException(name + "=" + value + " is below its minimum " + min);
        }
    }
}
