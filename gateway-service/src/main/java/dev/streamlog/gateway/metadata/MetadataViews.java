package dev.streamlog.gateway.metadata;

import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.v2.PartitionMetadata;
import dev.streamlog.model.v2.ReplicaMetadata;
import dev.streamlog.model.v2.TopicMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The v2 descriptions of topics and partitions, from a {@link TopicView}: a partition's leader is its state's
 * leader ({@code -1} when it has no state or no leader), each replica is flagged leader and in-sync from the same
 * state. Stateless.
 */
final class MetadataViews {

    private MetadataViews() {
    }

    static TopicMetadata topic(TopicView topic) {
        List<PartitionMetadata> partitions = new ArrayList<>(topic.partitionCount());
        for (int p = 0; p < topic.partitionCount(); p++) {
            partitions.add(partition(topic, p));
        }
        return new TopicMetadata(topic.name(), topic.assignment().configs(), partitions);
    }

    static PartitionMetadata partition(TopicView topic, int partition) {
        PartitionState state = topic.state(partition).orElse(null);
        int leader = state == null ? PartitionState.NO_LEADER : state.leader();
        List<ReplicaMetadata> replicas = topic.assignment().replicas(partition).stream()
                .map(broker -> new ReplicaMetadata(broker, broker == leader,
                        state != null && state.isr().contains(broker)))
                .toList();
        return new PartitionMetadata(partition, leader, replicas);
    }
}
