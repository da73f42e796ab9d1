package dev.streamlog.controller.metadata;

import dev.streamlog.model.TopicConfigs;
import dev.streamlog.model.cluster.PartitionState;
import java.util.List;

/**
 * How the partitions of a {@link ClusterImage} stand, Kafka's way of counting: {@code offline} has no leader or
 * a leader that is not a live broker; {@code underReplicated} has an ISR smaller than its replica set;
 * {@code underMinIsr} has an ISR smaller than its topic's {@code min.insync.replicas} (default 1), so acks=all
 * writes to it are refused. Topics being deleted are left out. Immutable.
 *
 * @param partitions      partitions counted
 * @param offline         partitions without a live leader
 * @param underReplicated partitions whose ISR is smaller than their replica set
 * @param underMinIsr     partitions whose ISR is smaller than {@code min.insync.replicas}
 */
public record PartitionHealth(int partitions, int offline, int underReplicated, int underMinIsr) {

    /** Nothing counted (a standby controller, which holds no image). */
    public static final PartitionHealth NONE = new PartitionHealth(0, 0, 0, 0);

    /** Counts the live topics' partitions of {@code image}. */
    public static PartitionHealth of(ClusterImage image) {
        int partitions = 0;
        int offline = 0;
        int underReplicated = 0;
        int underMinIsr = 0;
        for (TopicImage topic : image.liveTopics()) {
            int minIsr = Integer.parseInt(topic.configs().getOrDefault(TopicConfigs.MIN_INSYNC_REPLICAS, "1"));
            for (int p = 0; p < topic.partitionCount(); p++) {
                partitions++;
                PartitionImage partition = topic.partitions().getOrDefault(p, PartitionImage.WITHOUT_STATE);
                PartitionState state = partition.state();
                if (state == null || !state.hasLeader() || !image.brokers().containsKey(state.leader())) {
                    offline++;
                }
                List<Integer> isr = state == null ? List.of() : state.isr();
                if (isr.size() < topic.assignment().replicas(p).size()) {
                    underReplicated++;
                }
                if (isr.size() < minIsr) {
                    underMinIsr++;
                }
            }
        }
        return new PartitionHealth(partitions, offline, underReplicated, underMinIsr);
    }
}
