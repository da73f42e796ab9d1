package dev.streamlog.storage.partition;

/**
 * A request carried an older controller epoch or another leader epoch than this node knows;
 * answered 409 with {@code FENCED} (40904). Immutable.
 */
public final class FencedException extends RuntimeException {

    public FencedException(String message) {
        super(message);
    }
}
