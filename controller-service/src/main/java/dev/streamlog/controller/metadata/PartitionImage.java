package dev.streamlog.controller.metadata;

import dev.streamlog.model.cluster.PartitionState;

/**
 * A partition znode {@code /brokers/topics/{t}/partitions/{p}} as the controller knows it: its
 * state znode's content and version, or no state when only the partition znode exists (a
 * creation cut short, which recovery completes). Immutable.
 *
 * @param state        content of the {@code state} child, or null when there is none
 * @param stateVersion ZooKeeper version of the state znode, or -1 without one
 */
public record PartitionImage(PartitionState state, int stateVersion) {

    /** A partition znode without a state child. */
    public static final PartitionImage WITHOUT_STATE = new PartitionImage(null, -1);

    /** Whether the state znode exists. */
    public boolean hasState() {
        return state != null;
    }
}
