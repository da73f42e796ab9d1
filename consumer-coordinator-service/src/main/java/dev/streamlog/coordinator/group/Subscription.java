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

    /**
     * The topics this subscription covers among {@code existing}, sorted. A pattern that takes
     * more than {@link #MATCH_STEPS} character reads on a topic name does not match it (a pattern
     * can take exponential time; {@link #checkCost} refuses such patterns up front).
     */
    public List<String> resolve(Collection<String> existing) {
        if (pattern == null) {
            return topics;
        }
        return existing.stream().filter(topic -> !TopicNames.isInternal(topic))
                .filter(topic -> {
                    try {
                        return matches(topic);
                    } catch (TooCostly e) {
                        return false;
                    }
                }).sorted().toList();
    }

    /**
     * Refuses (422/42204) a pattern that takes too long to match one of {@code existing}.
     */
    public void checkCost(Collection<String> existing) {
        if (pattern == null) {
            return;
        }
        for (String topic : existing) {
            try {
                matches(topic);
            } catch (TooCostly e) {
                throw new CoordinatorException(ErrorCode.INVALID_CONSUMER_CONFIG, "'topic_pattern' takes more than "
                        + MATCH_STEPS + " steps to match topic '" + topic + "'; use a simpler expression");
            }
        }
    }

    private boolean matches(String topic) {
        return pattern.matcher(new BoundedText(topic)).matches();
    }

    /** The most character reads one topic name's match may take. */
    static final int MATCH_STEPS = 100_000;

    /** Thrown by {@link BoundedText} when a match reads too much. */
    private static final class TooCostly extends RuntimeException {
        TooCostly() {
            super(null, null, false, false);
        }
    }

    /** A string whose characters may be read at most {@link #MATCH_STEPS} times in all. */
    private static final class BoundedText implements CharSequence {

        private final String text;
        private int reads;

        BoundedText(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (++reads > MATCH_STEPS) {
                throw new TooCostly();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The request form, as kept in {@code __consumer_offsets} and answered by {@code GET …/subscription}. */
    public ConsumerSubscription toRequest() {
        return pattern == null ? new ConsumerSubscription(topics, null) : new ConsumerSubscription(null, pattern.pattern());
    }
}
