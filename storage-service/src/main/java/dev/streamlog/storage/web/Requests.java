package dev.streamlog.storage.web;

import dev.streamlog.model.Acks;
import dev.streamlog.model.TopicNames;

/** Checks of request parameters shared by the controllers. Stateless and thread-safe. */
public final class Requests {

    private Requests() {
    }

    /**
     * The topic name if it follows the shared rule.
     *
     * @throws BadRequestException naming the problem otherwise
     */
    public static String topic(String name) {
        TopicNames.problem(name).ifPresent(problem -> {
            throw new BadRequestException(problem);
        });
        return name;
    }

    /**
     * The value if it is not negative.
     *
     * @throws BadRequestException otherwise
     */
    public static long notNegative(String parameter, long value) {
        if (value < 0) {
            throw new BadRequestException(parameter + " must not be negative, got " + value);
        }
        return value;
    }

    /** The {@code acks} query parameter. */
    public static Acks acks(String value) {
        return Acks.parse(value).orElseThrow(() -> new BadRequestException(Acks.problem(value)));
    }
}
