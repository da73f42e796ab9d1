package dev.streamlog.model;

import java.util.Optional;

/**
 * The one rule for topic names, shared by every service: 1 to 249 characters from
 * {@code [a-zA-Z0-9._-]}, and not {@code .} or {@code ..}. Names starting with {@code __}
 * are internal: clients may read them but not write them.
 *
 * <p>Storage nodes build directory names from topic names, so this rule is also what keeps a
 * hostile name from addressing a file outside a data dir: no separator, no parent reference.
 *
 * <p>Stateless and thread-safe.
 */
public final class TopicNames {

    /** Longest legal topic name, in characters (Kafka's limit, so names fit in file names). */
    public static final int MAX_LENGTH = 249;

    /** Prefix of internal topics such as {@code __consumer_offsets}. */
    public static final String INTERNAL_PREFIX = "__";

    private TopicNames() {
    }

    /**
     * Says what is wrong with a topic name.
     *
     * @param name the name, already URL-decoded; may be {@code null}
     * @return a message naming the problem, or empty when the name is legal
     */
    public static Optional<String> problem(String name) {
        return problem("topic name", name);
    }

    /**
     * Says what is wrong with another name that follows the same rule (a consumer group id, an
     * instance name), the message calling it {@code noun}.
     */
    public static Optional<String> problem(String noun, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(noun + " is empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of(noun + " is " + name.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of(noun + " cannot be '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLegal(c)) {
                return Optional.of(noun + " '" + printable(name) + "' has the illegal character "
                        + describe(c) + " at index " + i + "; allowed are [a-zA-Z0-9._-]");
            }
        }
        return Optional.empty();
    }

    /** Whether {@link #problem(String)} finds nothing wrong with the name. */
    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /** Whether the name belongs to an internal topic (readable by clients, not writable). */
    public static boolean isInternal(String name) {
        return name != null && name.startsWith(INTERNAL_PREFIX);
    }

    private static boolean isLegal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 64));
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return name.length() > 64 ? out + "..." : out.toString();
    }
}
