package dev.streamlog.controller.metadata;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.ZkPaths;
import dev.streamlog.model.cluster.PartitionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Partition leadership commands: elect leaders after the live brokers changed, and move
 * leadership back to preferred replicas. Both read the live brokers from
 * {@link ClusterImage#brokers()} and the states from the image, which must have been loaded just
 * before (partition leaders change ISRs without the controller). Every change is a
 * version-checked {@link ZkWrite.SetData} of the state znode with the next leader epoch and the
 * image's controller epoch. Partitions without a state znode are left to {@link RecoveryCommands}.
 *
 * <p>Election, per partition of every live topic:
 * <ul>
 *   <li>leader live and every ISR member live: nothing;</li>
 *   <li>leader live, some ISR member not: ISR := ISR ∩ live, same leader;</li>
 *   <li>no leader, or a leader that is not live: the first replica (assignment order) that is live
 *       and in the ISR leads, ISR := ISR ∩ live. If there is none and the topic has
 *       {@code unclean.leader.election.enable=true}, the first live replica leads with ISR = [it];
 *       otherwise the partition goes offline: leader -1, ISR kept (so a returning ISR member can
 *       lead), unless it already is.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class LeaderElections {

    private static final ZnodeCodec CODEC = new ZnodeCodec();

    private LeaderElections() {
    }

    /** Elects leaders and shrinks ISRs to the live brokers, as described on the class. */
    public static ControllerResult<Elections> electLeaders(ClusterImage image) {
        Set<Integer> live = image.brokers().keySet();
        List<ZkWrite> writes = new ArrayList<>();
        List<TopicPartition> unclean = new ArrayList<>();
        for (TopicImage topic : image.liveTopics()) {
            boolean uncleanAllowed = Boolean.parseBoolean(
                    topic.configs().getOrDefault(TopicConfigs.UNCLEAN_LEADER_ELECTION_ENABLE, "false"));
            for (Map.Entry<Integer, PartitionImage> entry : topic.partitions().entrySet()) {
                PartitionImage partition = entry.getValue();
                List<Integer> replicas = topic.assignment().replicas(entry.getKey());
                if (!partition.hasState() || replicas.isEmpty()) {
                    continue;
                }
                Optional<PartitionState> next = elect(partition.state(), replicas, live, uncleanAllowed,
                        image.controllerEpoch());
                next.ifPresent(state -> {
                    writes.add(write(topic.name(), entry.getKey(), partition, state));
                    PartitionState before = partition.state();
                    boolean newLeader = state.hasLeader() && state.leader() != before.leader();
                    if (newLeader && !before.isr().contains(state.leader())) {
                        unclean.add(new TopicPartition(topic.name(), entry.getKey()));
                    }
                });
            }
        }
        return result(image, writes, unclean);
    }

    /**
     * Makes the preferred (first) replica the leader of every partition it does not lead while it
     * is live and in the ISR; the ISR stays as it is.
     */
    public static ControllerResult<Elections> restorePreferredLeaders(ClusterImage image) {
        Set<Integer> live = image.brokers().keySet();
        List<ZkWrite> writes = new ArrayList<>();
        for (TopicImage topic : image.liveTopics()) {
            for (Map.Entry<Integer, PartitionImage> entry : topic.partitions().entrySet()) {
                PartitionImage partition = entry.getValue();
                List<Integer> replicas = topic.assignment().replicas(entry.getKey());
                if (!partition.hasState() || replicas.isEmpty()) {
                    continue;
                }
                PartitionState state = partition.state();
                int preferred = replicas.get(0);
                if (state.leader() != preferred && live.contains(preferred) && state.isr().contains(preferred)) {
                    writes.add(write(topic.name(), entry.getKey(), partition, new PartitionState(preferred,
                            state.leaderEpoch() + 1, state.isr(), image.controllerEpoch())));
                }
            }
        }
        return result(image, writes, List.of());
    }

    /**
     * Whether some partition is led by another broker than its live preferred replica: a cheap
     * check on a possibly stale image (leaders change only by controller writes) before loading a
     * fresh one for {@link #restorePreferredLeaders}.
     */
    public static boolean hasMisplacedLeaders(ClusterImage image) {
        Set<Integer> live = image.brokers().keySet();
        for (TopicImage topic : image.liveTopics()) {
            for (Map.Entry<Integer, PartitionImage> entry : topic.partitions().entrySet()) {
                List<Integer> replicas = topic.assignment().replicas(entry.getKey());
                PartitionImage partition = entry.getValue();
                if (partition.hasState() && !replicas.isEmpty() && partition.state().leader() != replicas.get(0)
                        && live.contains(replicas.get(0))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The next state of one partition, or empty when it needs no write. */
    static Optional<PartitionState> elect(PartitionState state, List<Integer> replicas, Set<Integer> live,
                                          boolean uncleanAllowed, int controllerEpoch) {
        List<Integer> liveIsr = state.isr().stream().filter(live::contains).toList();
        int nextEpoch = state.leaderEpoch() + 1;
        if (state.hasLeader() && live.contains(state.leader())) {
            return liveIsr.size() == state.isr().size() ? Optional.empty()
                    : Optional.of(new PartitionState(state.leader(), nextEpoch, liveIsr, controllerEpoch));
        }
        Optional<Integer> clean = replicas.stream().filter(id -> live.contains(id) && liveIsr.contains(id)).findFirst();
        if (clean.isPresent()) {
            return Optional.of(new PartitionState(clean.get(), nextEpoch, liveIsr, controllerEpoch));
        }
        Optional<Integer> anyLive = replicas.stream().filter(live::contains).findFirst();
        if (uncleanAllowed && anyLive.isPresent()) {
            return Optional.of(new PartitionState(anyLive.get(), nextEpoch, List.of(anyLive.get()), controllerEpoch));
        }
        if (!state.hasLeader()) {
            return Optional.empty();
        }
        return Optional.of(new PartitionState(PartitionState.NO_LEADER, nextEpoch, state.isr(), controllerEpoch));
    }

    private static ZkWrite write(String topic, int partition, PartitionImage current, PartitionState next) {
        return new ZkWrite.SetData(ZkPaths.partitionState(topic, partition), CODEC.writeState(next),
                current.stateVersion());
    }

    private static ControllerResult<Elections> result(ClusterImage image, List<ZkWrite> writes,
                                                      List<TopicPartition> unclean) {
        List<PartitionChange> changes = PartitionChange.fromWrites(writes, image.replay(writes));
        return new ControllerResult<>(writes, new Elections(changes, unclean));
    }
}
