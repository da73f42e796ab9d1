package dev.streamlog.coordinator.group;

import dev.streamlog.coordinator.assignment.Assignments;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.v2.CreateConsumerRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A consumer instance's settings, checked: what {@link CreateConsumerRequest} asked for with the
 * defaults filled in. A value out of its domain is refused with 422/42204 naming the field.
 * Immutable.
 *
 * @param format             {@code binary}, {@code json} or {@code text}
 * @param resetToEarliest    whether a partition without a committed offset starts at its beginning (else its end)
 * @param autoCommit         whether polls commit the positions of what the previous polls returned, and the
 *                           instance commits its positions before its partitions are revoked or it is deleted
 * @param autoCommitInterval the least time between two auto-commits a poll makes (Kafka's
 *                           {@code auto.commit.interval.ms}); zero: every poll
 * @param requestTimeout     how long a poll waits for records when it names no timeout
 * @param sessionTimeout     no request for this long → out of the group's assignment
 * @param maxPollInterval    no poll for this long → out of the group's assignment
 * @param instanceTimeout    no request for this long → the instance is deleted
 * @param assignor           the assignor this instance asks for (the group keeps its first one's)
 */
public record InstanceSettings(String format, boolean resetToEarliest, boolean autoCommit,
                               Duration autoCommitInterval, Duration requestTimeout,
                               Duration sessionTimeout, Duration maxPollInterval, Duration instanceTimeout,
                               String assignor) {

    /** The shortest session timeout, poll interval and instance timeout, in ms: a member must be able to call in between. */
    static final long MIN_TIMEOUT = 1_000;

    private static final List<String> FORMATS = List.of("binary", "json", "text");

    /** Checks {@code request} and fills in the defaults. */
    public static InstanceSettings of(CreateConsumerRequest request) {
        String format = choice("format", request.format(), "binary", FORMATS);
        String reset = choice("auto.offset.reset", request.autoOffsetReset(), "latest",
                List.of("latest", "earliest", "smallest", "largest"));
        String autoCommit = choice("auto.commit.enable", request.autoCommitEnable(), "true", List.of("true", "false"));
        if (request.fetchMinBytes() != null) {
            millis("fetch.min.bytes", request.fetchMinBytes(), 0, 0);
        }
        String assignor = choice("partition.assignment.strategy", request.assignmentStrategy(), "range",
                Assignments.names());
        return new InstanceSettings(format, reset.equals("earliest") || reset.equals("smallest"),
                autoCommit.equals("true"), millis("auto.commit.interval.ms", request.autoCommitIntervalMs(), 5_000, 0),
                millis("consumer.request.timeout.ms", request.requestTimeoutMs(), 1_000, 0),
                millis("session.timeout.ms", request.sessionTimeoutMs(), 45_000, MIN_TIMEOUT),
                millis("max.poll.interval.ms", request.maxPollIntervalMs(), 300_000, MIN_TIMEOUT),
                millis("consumer.instance.timeout.ms", request.instanceTimeoutMs(), 300_000, MIN_TIMEOUT), assignor);
    }

    private static String choice(String field, String value, String fallback, List<String> allowed) {
        if (value == null) {
            return fallback;
        }
        String normalised = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalised)) {
            throw new CoordinatorException(ErrorCode.INVALID_CONSUMER_CONFIG, "'" + field + "' must be one of "
                    + allowed + ", got '" + value + "'");
        }
        return normalised;
    }

    private static Duration millis(String field, String value, long fallback, long minimum) {
        if (value == null) {
            return Duration.ofMillis(fallback);
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < minimum || parsed > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(parsed);
        } catch (NumberFormatException e) {
            throw new CoordinatorException(ErrorCode.INVALID_CONSUMER_CONFIG, "'" + field
                    + "' must be a whole number from " + minimum + " to " + Integer.MAX_VALUE + ", got '" + value + "'");
        }
    }
}
