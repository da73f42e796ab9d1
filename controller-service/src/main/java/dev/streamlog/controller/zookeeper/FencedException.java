package dev.streamlog.controller.zookeeper;

/**
 * A transaction failed its check of {@code /controller_epoch}: another controller has been
 * elected since, so this one must stop acting as the controller. Nothing of the transaction was
 * applied. Immutable.
 */
public class FencedException extends ZkStoreException {

    public FencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
