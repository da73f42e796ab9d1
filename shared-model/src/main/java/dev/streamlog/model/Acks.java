package dev.streamlog.model;

import java.util.Optional;

/**
 * How many replicas must hold a produced record before the produce request is answered:
 * {@code ?acks=0|1|all} on produce ({@code -1} is accepted for {@code all}, as Kafka clients
 * write it). Immutable.
 */
public enum Acks {
    /** Do not wait: the gateway answers once the request is accepted, without offsets. */
    NONE("0"),
    /** Answer once the partition leader appended the records. */
    LEADER("1"),
    /** Answer once every in-sync replica holds the records (default). */
    ALL("all");

    private final String wireValue;

    Acks(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The query parameter value. */
    public String wireValue() {
        return wireValue;
    }

    /** The acks a query parameter names; {@link #ALL} when absent; empty when it names none. */
    public static Optional<Acks> parse(String text) {
        if (text == null) {
            return Optional.of(ALL);
        }
        return switch (text.trim()) {
            case "0" -> Optional.of(NONE);
            case "1" -> Optional.of(LEADER);
            case "all", "-1" -> Optional.of(ALL);
            default -> Optional.empty();
        };
    }

    /** What is wrong with an {@code acks} value {@link #parse} refused. */
    public static String problem(String text) {
        return "acks must be 0, 1 or all, got '" + text + "'";
    }
}
