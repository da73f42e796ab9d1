package dev.streamlog.storage.partition;

import dev.streamlog.model.cluster.PartitionState;
import java.util.List;

/**
 * What this node knows of a partition's leadership: the state znode's content
 * ({@code .../partitions/{p}/state}), the znode's version and the partition's replica list.
 * One state is newer than another if its leader epoch is higher or, in the same epoch, its
 * znode version is (the leader's own ISR changes keep the epoch), so states learnt from the
 * ZooKeeper watch and from the controller's pushes may arrive in any order. Immutable.
 *
 * @param leaderId        the leader's broker id, or {@link PartitionState#NO_LEADER}
 * @param leaderEpoch     the leader epoch; -1 before anything is known
 * @param isr             the in-sync replicas
 * @param replicas        every replica, in assignment order
 * @param zkVersion       the state znode's version; -1 when unknown
 * @param controllerEpoch the epoch of the controller that elected this leader
 */
public record Leadership(int leaderId, int leaderEpoch, List<Integer> isr, List<Integer> replicas, int zkVersion,
                         int controllerEpoch) {

    /** Nothing known yet. */
    public static final Leadership UNKNOWN = new Leadership(PartitionState.NO_LEADER, -1, List.of(), List.of(), -1, -1);

    public Leadership {
        isr = List.copyOf(isr);
        replicas = List.copyOf(replicas);
    }

    /** The leadership a state znode describes. */
    public static Leadership of(PartitionState state, List<Integer> replicas, int zkVersion) {
        return new Leadership(state.leader(), state.leaderEpoch(), state.isr(), replicas, zkVersion,
                state.controllerEpoch());
    }

    /** Whether this state replaces {@code other}. */
    public boolean newerThan(Leadership other) {
        return leaderEpoch > other.leaderEpoch || leaderEpoch == other.leaderEpoch && zkVersion > other.zkVersion;
    }

    /** The same leadership with another ISR, as written in znode version {@code newZkVersion}. */
    public Leadership withIsr(List<Integer> newIsr, int newZkVersion) {
        return new Leadership(leaderId, leaderEpoch, newIsr, replicas, newZkVersion, controllerEpoch);
    }

    /** The content of the state znode. */
    public PartitionState toState() {
        return new PartitionState(leaderId, leaderEpoch, isr, controllerEpoch);
    }
}
