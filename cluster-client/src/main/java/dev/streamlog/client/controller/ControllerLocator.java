package dev.streamlog.client.controller;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the active controller's base URL: the holder of the {@code /controller} leader latch. The production
 * implementation is {@link ZkControllerLocator}. Implementations are thread-safe.
 */
public interface ControllerLocator {

    /** The active controller as last seen (no remote call), if any participant is known. */
    Optional<String> activeController();

    /**
     * The active controller read straight from ZooKeeper, for a retry after the cached one failed. Completes empty
     * when there is no participant; fails at once when ZooKeeper is not connected, and on a ZooKeeper error or
     * after the controller timeout.
     */
    CompletableFuture<Optional<String>> freshActiveController();
}
