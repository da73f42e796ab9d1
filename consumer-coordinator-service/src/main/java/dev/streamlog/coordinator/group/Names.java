package dev.streamlog.coordinator.group;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicNames;

/** Group ids and instance names follow the topic-name rule. Stateless. */
public final class Names {

    private Names() {
    }

    /**
     * @param what what the name is, for the message ({@code group id}, {@code instance name})
     * @throws CoordinatorException 400/40001 when {@code name} breaks the rule
     */
    public static void check(String what, String name) {
        TopicNames.problem("name", name).ifPresent(problem -> {
            throw new CoordinatorException(ErrorCode.BAD_REQUEST, what + ": " + problem);
        });
    }
}
