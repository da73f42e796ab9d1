package dev.streamlog.controller.metadata;

import java.util.List;

/**
 * Told by the active controller after partition states were persisted (elections, preferred
 * leader restores, new topics and partitions, recovery). Called while the controller holds its
 * command lock, so implementations must return at once (hand the work to another thread) and be
 * thread-safe.
 */
@FunctionalInterface
public interface PartitionStatesListener {

    /** Does nothing. */
    PartitionStatesListener NONE = (controllerEpoch, changes) -> { };

    /**
     * @param controllerEpoch the epoch of the controller that wrote the states
     * @param changes         the states written, never empty
     */
    void statesWritten(int controllerEpoch, List<PartitionChange> changes);
}
