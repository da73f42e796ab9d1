package dev.streamlog.storage.config;

import dev.streamlog.storage.log.LogConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a topic's config overrides (from its ZooKeeper assignment) into the log engine's
 * {@link LogConfig}: only the names in {@link LogConfig#NAMES} reach the engine; the rest
 * ({@code min.insync.replicas}, {@code unclean.leader.election.enable}, …) are replication
 * settings the engine has no use for. Stateless and thread-safe.
 */
public final class TopicLogConfigs {

    private TopicLogConfigs() {
    }

    /**
     * {@code base} with the topic's engine-level overrides applied.
     *
     * @throws dev.streamlog.storage.log.errors.InvalidConfigException if an engine-level value
     *         does not parse or is out of range
     */
    public static LogConfig logConfig(LogConfig base, Map<String, String> topicConfigs) {
        return base.withOverrides(engineOverrides(topicConfigs));
    }

    /** The overrides the engine understands, sorted by name. */
    public static Map<String, String> engineOverrides(Map<String, String> topicConfigs) {
        Map<String, String> overrides = new TreeMap<>();
        topicConfigs.forEach((name, value) -> {
            if (LogConfig.NAMES.contains(name) && value != null) {
                overrides.put(name, value);
            }
        });
        return overrides;
    }
}
