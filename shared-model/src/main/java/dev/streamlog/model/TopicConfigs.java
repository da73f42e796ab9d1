package dev.streamlog.model;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The topic-level config names a topic may override (Kafka's names) with their defaults and the
 * rule each value must follow. The controller checks create and alter requests with it before
 * anything is written; the storage node turns the same names into its log configuration.
 * Stateless and thread-safe.
 */
public final class TopicConfigs {

    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";

    /** The kind of value a config takes and its bounds. */
    private record Rule(String defaultValue, long min, long max, boolean bool) {
    }

    private static final long DAY_MS = 24L * 60 * 60 * 1000;

    /**
     * The smallest segment, roll interval and index a topic may have. Every segment keeps files open (its log
     * twice, its two index mappings), so values that roll a segment every few batches or every few seconds (Kafka
     * accepts 14 bytes and 1 ms) make a busy node open files faster than retention closes them, until it has no
     * descriptors left. With these floors a partition rolls at most one segment per 16 MiB and per 10 minutes.
     */
    public static final long MIN_SEGMENT_BYTES = 16L << 20;
    public static final long MIN_SEGMENT_MS = 10L * 60 * 1000;
    public static final long MIN_SEGMENT_INDEX_BYTES = 1L << 20;
    /** The largest index a segment may preallocate (memory-mapped while the segment is active). */
    public static final long MAX_SEGMENT_INDEX_BYTES = 64L << 20;

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry(SEGMENT_BYTES, integer(1L << 30, MIN_SEGMENT_BYTES, Integer.MAX_VALUE)),
            Map.entry(SEGMENT_MS, integer(7 * DAY_MS, MIN_SEGMENT_MS, Long.MAX_VALUE)),
            Map.entry(SEGMENT_INDEX_BYTES, integer(10L << 20, MIN_SEGMENT_INDEX_BYTES, MAX_SEGMENT_INDEX_BYTES)),
            Map.entry(INDEX_INTERVAL_BYTES, integer(4096, 0, Integer.MAX_VALUE)),
            Map.entry(RETENTION_MS, integer(7 * DAY_MS, -1, Long.MAX_VALUE)),
            Map.entry(RETENTION_BYTES, integer(-1, -1, Long.MAX_VALUE)),
            Map.entry(MAX_MESSAGE_BYTES, integer(1L << 20, 61, Integer.MAX_VALUE)),
            Map.entry(FLUSH_MESSAGES, integer(Long.MAX_VALUE, 1, Long.MAX_VALUE)),
            Map.entry(FLUSH_MS, integer(Long.MAX_VALUE, 0, Long.MAX_VALUE)),
            Map.entry(FILE_DELETE_DELAY_MS, integer(60_000, 0, Long.MAX_VALUE)),
            Map.entry(MIN_INSYNC_REPLICAS, integer(1, 1, Integer.MAX_VALUE)),
            Map.entry(UNCLEAN_LEADER_ELECTION_ENABLE, new Rule("false", 0, 0, true)));

    private TopicConfigs() {
    }

    private static Rule integer(long defaultValue, long min, long max) {
        return new Rule(Long.toString(defaultValue), min, max, false);
    }

    /** Every name a topic may override. */
    public static Set<String> names() {
        return RULES.keySet();
    }

    /** The default of a known config name. */
    public static Optional<String> defaultValue(String name) {
        return Optional.ofNullable(RULES.get(name)).map(Rule::defaultValue);
    }

    /** Every known config with the topic's overrides applied, sorted by name. */
    public static Map<String, String> effective(Map<String, String> overrides) {
        Map<String, String> all = new TreeMap<>();
        RULES.forEach((name, rule) -> all.put(name, rule.defaultValue()));
        all.putAll(overrides);
        return all;
    }

    /**
     * What is wrong with setting {@code name} to {@code value}, or empty if it is acceptable:
     * an unknown name, a value that is not a whole number (or {@code true}/{@code false}) or
     * one out of bounds.
     */
    public static Optional<String> problem(String name, String value) {
        Rule rule = name == null ? null : RULES.get(name);
        if (rule == null) {
            return Optional.of("unknown topic config '" + name + "'; known: " + new TreeMap<>(RULES).keySet());
        }
        if (value == null) {
            return Optional.of(name + " needs a value");
        }
        if (rule.bool()) {
            return value.equals("true") || value.equals("false")
                    ? Optional.empty()
                    : Optional.of(name + "='" + value + "' is not true or false");
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Optional.of(name + "='" + value + "' is not a whole number");
        }
        if (parsed < rule.min() || parsed > rule.max()) {
            return Optional.of(name + "=" + parsed + " is outside [" + rule.min() + ", " + rule.max() + "]");
        }
        return Optional.empty();
    }
}
