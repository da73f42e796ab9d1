package dev.streamlog.controller.config;

import dev.streamlog.controller.metadata.TopicLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the controller service, prefix {@code streamlog.controller}. Immutable.
 *
 * @param advertisedUrl            base URL other services reach this controller on; it is also this instance's
 *                                 participant id in the {@code /controller} leader latch. Default
 *                                 {@code http://127.0.0.1:${server.port}} (set in application.yml)
 * @param defaultPartitions        partitions of a new topic whose request names none; default 1
 * @param defaultReplicationFactor replicas per partition of a new topic whose request names none; 0 (the default)
 *                                 means automatic: min(3, live brokers), at least 1
 * @param maxPartitions            the most partitions one topic may have; default 10000
 * @param commandTimeout           how long an admin request waits for the controller's command lock before it is
 *                                 answered 503/50003; default 30 seconds
 * @param leaderRebalanceEnabled   whether the active controller periodically moves leadership back to each
 *                                 partition's preferred (first) replica once it is live and in sync; default true
 * @param leaderRebalanceInterval  how often that check runs; default 10 seconds
 * @param storageRequestTimeout    connect and request timeout of the controller's calls to storage nodes
 *                                 (LeaderAndIsr); default 5 seconds
 */
@ConfigurationProperties("streamlog.controller")
public record ControllerProperties(@DefaultValue("http://127.0.0.1:9191") String advertisedUrl,
                                   @DefaultValue("1") int defaultPartitions,
                                   @DefaultValue("0") int defaultReplicationFactor,
                                   @DefaultValue("10000") int maxPartitions,
                                   @DefaultValue("30s") Duration commandTimeout,
                                   @DefaultValue("true") boolean leaderRebalanceEnabled,
                                   @DefaultValue("10s") Duration leaderRebalanceInterval,
                                   @DefaultValue("5s") Duration storageRequestTimeout) {

    public ControllerProperties {
        if (advertisedUrl == null || advertisedUrl.isBlank()) {
            throw new IllegalArgumentException("streamlog.controller.advertised-url must be set");
        }
        advertisedUrl = advertisedUrl.endsWith("/") ? advertisedUrl.substring(0, advertisedUrl.length() - 1)
                : advertisedUrl;
        requirePositive(commandTimeout, "command-timeout");
        requirePositive(leaderRebalanceInterval, "leader-rebalance-interval");
        requirePositive(storageRequestTimeout, "storage-request-timeout");
    }

    /** The topic limits the commands enforce. */
    public TopicLimits topicLimits() {
        return new TopicLimits(defaultPartitions, defaultReplicationFactor, maxPartitions);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("streamlog.controller." + name + " must be positive");
        }
    }
}
