package dev.streamlog.model;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every topic-level config Kafka documents (Kafka 4's list), with its default, the rule a value
 * must follow and the broker-level name Kafka gives its default (its synonym). Each config is
 * either honoured, or accepted only at the value that describes what Streamlog does, with the
 * reason any other value is refused (e.g. {@code cleanup.policy=compact}: there is no compaction).
 * The compaction and compression-level settings are accepted in Kafka's ranges and, as in Kafka,
 * only matter for a compacted or compressed topic, which Streamlog does not have. The controller
 * checks create and alter requests with it before anything is written; the storage node turns
 * the names it uses into its log configuration. Stateless and thread-safe.
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

    /** The kind of value a config takes. */
    private enum Kind { INTEGER, DECIMAL, BOOLEAN, FIXED }

    /**
     * A config's rule.
     *
     * @param defaultValue Kafka's default (Streamlog's own for the segment sizes, see below)
     * @param serverName   the broker config Kafka takes the default from
     * @param kind         the kind of value
     * @param min          the smallest value of a number
     * @param max          the largest value of a number
     * @param refusal      for {@link Kind#FIXED}: why any value but {@code defaultValue} (or {@code alsoAccepted}) is refused
     * @param alsoAccepted for {@link Kind#FIXED}: another value that means the same here, or null
     */
    private record Rule(String defaultValue, String serverName, Kind kind, long min, long max, String refusal,
                        String alsoAccepted) {
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

    private static final String NO_COMPACTION = "log compaction is not implemented; topics are cleaned by deleting old segments";
    private static final String NO_TIERED_STORAGE = "tiered (remote) storage is not supported";
    private static final String NO_THROTTLING = "replication is not throttled";

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry(SEGMENT_BYTES, integer(1L << 30, "log.segment.bytes", MIN_SEGMENT_BYTES, Integer.MAX_VALUE)),
            Map.entry(SEGMENT_MS, integer(7 * DAY_MS, "log.roll.ms", MIN_SEGMENT_MS, Long.MAX_VALUE)),
            Map.entry(SEGMENT_INDEX_BYTES, integer(10L << 20, "log.index.size.max.bytes", MIN_SEGMENT_INDEX_BYTES,
                    MAX_SEGMENT_INDEX_BYTES)),
            Map.entry(INDEX_INTERVAL_BYTES, integer(4096, "log.index.interval.bytes", 0, Integer.MAX_VALUE)),
            Map.entry(RETENTION_MS, integer(7 * DAY_MS, "log.retention.ms", -1, Long.MAX_VALUE)),
            Map.entry(RETENTION_BYTES, integer(-1, "log.retention.bytes", -1, Long.MAX_VALUE)),
            Map.entry(MAX_MESSAGE_BYTES, integer(1L << 20, "message.max.bytes", 61, Integer.MAX_VALUE)),
            Map.entry(FLUSH_MESSAGES, integer(Long.MAX_VALUE, "log.flush.interval.messages", 1, Long.MAX_VALUE)),
            Map.entry(FLUSH_MS, integer(Long.MAX_VALUE, "log.flush.interval.ms", 0, Long.MAX_VALUE)),
            Map.entry(FILE_DELETE_DELAY_MS, integer(60_000, "log.segment.delete.delay.ms", 0, Long.MAX_VALUE)),
            Map.entry(MIN_INSYNC_REPLICAS, integer(1, MIN_INSYNC_REPLICAS, 1, Integer.MAX_VALUE)),
            Map.entry(UNCLEAN_LEADER_ELECTION_ENABLE, new Rule("false", UNCLEAN_LEADER_ELECTION_ENABLE, Kind.BOOLEAN,
                    0, 0, null, null)),
            Map.entry("cleanup.policy", fixed("delete", "log.cleanup.policy", NO_COMPACTION, null)),
            Map.entry("delete.retention.ms", integer(DAY_MS, "log.cleaner.delete.retention.ms", 0, Long.MAX_VALUE)),
            Map.entry("min.compaction.lag.ms", integer(0, "log.cleaner.min.compaction.lag.ms", 0, Long.MAX_VALUE)),
            Map.entry("max.compaction.lag.ms", integer(Long.MAX_VALUE, "log.cleaner.max.compaction.lag.ms", 1,
                    Long.MAX_VALUE)),
            Map.entry("min.cleanable.dirty.ratio", new Rule("0.5", "log.cleaner.min.cleanable.ratio", Kind.DECIMAL,
                    0, 1, null, null)),
            Map.entry("compression.type", fixed("producer", "compression.type",
                    "records are stored as the producer sent them, uncompressed", "uncompressed")),
            Map.entry("compression.gzip.level", integer(-1, "compression.gzip.level", -1, 9)),
            Map.entry("compression.lz4.level", integer(9, "compression.lz4.level", 1, 17)),
            Map.entry("compression.zstd.level", integer(3, "compression.zstd.level", -131072, 22)),
            Map.entry("message.timestamp.type", fixed("CreateTime", "log.message.timestamp.type",
                    "the log keeps the timestamp each record was produced with", null)),
            Map.entry("message.timestamp.before.max.ms", fixed(Long.toString(Long.MAX_VALUE),
                    "log.message.timestamp.before.max.ms", "record timestamps are not bounded on append", null)),
            Map.entry("message.timestamp.after.max.ms", fixed(Long.toString(Long.MAX_VALUE),
                    "log.message.timestamp.after.max.ms", "record timestamps are not bounded on append", null)),
            Map.entry("preallocate", fixed("false", "log.preallocate", "segment files are not preallocated", null)),
            Map.entry("segment.jitter.ms", fixed("0", "log.roll.jitter.ms", "segments roll without jitter", null)),
            Map.entry("leader.replication.throttled.replicas", fixed("", "leader.replication.throttled.replicas",
                    NO_THROTTLING, null)),
            Map.entry("follower.replication.throttled.replicas", fixed("", "follower.replication.throttled.replicas",
                    NO_THROTTLING, null)),
            Map.entry("remote.storage.enable", fixed("false", "remote.storage.enable", NO_TIERED_STORAGE, null)),
            Map.entry("remote.log.copy.disable", fixed("false", "remote.log.copy.disable", NO_TIERED_STORAGE, null)),
            Map.entry("remote.log.delete.on.disable", fixed("false", "remote.log.delete.on.disable", NO_TIERED_STORAGE,
                    null)),
            Map.entry("local.retention.ms", fixed("-2", "log.local.retention.ms", NO_TIERED_STORAGE, null)),
            Map.entry("local.retention.bytes", fixed("-2", "log.local.retention.bytes", NO_TIERED_STORAGE, null)));

    private TopicConfigs() {
    }

    private static Rule integer(long defaultValue, String serverName, long min, long max) {
        return new Rule(Long.toString(defaultValue), serverName, Kind.INTEGER, min, max, null, null);
    }

    private static Rule fixed(String value, String serverName, String refusal, String alsoAccepted) {
        return new Rule(value, serverName, Kind.FIXED, 0, 0, refusal, alsoAccepted);
    }

    /** Every name a topic may override. */
    public static Set<String> names() {
        return RULES.keySet();
    }

    /** The default of a known config name. */
    public static Optional<String> defaultValue(String name) {
        return Optional.ofNullable(RULES.get(name)).map(Rule::defaultValue);
    }

    /** The broker-level config Kafka takes a known config's default from, e.g. {@code log.retention.ms}. */
    public static Optional<String> serverName(String name) {
        return Optional.ofNullable(RULES.get(name)).map(Rule::serverName);
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
        return switch (rule.kind()) {
            case BOOLEAN -> value.equals("true") || value.equals("false")
                    ? Optional.empty() : Optional.of(name + "='" + value + "' is not true or false");
            case FIXED -> value.trim().equals(rule.defaultValue()) || value.trim().equals(rule.alsoAccepted())
                    ? Optional.empty() : Optional.of(name + "='" + value + "' is not supported: " + rule.refusal()
                    + "; accepted: '" + rule.defaultValue() + "'"
                    + (rule.alsoAccepted() == null ? "" : " or '" + rule.alsoAccepted() + "'"));
            case INTEGER -> integerProblem(name, value, rule);
            case DECIMAL -> decimalProblem(name, value, rule);
        };
    }

    private static Optional<String> integerProblem(String name, String value, Rule rule) {
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

    private static Optional<String> decimalProblem(String name, String value, Rule rule) {
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return Optional.of(name + "='" + value + "' is not a number");
        }
        if (!(parsed >= rule.min() && parsed <= rule.max())) {
            return Optional.of(name + "=" + value.trim() + " is outside [" + rule.min() + ", " + rule.max() + "]");
        }
        return Optional.empty();
    }
}
