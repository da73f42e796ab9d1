package dev.streamlog.storage.produce;

import dev.streamlog.storage.web.BadRequestException;

/** How much of the ISR must hold an append before it is answered ({@code ?acks=0|1|all}, {@code -1} = all). */
public enum Acks {
    /** Answer once the leader took the request (the gateway does not wait for the answer). */
    NONE,
    /** Answer once the leader appended. */
    LEADER,
    /** Answer once every in-sync replica holds the records (the high watermark passed them). */
    ALL;

    /**
     * @throws BadRequestException for anything but {@code 0}, {@code 1}, {@code all} or {@code -1}
     */
    public static Acks parse(String text) {
        return switch (text == null ? "all" : text.trim()) {
            case "0" -> NONE;
            case "1" -> LEADER;
            case "all", "-1" -> ALL;
            default -> throw new BadRequestException("acks must be 0, 1 or all, got '" + text + "'");
        };
    }
}
