package dev.streamlog.storage.replica;

import dev.streamlog.storage.partition.Leadership;

/** An ISR write lost a race: the state znode had changed; carries its current content. Immutable. */
public final class IsrConflictException extends RuntimeException {

    private final transient Leadership current;

    public IsrConflictException(String message, Leadership current) {
        super(message);
        this.current = current;
    }

    /** What the state znode holds now, or null if it is gone. */
    public Leadership current() {
        return current;
    }
}
