package dev.streamlog.coordinator.group;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicNames;
import dev.streamlog.model.v2.ConsumerSubscription;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a member subscribes to: a list of topics, or a pattern matched against whole topic names
 * (internal topics never match). Immutable.
 *
 * @param topics  the topics, sorted and distinct; empty for a pattern
 * @param pattern the pattern, or null
 */
public record Subscription(List<String> topics, Pattern pattern) {

    /** The most topics one subscription may list, and the longest pattern. */
    static final int MAX_TOPICS = 1000;
    static final int MAX_PATTERN = 1000;

    /**
     * Checks a subscription request: exactly one of {@code topics} and {@code topic_pattern}
     * (422/42201 otherwise); topics legal names, at most 1000 (40001 otherwise); a pattern a valid
     * regular expression of at most 1000 characters (422/42204 otherwise).
     */
    public static Subscription of(ConsumerSubscription request) {
        boolean hasTopics = request.topics() != null && !request.topics().isEmpty();
        boolean hasPattern = request.topicPattern() != null;
        if (hasTopics == hasPattern) {
            throw new CoordinatorException(ErrorCode.UNPROCESSABLE_ENTITY,
                    "a subscription needs either a non-empty 'topics' list or a 'topic_pattern', not both");
        }
        if (hasPattern) {
            if (request.topicPattern().length() > MAX_PATTERN) {
                throw new CoordinatorException(ErrorCode.INVALID_CONSUMER_CONFIG, "'topic_pattern' is longer than "
                        + MAX_PATTERN + " characters");
            }
            try {
                return new Subscription(List.of(), Pattern.compile(request.topicPattern()));
            } catch (PatternSyntaxException e) {
                throw new CoordinatorException(ErrorCode.INVALID_CONSUMER_CONFIG, "'topic_pattern' is not a valid"
                        + " regular expression: " + e.getDescription() + " near index " + e.getIndex());
            }
        }
        if (request.topics().size() > MAX_TOPICS) {
            throw new CoordinatorException(ErrorCode.BAD_REQUEST, "a subscription lists at most " + MAX_TOPICS
                    + " topics, got " + request.topics().size());
        }
        for (String topic : request.topics()) {
            TopicNames.problem(topic).ifPresent(problem -> {
                throw new CoordinatorException(ErrorCode.BAD_REQUEST, problem);
            });
        }
        return new Subscription(request.topics().stream().distinct().sorted().toList(), null);
    }

    /** The topics this subscription covers among {@code existing}, sorted. */
    public List<String> resolve(Collection<String> existing) {
        if (pattern == null) {
            return topics;
        }
        return existing.stream().filter(topic -> !TopicNames.isInternal(topic))
                .filter(topic -> pattern.matcher(topic).matches()).sorted().toList();
    }

    /** The request form, as kept in {@code __consumer_offsets} and answered by {@code GET …/subscription}. */
    public ConsumerSubscription toRequest() {
        return pattern == null ? new ConsumerSubscription(topics, null) : new ConsumerSubscription(null, pattern.pattern());
    }
}
